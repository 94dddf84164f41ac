#!/usr/bin/env node
// Export… in a real VS Code workbench (code-server + headless Chromium) against the in-process gateway emulator.
//
// Usage: node test/e2e/export.mjs [1.100.3] [1.139.1]          (no argument: both versions)
//   needs `npm run package` (the .vsix) and `npx tsc -p .` (out/test/emulator);  E2E_VSIX=path  E2E_KEEP=1
//
// One workbench per version, the emulator's key in the environment, region cn-hangzhou, ApsaraDB RDS only:
//   1 csv-hostile  Export… from the context menu of rm-bp1hostile0000001 (HOSTILE_TEXT as its name, a database
//                  named FORMULA_TEXT) → CSV (UTF-8), no download URLs, the save dialog's default name. The file
//                  on disk: CRLF, no BOM, header + 3 backups + 2 parts, the formula written as '=HYPERLINK(""…"")
//                  (neutralised, quotes doubled), the name whole in every row, no URL or signature anywhere; the
//                  notification is our sentence, and its Open button opens the file
//   2 json-urls    Export… from the palette on the selected rm-bp1mysql000000001 (130 backups) → JSON with the
//                  download URLs box ticked: 130 backups, read in 2 requests, each once, the URLs in their columns
//   3 csv-excel    Export… → CSV for Excel: the file starts with the UTF-8 BOM
//   4 cancel       rm-bp1mysql000000001 again with 3 s latency, Cancel on the progress notification while the
//                  first of its 2 pages is read: "Export cancelled.", no file, no second request
// After every step: no error row in the tree.
// Screenshots: test-results/export-<version>-<n>-<name>.png
import fs from 'node:fs';
import path from 'node:path';
import { expandPath, runCommand, scrollToRow, treeRow, contextMenu, waitForNotification, waitForStatusBar } from './workbench.mjs';
import { CATEGORY, Failure, PRODUCT_TITLES, check, clearNotifications, equal, until, viewOf } from '../reliability/e2eKit.mjs';
import { prepareWalk, runWalk } from './walkRunner.mjs';

const REGION = 'cn-hangzhou';
const SECRET_QUERY = /Signature=|OSSAccessKeyId|Expires=|x-oss-signature|x-oss-credential/i;

const { SAMPLE_IDS, HOSTILE_TEXT, FORMULA_TEXT } = prepareWalk('export');

/** RFC 4180, as a spreadsheet reads it: rows of fields; fails unless every line ends with CRLF. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else if (c === '\n') throw new Failure(`a bare LF outside quotes after ${rows.length} rows`);
    else field += c;
  }
  check(field === '' && row.length === 0, 'the CSV does not end with CRLF');
  return rows;
}

/** Chooses the item labelled `label` in the quick pick whose input says `placeholder`. */
async function pick(page, placeholder, label) {
  const widget = page.locator('.quick-input-widget').filter({ has: page.locator(`input[placeholder="${placeholder}"]`) });
  await widget.waitFor({ timeout: 15_000 });
  const row = widget.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
}

/** Answers the download-URL question: Enter leaves the box unticked; `tick` ticks it and presses OK. */
async function answerUrls(page, { tick }) {
  const widget = page.locator('.quick-input-widget', { hasText: 'Include download URLs' });
  await widget.waitFor({ timeout: 15_000 });
  check(await widget.innerText().then((t) => t.includes('They are signed and let anyone who has the file download the backup until they expire.')), 'the URL box does not say what the URLs are');
  if (!tick) {
    await page.keyboard.press('Enter');
    return;
  }
  const row = widget.locator('.quick-input-list .monaco-list-row', { hasText: 'Include download URLs' }).first();
  await row.click();
  await until(async () => (await row.getAttribute('aria-checked')) === 'true', 'the box ticked', { timeout: 5_000 });
  await widget.locator('.quick-input-action .monaco-button, .monaco-button', { hasText: /^OK$/ }).first().click();
}

