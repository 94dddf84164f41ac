#!/usr/bin/env node
// The README's screenshots, taken in the real workbench (code-server + headless Chromium) against the in-process
// gateway emulator with its sample data. Not part of `npm test`: run it when the UI changes, then look at the
// pictures before committing them.
//
// Usage: flock /tmp/walk.lock node test/e2e/screenshots.mjs [1.139.1] [name…]
//   needs `npm run package` (the .vsix) and `npx tsc -p .` (out/test/emulator);  E2E_VSIX=path  E2E_KEEP=1
//   SHOTS_DIR=folder (default media/screenshots); names limit the run, e.g. `… 1.139.1 health export`.
//
// One workbench, the emulator's key in the environment, region cn-hangzhou, every product, side bar 520 px:
//   browse    the tree: region → ApsaraDB RDS → an instance's backups, sizes and download links
//   details   a Tair instance's details with its 30-day timeline (Show Details from the row's menu)
//   health    Show Backup Health after its scan, the view's badge on the activity bar
//   find      Find by ID… with a backup on the third page of an RDS instance: revealed, filtered, details open
//   filter    Filter Backups… on an RDS instance: manual backups only, said on its row
//   export    Export… on an RDS instance, at its file-format question
//   error-row a throttled listing beyond the retry budget: an error row with its code; the rest keeps working
//   download  Download Backup… of an RDS backup, the progress notification under way
// The resources the sample data names with markup and formulas (for the security walks) get plain names.
// A step that fails is reported and its picture not written; the others still run. Exit code 1 if any failed.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  answerQuickInput, contextMenu, dismissHovers, expandPath, openViewContainer, repoRoot, runCommand, scrollToRow, setSideBarWidth,
  startWorkbench, treeRow, webviewFrame,
} from './workbench.mjs';
import {
  CATEGORY, CONTAINER, PRODUCT_TITLES, collapseAll, emulatorModule, expectRevealed, downloadRow, until, viewOf, vsix,
} from '../reliability/e2eKit.mjs';

const require = createRequire(import.meta.url);
const REGION = 'cn-hangzhou';
const args = process.argv.slice(2);
const version = args.find((a) => /^\d+\.\d+\.\d+$/.test(a)) ?? '1.139.1';
const only = new Set(args.filter((a) => !/^\d+\.\d+\.\d+$/.test(a)));
const outDir = path.resolve(process.env.SHOTS_DIR || path.join(repoRoot, 'media/screenshots'));

for (const f of [vsix, emulatorModule]) {
  if (!fs.existsSync(f)) {
    console.error(`FAIL screenshots: ${path.relative(repoRoot, f)} does not exist; run \`npm run package\` and \`npx tsc -p .\` first`);
    process.exit(2);
  }
}
for (const k of Object.keys(process.env)) if (/^(ALIBABA_CLOUD_|ALICLOUD_)/.test(k)) delete process.env[k];
const { startEmulator, TEST_CREDENTIALS, SAMPLE_IDS, HOSTILE_TEXT, FORMULA_TEXT } = require(emulatorModule);
const RDS = SAMPLE_IDS.rds.mysql;

/**
 * The sample data names a few resources with markup and formulas for the security walks; in pictures for people
 * those would only distract, so they get plain names here.
 */
function plainNames(data) {
  const seen = new Set();
  const visit = (obj) => {
    if (!obj || typeof obj !== 'object' || seen.has(obj)) return;
    seen.add(obj);
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      if (v === HOSTILE_TEXT) obj[key] = 'staging';
      else if (v === FORMULA_TEXT) obj[key] = 'reports';
      else visit(v);
    }
  };
  visit(data);
}

/** Clear Filter on the RDS instance (Find by ID and Filter Backups… leave it filtered). */
async function clearRdsFilter(page) {
  await page.keyboard.press('Escape');
  const instance = treeRow(viewOf(page), RDS).first();
  if ((await instance.locator('.label-description').innerText()).includes('Filter:')) await contextMenu(instance.locator('.label-name'), 'Clear Filter');
}

/** Leaves the tree with nothing open, no menu, no quick input. */
async function reset(page) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await collapseAll(page);
}

/** The RDS instance's row, on screen under its expanded product. */
async function rdsInstance(page) {
  const view = viewOf(page);
  await expandPath(view, [REGION, PRODUCT_TITLES.rds]);
  return scrollToRow(view, treeRow(view, RDS), { timeout: 20_000 });
}

/** The webview in front (the details or the health panel). */
const frontFrame = (page) => page.frameLocator('iframe.webview.ready:visible').first().frameLocator('iframe#active-frame');

function makeShots(emulator, wb) {
  const rds = emulator.data.rds.instances.find((i) => i.id === RDS);
  return {
    browse: async (page) => {
      const view = viewOf(page);
      await expandPath(view, [REGION, PRODUCT_TITLES.rds, RDS]);
      await until(async () => (await treeRow(view, /^\d+$/).count()) > 2, 'the instance\'s backups listed');
      const first = treeRow(view, /^\d+$/).first();
      const id = await first.locator('.label-name').innerText();
      await first.locator('.label-name').click();
      await webviewFrame(page).locator('#title').filter({ hasText: `Backup ${id}` }).waitFor({ timeout: 20_000 });
    },
    details: async (page) => {
      const view = viewOf(page);
      await expandPath(view, [REGION, PRODUCT_TITLES['r-kvstore']]);
      await contextMenu(treeRow(view, SAMPLE_IDS.kvstore.standard).locator('.label-name'), 'Show Details');
      const frame = webviewFrame(page);
      await frame.locator('#title').filter({ hasText: SAMPLE_IDS.kvstore.standard }).waitFor({ timeout: 20_000 });
      await frame.locator('#timeline .timeline-caption').filter({ hasText: 'Schedule:' }).waitFor({ timeout: 30_000 });
    },
    health: async (page) => {
      await runCommand(page, `${CATEGORY}: Show Backup Health`);
      const frame = frontFrame(page);
      await frame.locator('#status-text').filter({ hasText: /^Checked \d+ resources at / }).waitFor({ timeout: 120_000 });
      // The side bar closed for a wider table; the badge stays on the activity bar.
      await page.locator(`.activitybar .action-item:has(a[aria-label^="${CONTAINER}"]), .activitybar .action-item[aria-label^="${CONTAINER}"]`).first().click();
      await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 10_000 });
      await frame.locator('.table-scroll').evaluate((el) => { el.scrollLeft = 0; el.scrollTop = 0; });
    },
    find: async (page) => {
      // Newest first: position 80 of 130 is on the third page of 30.
      const deepId = String(rds.backups.id(rds.backups.count - 1 - 80));
      await runCommand(page, `${CATEGORY}: Find by ID…`);
      await (await answerQuickInput(page, 'A backup ID', deepId)).press('Enter');
      await expectRevealed(viewOf(page), deepId);
      await webviewFrame(page).locator('#title').filter({ hasText: `Backup ${deepId}` }).waitFor({ timeout: 20_000 });
      return () => clearRdsFilter(page);
    },
    filter: async (page) => {
      const instance = await rdsInstance(page);
      await contextMenu(instance.locator('.label-name'), 'Filter Backups…');
      for (const prompt of ['started at or after', 'started before']) await (await answerQuickInput(page, prompt, '')).press('Enter');
      await page.locator('.quick-input-widget', { hasText: 'Backup status' }).waitFor({ timeout: 10_000 });
      await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Any status' }).first().click();
      await page.locator('.quick-input-widget', { hasText: 'Backup mode' }).waitFor({ timeout: 10_000 });
      await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Manual' }).first().click();
      await page.locator('.quick-input-widget', { hasText: 'Backup type' }).waitFor({ timeout: 10_000 });
      await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Any type' }).first().click();
      await until(async () => (await instance.locator('.label-description').innerText()).includes('Filter: Manual'), 'the instance saying "Filter: Manual"');
      if ((await instance.getAttribute('aria-expanded')) !== 'true') await instance.locator('.monaco-tl-twistie').click();
      await until(async () => (await treeRow(viewOf(page), /^\d+$/).count()) > 0, 'the manual backups listed');
      return () => clearRdsFilter(page);
    },
    export: async (page) => {
      const instance = await rdsInstance(page);
      await contextMenu(instance.locator('.label-name'), 'Export…');
      await page.locator('.quick-input-widget').filter({ has: page.locator('input[placeholder="File format"]') }).waitFor({ timeout: 15_000 });
      return async () => { await page.keyboard.press('Escape'); };
    },
    'error-row': async (page) => {
      const view = viewOf(page);
      emulator.injectFault({ kind: 'throttle', product: 'dds', action: 'DescribeDBInstances' });
      await expandPath(view, [REGION]);
      const product = treeRow(view, PRODUCT_TITLES.dds).first();
      await product.locator('.monaco-tl-twistie').click();
      await until(async () => (await treeRow(view, /^Throttling/).count()) > 0, 'the throttled error row', { timeout: 60_000 });
      await expandPath(view, [PRODUCT_TITLES['r-kvstore']]);
      return async () => { emulator.clearFaults(); };
    },
    download: async (page) => {
      const view = viewOf(page);
      await expandPath(view, [REGION, PRODUCT_TITLES.rds, RDS]);
      const row = await scrollToRow(view, treeRow(view, /^\d+$/), { timeout: 20_000 });
      const id = await row.locator('.label-name').innerText();
      const target = path.join(wb.server.folder, `backup-${id}.tar.gz`);
      emulator.injectFault({ kind: 'slowLink', bytesPerSecond: 8 * 1024 * 1024, times: 1 });
      await downloadRow(page, row, target);
      const progress = page.locator('.notification-toast', { hasText: 'Downloading backup' }).first();
      await until(async () => /[1-9]\d*% ?\)/.test(await progress.innerText().catch(() => '')), 'the progress notification with a percentage', { timeout: 60_000 });
      return async () => {
        await progress.locator('.monaco-button', { hasText: 'Cancel' }).first().click().catch(() => {});
        await until(() => !fs.readdirSync(wb.server.folder).some((f) => f.startsWith(`backup-${id}`)), 'the cancelled download\'s .part gone', { timeout: 15_000 }).catch(() => {});
        emulator.clearFaults();
      };
    },
  };
}