/** Accepts the save dialog (code-server's quick-input file dialog) once it offers `name`; returns the path it shows. */
async function acceptSaveDialog(page, name) {
  const input = page.locator('.quick-input-widget .quick-input-box input').first();
  const value = await until(async () => {
    const v = await input.inputValue().catch(() => '');
    return v.endsWith(name) ? v : undefined;
  }, `the save dialog offering ${name}`);
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  return value;
}

/** The export's DescribeBackups: page size 100 (the tree asks for 30). */
const exportRequests = (emulator) => emulator.requests().filter((r) => r.action === 'DescribeBackups' && r.product === 'rds' && r.params.PageSize === '100');

/** The row of an RDS instance, once the instances have loaded, scrolled into view. */
async function instanceRow(view, id) {
  await expandPath(view, [REGION, PRODUCT_TITLES.rds]);
  const row = treeRow(view, id);
  await row.first().waitFor({ timeout: 20_000 });
  return scrollToRow(view, row);
}

function makeSteps(emulator, folder) {
  return [
    {
      n: 1, name: 'csv-hostile', run: async ({ page, log }) => {
        const view = viewOf(page);
        const id = SAMPLE_IDS.rds.hostile;
        const row = await instanceRow(view, id);
        await contextMenu(row.locator('.label-name'), 'Export…');
        await pick(page, 'File format', 'CSV (UTF-8)');
        await answerUrls(page, { tick: false });
        const shown = await acceptSaveDialog(page, `${id}-backups.csv`);
        const toast = await waitForNotification(page, 'Exported 3 backups and 2 parts.', { timeout: 30_000 });
        const file = path.join(folder, `${id}-backups.csv`);
        const text = await until(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8'), `${file} written`);
        check(!text.startsWith('\uFEFF'), 'a BOM in the plain UTF-8 CSV');
        const rows = parseCsv(text);
        equal(rows.length, 1 + 3 + 2, 'CSV rows (header, 3 backups, 2 parts)');
        const header = rows[0];
        const col = (title) => header.indexOf(title);
        check(col('Download URL') < 0 && col('Intranet download URL') < 0, 'URL columns without the box ticked');
        const formula = rows.slice(1).map((r) => r[col('Backup ID')]).find((v) => v.includes('HYPERLINK'));
        equal(formula, `'${FORMULA_TEXT}`, 'the formula cell (neutralised)');
        check(text.includes(`"'${FORMULA_TEXT.replace(/"/g, '""')}"`), 'the formula cell is not quoted with its quotes doubled');
        check(rows.slice(1).every((r) => r[col('Resource name')] === HOSTILE_TEXT), 'the hostile name is not whole in every row');
        check(rows.slice(1).every((r) => r.length === header.length), 'a row with a different number of fields');
        check(!SECRET_QUERY.test(text) && !/https?:\/\/(?!x")/.test(text), `a URL or signature in the file: ${SECRET_QUERY.exec(text)?.[0]}`);
        const message = (await toast.innerText()).split('\n')[0];
        check(!message.includes(HOSTILE_TEXT) && !message.includes('<'), `untrusted text in the notification: ${message}`);
        await toast.locator('.monaco-button', { hasText: /^Open$/ }).click();
        await page.locator('.tab', { hasText: `${id}-backups.csv` }).first().waitFor({ timeout: 10_000 });
        log(`${path.basename(shown)}: ${rows.length - 1} rows, formula written as ${formula}, no URL; Open opened it`);
        await runCommand(page, 'View: Close All Editors').catch(() => {});
      },
    },
    {
      n: 2, name: 'json-urls', run: async ({ page, log }) => {
        const view = viewOf(page);
        const id = SAMPLE_IDS.rds.mysql;
        const row = await instanceRow(view, id);
        await row.locator('.label-name').click();
        emulator.clearRequests();
        await runCommand(page, `${CATEGORY}: Export…`);
        await pick(page, 'File format', 'JSON');
        await answerUrls(page, { tick: true });
        await acceptSaveDialog(page, `${id}-backups.json`);
        await waitForNotification(page, /Exported 130 backups/, { timeout: 30_000 });
        const file = path.join(folder, `${id}-backups.json`);
        const rows = JSON.parse(await until(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8'), `${file} written`));
        const backups = rows.filter((r) => r.partOf === null);
        equal(backups.length, 130, 'backups in the JSON');
        equal(new Set(backups.map((r) => r.backupId)).size, 130, 'distinct backup IDs');
        equal(exportRequests(emulator).length, 2, 'the export\'s DescribeBackups requests');
        const urls = rows.filter((r) => typeof r.downloadUrl === 'string');
        check(urls.length > 0 && urls.every((r) => /^https?:\/\/\S+Signature=/.test(r.downloadUrl)), 'no signed URLs although the box was ticked');
        check(rows.every((r) => !('raw' in r)), 'a raw API object in the JSON');
        log(`${rows.length} rows (${backups.length} backups), ${urls.length} download URLs, 2 requests`);
      },
    },
    {
      n: 3, name: 'csv-excel', run: async ({ page, log }) => {
        const view = viewOf(page);
        const id = SAMPLE_IDS.rds.postgres;
        const row = await instanceRow(view, id);
        await contextMenu(row.locator('.label-name'), 'Export…');
        await pick(page, 'File format', 'CSV for Excel (UTF-8 with BOM)');
        await answerUrls(page, { tick: false });
        await acceptSaveDialog(page, `${id}-backups.csv`);
        await waitForNotification(page, 'Exported 12 backups.', { timeout: 30_000 });
        const file = path.join(folder, `${id}-backups.csv`);
        const bytes = await until(() => fs.existsSync(file) && fs.readFileSync(file), `${file} written`);
        equal([...bytes.subarray(0, 3)].join(','), '239,187,191', 'the first three bytes (UTF-8 BOM)');
        equal(parseCsv(bytes.toString('utf8').slice(1)).length, 1 + 12, 'CSV rows');
        log('12 backups, UTF-8 with BOM');
      },
    },
    {
      n: 4, name: 'cancel', run: async ({ page, log }) => {
        const view = viewOf(page);
        const id = SAMPLE_IDS.rds.mysql;
        const row = await instanceRow(view, id);
        emulator.setLatency(3000);
        try {
          await contextMenu(row.locator('.label-name'), 'Export…');
          await pick(page, 'File format', 'CSV (UTF-8)');
          await answerUrls(page, { tick: false });
          emulator.clearRequests();
          await acceptSaveDialog(page, `${id}-backups.csv`);
          const progress = await waitForNotification(page, 'Exporting backups…');
          await progress.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
          await waitForStatusBar(page, 'Export cancelled.');
          // The request in flight is logged when its (delayed) answer goes out: wait past the latency.
          await page.waitForTimeout(4000);
          equal(exportRequests(emulator).length, 1, 'the export\'s DescribeBackups requests (the second page is never asked for)');
          check(!fs.existsSync(path.join(folder, `${id}-backups.csv`)), 'a file was written although the export was cancelled');
          log('cancelled while the first page was read; no second request, no file');
        } finally {
          emulator.setLatency(0);
        }
      },
    },
  ];
}

await runWalk({
  name: 'export',
  settings: {
    'alibabaCloudBackups.regions': [REGION],
    'alibabaCloudBackups.products': ['rds'],
    'alibabaCloudBackups.pageSize': 30,
    // The quick-input file dialog, whatever the host offers: the same keys answer it on every version.
    'files.simpleDialog.enable': true,
  },
  region: REGION,
  sideBarWidth: 700,
  tidyTree: true,
  steps: ({ emulator, wb }) => makeSteps(emulator, wb.server.folder),
  afterStep: ({ page }) => clearNotifications(page),
});