const emulator = await startEmulator({ port: 0, downloads: true });
plainNames(emulator.data);
const made = [];
const failed = [];
let wb;
try {
  const endpoints = Object.fromEntries(['adb', 'dds', 'dbs', 'rds', 'polardb', 'r-kvstore'].map((p) => [p, emulator.url]));
  wb = await startWorkbench({
    version, vsix,
    settings: {
      'alibabaCloudBackups.regions': [REGION],
      'alibabaCloudBackups.endpointOverrides': endpoints,
      'alibabaCloudBackups.pageSize': 30,
      'workbench.tree.enableStickyScroll': false,
      'files.simpleDialog.enable': true,
      'workbench.colorTheme': 'Default Dark Modern',
    },
    env: { ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_CREDENTIALS.normal.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_CREDENTIALS.normal.accessKeySecret },
  });
  const { page } = wb;
  await openViewContainer(page, CONTAINER);
  await treeRow(viewOf(page), REGION).first().waitFor({ timeout: 60_000 });
  await setSideBarWidth(page, 520).catch((err) => console.log(`  (side bar left at its width: ${err.message})`));
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, take] of Object.entries(makeShots(emulator, wb))) {
    if (only.size && !only.has(name)) continue;
    const t0 = Date.now();
    try {
      await reset(page);
      await runCommand(page, 'View: Close All Editors').catch(() => {});
      await openViewContainer(page, CONTAINER);
      const after = await take(page);
      await dismissHovers(page);
      const file = path.join(outDir, `${name}.png`);
      await wb.screenshot(file);
      if (typeof after === 'function') await after();
      made.push(path.relative(repoRoot, file));
      console.log(`ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)}s) ${path.relative(repoRoot, file)}`);
    } catch (err) {
      failed.push(name);
      console.log(`FAIL ${name} (${((Date.now() - t0) / 1000).toFixed(1)}s): ${err?.message ?? err}`);
      await wb.screenshot(path.join(repoRoot, 'test-results', `screenshots-${name}-failure.png`)).catch(() => {});
      emulator.clearFaults();
    }
  }
} finally {
  await wb?.stop(failed.length ? { keep: true } : {});
  await emulator.close();
}
console.log(`\nVS Code ${version}: ${made.length} screenshots in ${path.relative(repoRoot, outDir) || '.'}${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
