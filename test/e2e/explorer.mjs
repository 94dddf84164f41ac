#!/usr/bin/env node
// End-to-end tests of the Backups explorer in a real VS Code workbench (code-server + headless Chromium) against
// the in-process gateway emulator.
//
// Usage: node test/e2e/explorer.mjs [1.100.3] [1.139.1]          (no argument: both versions)
//   needs `npm run package` (dist/alibaba-cloud-backup-explorer.vsix) and `npx tsc -p .` (out/test/emulator)
//   env E2E_VSIX=path   the .vsix to install;  E2E_KEEP=1 keep scratch folders;  E2E_VERBOSE=1 browser errors
//   env E2E_ONLY=1,3    run only these tests (numbers as below)
//
// Per version, one workbench with the emulator's key in the environment runs tests 1–4 and 6; a second one
// without any credentials (isolated HOME: no aliyun CLI profile either) runs test 5.
//   1 browse    paged AnalyticDB list to the end (230 backups, counted by ID), MongoDB replica set, shard node, DBS
//   2 copy      Copy Download URL / Copy Intranet Download URL / Copy Backup ID, checked on the real clipboard
//   3 details   DBS plan with a precheck error, a backup, hostile names (no script runs, nothing is rendered as HTML)
//   4 refresh   palette Refresh after the emulator gained backups: fresh requests and the new newest backups
//   5 sign-in   welcome view → Set Access Key… → tree; Clear Stored Access Key → welcome view
//   6 faults    throttling error row after bounded retries, HTML 502 on retry, success once the fault is gone
// Screenshots: test-results/e2e-<version>-<n>-<name>.png (…-failure.png when a test fails).
import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  answerQuickInput, childrenByScrolling, collapseRow, contextMenu, dismissHovers, expandPath, expandRow, openViewContainer,
  readChannelLog, readClipboard, readLogs, renderedRows, repoRoot, runCommand, scrollToRow, setSideBarWidth, startWorkbench, treeRow,
  waitForStatusBar, webviewFrame,
} from './workbench.mjs';
import {
  CATEGORY, CHANNEL, CONTAINER, Failure, check, equal, resultsDir, until, versions, viewOf, vsix as givenVsix, waitForExtension, SEED_PRODUCTS,
} from '../reliability/e2eKit.mjs';
import { onlySteps, pinnedVsix, prepareWalk, removeStaleShots } from './walkRunner.mjs';

const require = createRequire(import.meta.url);
const REGION = 'cn-hangzhou';
const ADB = 'AnalyticDB for MySQL';
const DDS = 'ApsaraDB for MongoDB';
const DBS = 'DBS Backup Plans';
const API_VERSIONS = { adb: '2019-03-15', dds: '2015-12-01', dbs: '2019-03-06' };

// Nothing from this shell may give the workbenches credentials (prepareWalk removes them): the sign-in test needs
// none at all, and the other workbench gets exactly the emulator's key.
const { startEmulator, TEST_CREDENTIALS, SAMPLE_IDS, HOSTILE_TEXT, ddsBackupTraits } = prepareWalk('explorer');
const { stringToSignV2 } = require(path.join(repoRoot, 'out/test/emulator/signature.js'));
// Every workbench of this run installs the same copy, even if dist/ is rebuilt meanwhile.
const vsix = pinnedVsix('explorer');

// ---- the emulator, asked directly (legacy v2 signature, the STS test key so these calls stand out in the log)
const OWN_KEY = TEST_CREDENTIALS.sts;
async function callEmulator(emulator, product, action, params) {
  const query = {
    Action: action, Version: API_VERSIONS[product], Format: 'JSON', AccessKeyId: OWN_KEY.accessKeyId,
    SecurityToken: OWN_KEY.securityToken, SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', SignatureNonce: randomUUID(),
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), ...params,
  };
  query.Signature = createHmac('sha1', `${OWN_KEY.accessKeySecret}&`).update(stringToSignV2('GET', query)).digest('base64');
  const res = await fetch(`${emulator.url}/?${new URLSearchParams(query)}`);
  const body = await res.json();
  if (!res.ok) throw new Error(`${action} through the emulator: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body;
}
/** The product's requests in the emulator's log (not the test's own). */
const productRequests = (emulator) => emulator.requests().filter((r) => r.accessKeyId !== OWN_KEY.accessKeyId);

/** Backup IDs of an AnalyticDB cluster, newest first, as the emulator holds them. */
function adbBackupIds(emulator, clusterId) {
  const series = emulator.data.findAdbCluster(clusterId).backups;
  return Array.from({ length: series.count }, (_, k) => String(series.id(series.count - 1 - k)));
}

/**
 * Runs a command from the palette by its exact title; fails saying what the palette offers instead when the
 * command is not listed (its `when` clause is false).
 */
async function runFromPalette(page, title, { why = '', shot } = {}) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${title}`);
  const rows = page.locator('.quick-input-list .monaco-list-row');
  let texts = [];
  // The list filters as it is typed into: give it a moment to show the command before calling it missing.
  await until(async () => {
    texts = (await rows.allInnerTexts()).map((t) => t.split('\n')[0].trim());
    return texts.includes(title);
  }, `"${title}" in the command palette`, { timeout: 3_000 }).catch(() => {});
  const index = texts.indexOf(title);
  if (index < 0) {
    await shot?.('palette-missing').catch(() => {});
    await page.keyboard.press('Escape');
    throw new Failure(`the command palette does not offer "${title}"${why}; for that text it lists: ${texts.join(' | ') || 'nothing'}`);
  }
  await rows.nth(index).click();
}

// ---- the tree
async function collapseAll(page) {
  const view = viewOf(page);
  await page.keyboard.press('Escape'); // hovers, menus
  const button = page.locator('.part.sidebar .title-actions .action-label[aria-label^="Collapse All"]').first();
  await button.click();
  await until(async () => (await renderedRows(view)).every((r) => r.level === 1 && r.expanded !== 'true'), 'the tree to collapse', { timeout: 5_000 });
}

// ---- the tests
function makeTests(ctx) {
  const { emulator } = ctx;
  return [
    {
      n: 1, name: 'browse', wb: 'env',
      async run({ page, shot, log }) {
        const view = viewOf(page);
        await collapseAll(page);
        const clusterId = SAMPLE_IDS.adb.big;
        const expected = adbBackupIds(emulator, clusterId);
        const cluster = await expandPath(view, [REGION, ADB, clusterId]);
        // First page, then Load more until there is none.
        const total = expected.length;
        const pageSize = 100;
        let pages = 1;
        for (let loaded = pageSize; loaded < total; loaded += pageSize) {
          const row = treeRow(view, `Load more… (${loaded} of ${total})`);
          await until(() => scrollToRow(view, row).then(() => true), `"Load more… (${loaded} of ${total})"`, { timeout: 20_000 });
          if (pages === 1) await shot('load-more');
          log(`clicking "Load more… (${loaded} of ${total})"`);
          await row.click();
          pages++;
          // The row stays where it was (now on screen) until the page is in: it says Loading…, then goes.
          await until(async () => (await row.count()) === 0 && (await treeRow(view, /^Loading…/).count()) === 0, `page ${pages} to load`, { timeout: 20_000 });
        }
        equal(pages, Math.ceil(total / pageSize), 'pages loaded');
        await scrollToRow(view, treeRow(view, expected[total - 1]));
        const more = treeRow(view, /^(Load more|Loading)…/);
        if (await more.count()) throw new Failure(`a "${await more.first().innerText()}" row is still there after ${pages} pages`);
        const { rows, setsize } = await childrenByScrolling(view, cluster);
        const labels = rows.map((r) => r.label);
        log(`${labels.length} rows under ${clusterId} (aria-setsize ${setsize}); emulator has ${expected.length}`);
        check(!labels.some((l) => /^Load more|^Loading/.test(l)), `a Load more row is still there after ${pages} pages`);
        equal(setsize, expected.length, `aria-setsize of the rows under ${clusterId}`);
        equal(new Set(labels).size, expected.length, `distinct backup IDs shown under ${clusterId}`);
        const misplaced = labels.findIndex((l, k) => l !== expected[k]);
        check(misplaced < 0, `backup #${misplaced + 1} under ${clusterId} is ${labels[misplaced]}, expected ${expected[misplaced]} (newest first)`);
        const last = rows[rows.length - 1];
        check(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} · .+ · .+/.test(last.description), `backup row description "${last.description}" is not "start · size · status"`);
        await shot('adb-end');
        await collapseAll(page);

        // MongoDB replica set, a shard node of the sharded cluster, a DBS plan.
        const replica = SAMPLE_IDS.dds.replica1;
        const replicaNewest = String(emulator.data.findDdsInstance(replica).backups.id(emulator.data.backupCount('dds', replica) - 1));
        const replicaRow = await expandPath(view, [REGION, DDS, replica]);
        await treeRow(view, replicaNewest).waitFor({ timeout: 20_000 });
        await shot('mongodb-replica');
        await collapseRow(replicaRow);
        const shard = SAMPLE_IDS.dds.shardNodes[0];
        const shardSeries = emulator.data.findDdsShard(shard).node.backups;
        const shardNewest = String(shardSeries.id(shardSeries.count - 1));
        await expandPath(view, [SAMPLE_IDS.dds.sharded, shard]);
        await treeRow(view, shardNewest).waitFor({ timeout: 20_000 });
        const shardRows = await renderedRows(view);
        const shardRow = shardRows.find((r) => r.label === shardNewest);
        equal(shardRow.setsize, shardSeries.count, `backups under shard node ${shard}`);
        await shot('mongodb-shard');
        await collapseAll(page);
        const plan = SAMPLE_IDS.dbs.big;
        const jobs = await callEmulator(emulator, 'dbs', 'DescribeFullBackupList', { BackupPlanId: plan, PageNum: '0', PageSize: '30' });
        const newestJob = jobs.Items.FullBackupFile[0].BackupSetId;
        await expandPath(view, [REGION, DBS, plan]);
        await treeRow(view, newestJob).waitFor({ timeout: 20_000 });
        await shot('dbs');
        await scrollToRow(view, treeRow(view, `Load more… (100 of ${emulator.data.backupCount('dbs', plan)})`)).catch(() => {
          throw new Failure(`the DBS plan ${plan} has no "Load more… (100 of ${emulator.data.backupCount('dbs', plan)})" row`);
        });
        log(`replica set backup ${replicaNewest}, shard node backup ${shardNewest}, DBS full backup ${newestJob} shown`);
      },
    },
    {
      n: 2, name: 'copy', wb: 'env',
      async run({ page, server, shot, log }) {
        const view = viewOf(page);
        await collapseAll(page);
        const instanceId = SAMPLE_IDS.dds.replica1;
        const series = emulator.data.findDdsInstance(instanceId).backups;
        const downloadable = [];
        for (let i = series.count - 1; i >= series.count - 10; i--) if (ddsBackupTraits.downloadable(i)) downloadable.push(String(series.id(i)));
        const [backupId, secondId] = downloadable;
        const served = (await callEmulator(emulator, 'dds', 'DescribeBackups', { DBInstanceId: instanceId, BackupId: backupId })).Backups.Backup[0];
        check(served?.BackupDownloadURL && served.BackupIntranetDownloadURL, `the emulator serves no URLs for backup ${backupId}`);
        await expandPath(view, [REGION, DDS, instanceId]);
        const row = treeRow(view, backupId);
        await row.waitFor({ timeout: 20_000 });
        const sentinel = async () => page.evaluate(() => navigator.clipboard.writeText('clipboard-sentinel'));
        const copied = (what) => until(async () => {
          const text = await readClipboard(page);
          return text !== 'clipboard-sentinel' && text;
        }, `the clipboard to receive the ${what}`, { timeout: 10_000 });
        const sameObject = (url, expectedUrl, what) => {
          check(/^https?:\/\//.test(url), `${what} "${url}" does not start with http`);
          const got = new URL(url);
          const want = new URL(expectedUrl);
          equal(`${got.origin}${got.pathname}`, `${want.origin}${want.pathname}`, `${what} host and path`);
          const expires = Number(got.searchParams.get('Expires'));
          check(url.includes('Expires=') && expires * 1000 > Date.now() + 120_000, `${what} has no Expires in the future: ${url}`);
          check(got.searchParams.get('Signature') && got.searchParams.get('OSSAccessKeyId'), `${what} is not presigned: ${url}`);
        };

        // Context menu → Copy Download URL.
        await sentinel();
        await contextMenu(row, 'Copy Download URL');
        const url = await copied('download URL');
        sameObject(url, served.BackupDownloadURL, 'copied download URL');
        check(!new URL(url).hostname.includes('-internal'), `the download URL is the intranet one: ${url}`);
        await waitForStatusBar(page, `Copied the download URL of backup ${backupId}`);
        await shot('download-url');
        log(`download URL: ${url.replace(/\?.*/, '?…')}`);

        // Context menu → Copy Intranet Download URL.
        await sentinel();
        await contextMenu(row, 'Copy Intranet Download URL');
        const intranet = await copied('intranet download URL');
        sameObject(intranet, served.BackupIntranetDownloadURL, 'copied intranet download URL');
        check(new URL(intranet).hostname.endsWith('-internal.aliyuncs.com'), `the intranet URL's host is not an -internal one: ${intranet}`);
        await waitForStatusBar(page, `Copied the intranet download URL of backup ${backupId}`);
        log(`intranet URL: ${intranet.replace(/\?.*/, '?…')}`);
        // A copied URL is a credential for the backup: its signature must not end up in any log.
        const secrets = [url, intranet].map((u) => new URL(u).searchParams.get('Signature'));
        const leaks = readLogs(server).filter((l) => secrets.some((sig) => l.includes(sig)));
        check(leaks.length === 0, `a copied URL's signature is in the logs: ${leaks[0]}`);

        // Context menu → Copy Backup ID.
        await sentinel();
        await contextMenu(row, 'Copy Backup ID');
        equal(await copied('backup ID'), backupId, 'copied backup ID');
        await waitForStatusBar(page, `Copied backup ID ${backupId}`);
        await shot('backup-id');

        // The inline button on another backup's row.
        const second = treeRow(view, secondId);
        const servedSecond = (await callEmulator(emulator, 'dds', 'DescribeBackups', { DBInstanceId: instanceId, BackupId: secondId })).Backups.Backup[0];
        await sentinel();
        await second.hover();
        await second.locator('.actions .action-label[aria-label^="Copy Download URL"]').click();
        sameObject(await copied('download URL (inline button)'), servedSecond.BackupDownloadURL, 'download URL copied with the inline button');

        // A backup without a URL offers neither URL command.
        const noUrlIndex = Array.from({ length: series.count }, (_, k) => series.count - 1 - k).find((i) => !ddsBackupTraits.downloadable(i));
        const noUrlId = String(series.id(noUrlIndex));
        const noUrlRow = await scrollToRow(view, treeRow(view, noUrlId));
        await noUrlRow.click({ button: 'right' });
        const menu = page.locator('.context-view .monaco-menu').first();
        await menu.waitFor({ timeout: 10_000 });
        const items = (await menu.locator('.action-label').allInnerTexts()).filter(Boolean);
        await page.keyboard.press('Escape');
        check(items.includes('Copy Backup ID') && !items.some((t) => /Download URL/.test(t)), `context menu of backup ${noUrlId} (no URL) offers: ${items.join(' | ')}`);

        // Copy Backup ID on the selected row: Ctrl+C in the view, then the palette.
        const third = downloadable[2];
        await (await scrollToRow(view, treeRow(view, third))).click();
        await sentinel();
        await page.keyboard.press('Control+c');
        equal(await copied('backup ID (Ctrl+C)'), third, 'backup ID copied with Ctrl+C on the selected row');
        await sentinel();
        await treeRow(view, third).click();
        await runFromPalette(page, `${CATEGORY}: Copy Backup ID`, { why: ` while backup ${third} is selected in the focused Backups view`, shot });
        equal(await copied('backup ID (palette)'), third, 'backup ID copied from the palette');
      },
    },
    {
      n: 3, name: 'details', wb: 'env',
      async run({ page, shot, log, dialogs }) {
        const view = viewOf(page);
        const frame = webviewFrame(page);
        await collapseAll(page);
        const planId = SAMPLE_IDS.dbs.init;
        const plan = emulator.data.findDbsPlan(planId);
        await expandPath(view, [REGION, DBS]);
        await contextMenu(treeRow(view, planId), 'Show Details');
        await frame.locator('#title').filter({ hasText: planId }).waitFor({ timeout: 20_000 });
        const field = (label) => frame.locator(`#fields tr[data-field="${label}"] td`);
        const fieldText = async (label) => ((await field(label).count()) ? (await field(label).innerText()).trim() : undefined);
        equal(await frame.locator('#title').innerText(), `Plan ${planId}`, 'details title');
        equal(await fieldText('Plan ID'), planId, 'Plan ID field');
        equal(await fieldText('Schedule'), `${plan.backupPeriod} at ${plan.backupStartTime}`, 'Schedule field');
        equal(await fieldText('Retention'), `${plan.retentionDays} days`, 'Retention field');
        equal(await fieldText('Precheck error'), plan.errMessage, 'Precheck error field');
        const raw = JSON.parse(await frame.locator('#raw-json').innerText());
        equal(raw.BackupPlanId, planId, 'raw JSON BackupPlanId');
        equal(raw.ErrMessage, plan.errMessage, 'raw JSON ErrMessage');
        equal(raw.BackupRetentionPeriod, plan.retentionDays, 'raw JSON BackupRetentionPeriod');
        check(await frame.locator('#status').innerText().then((s) => s.trim().length > 0), 'the status badge is empty');
        await shot('plan');

        // A backup: clicking its row shows it in the same panel.
        const clusterId = SAMPLE_IDS.adb.small2;
        const backupId = adbBackupIds(emulator, clusterId).at(-1);
        await collapseAll(page);
        await expandPath(view, [REGION, ADB, clusterId]);
        await treeRow(view, backupId).click();
        await frame.locator('#title').filter({ hasText: backupId }).waitFor({ timeout: 20_000 });
        equal(await frame.locator('#title').innerText(), `Backup ${backupId}`, 'details title of the backup');
        equal(await fieldText('Backup ID'), backupId, 'Backup ID field');
        equal(await fieldText('Cluster'), clusterId, 'Cluster field');
        equal(await fieldText('Region'), REGION, 'Region field');
        const rawBackup = JSON.parse(await frame.locator('#raw-json').innerText());
        equal(rawBackup.BackupId, backupId, 'raw JSON BackupId');
        equal(await page.locator('iframe.webview').count(), 1, 'webview panels open (one reused panel)');
        await shot('backup');

        // The panel's buttons copy through the extension to the real clipboard.
        await page.evaluate(() => navigator.clipboard.writeText('clipboard-sentinel'));
        await frame.locator('#copy-id').click();
        equal(await until(async () => { const t = await readClipboard(page); return t !== 'clipboard-sentinel' && t; }, 'the Copy ID button'), backupId, 'clipboard after Copy ID');
        await waitForStatusBar(page, `Copied ${backupId} to the clipboard`);
        await frame.locator('#copy-json').click();
        const copiedJson = await until(async () => { const t = await readClipboard(page); return t !== backupId && t; }, 'the Copy JSON button');
        equal(JSON.stringify(JSON.parse(copiedJson)), JSON.stringify(rawBackup), 'clipboard after Copy JSON (the raw JSON shown)');

        // A MongoDB backup with download URLs: the panel says they exist but never shows a signature.
        const ddsId = SAMPLE_IDS.dds.replica2;
        const ddsSeries = emulator.data.findDdsInstance(ddsId).backups;
        const ddsIndex = Array.from({ length: ddsSeries.count }, (_, k) => ddsSeries.count - 1 - k).find((i) => ddsBackupTraits.downloadable(i));
        const ddsBackup = String(ddsSeries.id(ddsIndex));
        await collapseAll(page);
        await expandPath(view, [REGION, DDS, ddsId]);
        await treeRow(view, ddsBackup).click();
        await frame.locator('#title').filter({ hasText: ddsBackup }).waitFor({ timeout: 20_000 });
        equal(await fieldText('Download URL'), 'Available', 'Download URL field');
        const page3 = await frame.locator('body').innerText();
        const signed = /(Signature|OSSAccessKeyId)=(?!<redacted>)[^&\s"]+/;
        check(!signed.test(page3), `the details of MongoDB backup ${ddsBackup} show a URL's signature: ${page3.match(signed)?.[0]}`);

        // Open as JSON: VS Code's own read-only editor with the raw object.
        await contextMenu(treeRow(view, ddsBackup), 'Open as JSON');
        const editorText = page.locator('.editor-group-container .monaco-editor .view-lines').first();
        await until(async () => (await editorText.innerText()).includes(ddsBackup), `an editor with the JSON of ${ddsBackup}`, { timeout: 15_000 });
        const jsonText = (await editorText.innerText()).replace(/\u00a0/g, ' ');
        check(/"BackupId":\s*"\d+"/.test(jsonText), `the JSON editor does not show BackupId: ${jsonText.slice(0, 200)}`);
        check(/"BackupDownloadURL":\s*"http/.test(jsonText), `the JSON editor does not show BackupDownloadURL: ${jsonText.slice(0, 300)}`);
        check(!signed.test(jsonText), `the JSON editor of ${ddsBackup} shows a URL's signature: ${jsonText.match(signed)?.[0]}`);
        await shot('json');

        // Hostile names: an AnalyticDB cluster and a DBS plan.
        for (const [product, id, label] of [[ADB, SAMPLE_IDS.adb.hostile, 'Name'], [DBS, SAMPLE_IDS.dbs.hostile, 'Name']]) {
          await collapseAll(page);
          await expandPath(view, [REGION, product]);
          const row = treeRow(view, id);
          await row.waitFor({ timeout: 20_000 });
          const description = await row.locator('.label-description').innerText();
          check(description.includes('<img src=x onerror=alert(1)>') && description.includes('</script><script>window.__pwned=1</script>'), `the tree row of ${id} does not show its name literally: ${JSON.stringify(description)}`);
          check(await row.locator('img').count() === 0, `the tree row of ${id} contains an img element`);
          await contextMenu(row, 'Show Details');
          await frame.locator('#title').filter({ hasText: id }).waitFor({ timeout: 20_000 });
          equal(await field(label).evaluate((td) => td.textContent), HOSTILE_TEXT, `${label} field of ${id} (shown literally)`);
          check(await frame.locator('#fields img, #raw-json img').count() === 0, `the details of ${id} contain an img element`);
          check(await frame.locator('script').evaluateAll((all) => all.filter((el) => el.textContent.includes('__pwned')).length) === 0, `the details of ${id} contain the name's script as a script element`);
          const rawHostile = JSON.parse(await frame.locator('#raw-json').innerText());
          check(JSON.stringify(rawHostile).includes(JSON.stringify(HOSTILE_TEXT).slice(1, -1)), `the raw JSON of ${id} does not hold the name literally`);
          const handle = await frame.locator('#title').elementHandle();
          const inner = await handle.ownerFrame();
          equal(await inner.evaluate(() => typeof window.__pwned), 'undefined', `window.__pwned inside the webview of ${id}`);
          equal(await page.evaluate(() => typeof window.__pwned), 'undefined', 'window.__pwned in the workbench');
          log(`hostile name of ${id} shown literally; no script ran`);
        }
        equal(dialogs.length, 0, `dialogs opened (${dialogs.join(' | ')})`);
        await shot('hostile');

        // The palette's Show Details acts on the selected row (clicking a cluster row selects it, and expands it).
        await collapseAll(page);
        await expandPath(view, [REGION, ADB]);
        await treeRow(view, SAMPLE_IDS.adb.small1).click();
        try {
          await runFromPalette(page, `${CATEGORY}: Show Details`, { why: ` while cluster ${SAMPLE_IDS.adb.small1} is selected in the focused Backups view`, shot });
          await frame.locator('#title').filter({ hasText: SAMPLE_IDS.adb.small1 }).waitFor({ timeout: 20_000 });
        } finally {
          await page.keyboard.press('Escape');
          await runCommand(page, 'View: Close All Editors');
        }
      },
    },
    {
      n: 4, name: 'refresh', wb: 'env',
      async run({ page, shot, log }) {
        const view = viewOf(page);
        await collapseAll(page);
        const clusterId = SAMPLE_IDS.adb.small1;
        const before = emulator.data.backupCount('adb', clusterId);
        const clusterRow = await expandPath(view, [REGION, ADB, clusterId]);
        const oldNewest = adbBackupIds(emulator, clusterId)[0];
        await treeRow(view, oldNewest).waitFor({ timeout: 20_000 });
        equal((await renderedRows(view)).find((r) => r.label === oldNewest).setsize, before, `backups shown under ${clusterId} before`);
        emulator.clearRequests();
        const after = emulator.data.addBackups('adb', clusterId, 3);
        const ids = adbBackupIds(emulator, clusterId);
        await runFromPalette(page, `${CATEGORY}: Refresh`);
        // Expanded rows stay expanded across a refresh (same ids); expand again where they did not.
        await until(async () => {
          for (const label of [REGION, ADB, clusterId]) {
            const row = treeRow(view, label).first();
            if (!(await row.count())) return false;
            if (await row.getAttribute('aria-expanded') !== 'true') await expandRow(row);
          }
          return (await treeRow(view, ids[0]).count()) > 0;
        }, `the new newest backup ${ids[0]} after Refresh`, { timeout: 20_000 });
        const level = Number(await clusterRow.getAttribute('aria-level')) + 1;
        const rows = (await renderedRows(view)).filter((r) => r.level === level);
        equal(rows[0]?.setsize, after, `backups shown under ${clusterId} after Refresh`);
        const top = rows.slice(0, 4).map((r) => r.label);
        equal(JSON.stringify(top), JSON.stringify(ids.slice(0, 4)), 'the newest rows after Refresh (3 new ones first)');
        const requests = productRequests(emulator);
        const actions = requests.map((r) => `${r.product} ${r.action}`);
        log(`requests after Refresh: ${[...new Set(actions)].join(', ')}`);
        check(requests.some((r) => r.product === 'adb' && r.action === 'DescribeRegions'), 'no fresh AnalyticDB DescribeRegions call after Refresh');
        check(requests.some((r) => r.action === 'DescribeDBClusters' && r.params.RegionId === REGION), 'no fresh DescribeDBClusters call after Refresh');
        check(requests.some((r) => r.action === 'DescribeBackups' && r.params.DBClusterId === clusterId), `no fresh DescribeBackups call for ${clusterId} after Refresh`);
        check(requests.every((r) => r.status === 200), `failed requests after Refresh: ${requests.filter((r) => r.status !== 200).map((r) => `${r.action} ${r.status} ${r.code}`).join(', ')}`);
        await shot('after');
      },
    },
    {
      n: 6, name: 'faults', wb: 'env',
      async run({ page, shot, log }) {
        const view = viewOf(page);
        await collapseAll(page);
        const clusterId = SAMPLE_IDS.adb.small2;
        emulator.clearRequests();
        emulator.injectFault({ kind: 'throttle', action: 'DescribeBackups' });
        const t0 = Date.now();
        await expandPath(view, [REGION, ADB, clusterId]);
        const errorRow = treeRow(view, /^[\w.]+: /);

        // The rest of the tree works meanwhile: DBS (no fault) expands while the cluster's request is retried.
        const plan = SAMPLE_IDS.dbs.big;
        const jobs = await callEmulator(emulator, 'dbs', 'DescribeFullBackupList', { BackupPlanId: plan, PageNum: '0', PageSize: '30' });
        await expandPath(view, [DBS, plan]);
        await treeRow(view, jobs.Items.FullBackupFile[0].BackupSetId).waitFor({ timeout: 20_000 });
        const dbsAfter = Date.now() - t0;
        const retrying = (await errorRow.count()) === 0;

        await errorRow.waitFor({ timeout: 30_000 });
        const label = await errorRow.locator('.label-name').innerText();
        const attempts = productRequests(emulator).filter((r) => r.action === 'DescribeBackups' && r.params.DBClusterId === clusterId);
        log(`DBS backups shown after ${(dbsAfter / 1000).toFixed(1)}s${retrying ? ', while the cluster was still being retried' : ''}; error row after ${((Date.now() - t0) / 1000).toFixed(1)}s and ${attempts.length} attempts: "${label}"`);
        check(/^Throttling\.User: .+/.test(label), `error row label "${label}" is not "Throttling.User: …"`);
        equal(await errorRow.locator('.label-description').innerText(), 'Click to retry', 'error row description');
        check(attempts.length >= 2 && attempts.length <= 6, `${attempts.length} DescribeBackups attempts for a throttled request (expected a few bounded retries)`);
        check(attempts.every((r) => r.code === 'Throttling.User'), `attempts answered ${attempts.map((r) => r.code).join(', ')}`);
        await shot('throttled');
        await collapseRow(treeRow(view, DBS));

        // Retry under another fault: the HTML error page of a 502.
        emulator.clearFaults();
        emulator.injectFault({ kind: 'html502', action: 'DescribeBackups' });
        await errorRow.click();
        const htmlRow = treeRow(view, /^HtmlErrorPage: /);
        await htmlRow.waitFor({ timeout: 30_000 });
        log(`after retry: "${await htmlRow.locator('.label-name').innerText()}"`);
        await shot('html502');

        // Retry with no fault: the backups load and the error row goes.
        emulator.clearFaults();
        await htmlRow.click();
        const ids = adbBackupIds(emulator, clusterId);
        await treeRow(view, ids[0]).waitFor({ timeout: 20_000 });
        await until(async () => (await treeRow(view, /^[\w.]+: /).count()) === 0, 'the error row to go', { timeout: 10_000 });
        const shown = (await renderedRows(view)).find((r) => r.label === ids[0]);
        equal(shown.setsize, ids.length, `backups of ${clusterId} after the fault cleared`);
        await shot('recovered');
      },
    },
    {
      n: 5, name: 'sign-in', wb: 'none',
      async run({ page, server, shot, log }) {
        const view = viewOf(page);
        const welcome = view.locator('.welcome-view-content');
        const button = welcome.locator('.monaco-button', { hasText: 'Set Access Key…' });
        await button.waitFor({ timeout: 30_000 });
        check(await welcome.innerText().then((t) => /No Alibaba Cloud credentials/.test(t)), 'the welcome view does not say that no credentials were found');
        await shot('welcome');
        emulator.clearRequests();
        await button.click();
        const key = TEST_CREDENTIALS.normal;
        const idBox = await answerQuickInput(page, 'AccessKey ID', key.accessKeyId);
        equal(await idBox.getAttribute('type'), 'text', 'type of the AccessKey ID box');
        await idBox.press('Enter');
        const secretBox = await answerQuickInput(page, 'AccessKey secret', key.accessKeySecret);
        equal(await secretBox.getAttribute('type'), 'password', 'type of the AccessKey secret box');
        await shot('secret');
        await secretBox.press('Enter');
        const tokenBox = await answerQuickInput(page, 'STS security token', '');
        await tokenBox.press('Enter');
        await treeRow(view, REGION).waitFor({ timeout: 30_000 });
        await until(async () => !(await welcome.isVisible()), 'the welcome view to go', { timeout: 5_000 });
        const stored = await waitForStatusBar(page, /AccessKey .+ stored/).then((item) => item.innerText());
        check(!stored.includes(key.accessKeyId), `the confirmation shows the whole AccessKey ID: "${stored}"`);
        const leaks = readLogs(server).filter((l) => l.includes(key.accessKeySecret));
        check(leaks.length === 0, `the AccessKey secret is in the logs: ${leaks[0]}`);
        const check1 = productRequests(emulator).filter((r) => r.action === 'DescribeRegions');
        check(check1.length > 0 && check1.every((r) => r.accessKeyId === key.accessKeyId), 'no DescribeRegions call signed with the new key');
        log(`signed in: ${check1.length} DescribeRegions calls with ${key.accessKeyId}; tree shows ${REGION}`);
        await shot('signed-in');
        await runFromPalette(page, `${CATEGORY}: Clear Stored Access Key`);
        await button.waitFor({ timeout: 20_000 });
        equal(await treeRow(view, REGION).count(), 0, `rows for ${REGION} after Clear Stored Access Key`);
        await shot('cleared');
      },
    },
  ];
}

// ---- runner

async function runVersion(version, emulator) {
  const results = [];
  const settings = {
    'alibabaCloudBackups.regions': [REGION],
    'alibabaCloudBackups.endpointOverrides': { adb: emulator.url, dds: emulator.url, dbs: emulator.url },
    // The products this walk was written for; the others have walks of their own.
    'alibabaCloudBackups.products': SEED_PRODUCTS,
    // Sticky headers would cover the rows under them (and duplicate them in the DOM).
    'workbench.tree.enableStickyScroll': false,
  };
  const tests = makeTests({ emulator }).filter((t) => !onlySteps || onlySteps.has(t.n));
  for (const wbKind of ['env', 'none']) {
    const group = tests.filter((t) => t.wb === wbKind);
    if (!group.length) continue;
    const t0 = Date.now();
    const env = wbKind === 'env'
      ? { ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_CREDENTIALS.normal.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_CREDENTIALS.normal.accessKeySecret }
      : {};
    let wb;
    try {
      wb = await startWorkbench({ version, vsix, settings, env });
      await openViewContainer(wb.page, CONTAINER);
      await waitForExtension(wb);
      await setSideBarWidth(wb.page, 560).catch((err) => console.log(`  (side bar left at its width: ${err.message})`));
    } catch (err) {
      const failShot = path.join(resultsDir, `e2e-${version}-0-startup-${wbKind}-failure.png`);
      await wb?.screenshot(failShot).then(() => console.log(`  startup failure screenshot: ${path.relative(repoRoot, failShot)}`), () => {});
      for (const t of group) {
        console.log(`FAIL ${version} ${t.n} ${t.name}: the workbench did not start: ${err?.message ?? err}`);
        results.push(false);
      }
      await wb?.stop({ keep: true });
      continue;
    }
    console.log(`  [${version}] workbench (${wbKind === 'env' ? 'key in the environment' : 'no credentials'}) ready in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    const dialogs = [];
    wb.page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
    let allOk = true;
    for (const t of group) {
      const base = path.join(resultsDir, `e2e-${version}-${t.n}-${t.name}`);
      const t1 = Date.now();
      const log = (m) => console.log(`    [${version} ${t.n} ${((Date.now() - t1) / 1000).toFixed(1)}s] ${m}`);
      const shots = [];
      const shot = async (label) => {
        const file = `${base}-${label}.png`;
        await dismissHovers(wb.page);
        await wb.screenshot(file);
        shots.push(path.relative(repoRoot, file));
      };
      const logBefore = readChannelLog(wb.server, CHANNEL).length;
      let ok = false;
      try {
        await t.run({ page: wb.page, server: wb.server, shot, log, dialogs });
        ok = true;
      } catch (err) {
        const failShot = `${base}-failure.png`;
        await wb.screenshot(failShot).then(() => shots.push(path.relative(repoRoot, failShot)), () => {});
        console.log(`    ${err instanceof Failure ? err.message : err?.stack ?? err}`);
        const lines = readChannelLog(wb.server, CHANNEL).slice(logBefore);
        console.log(`    extension log during the test (${lines.length} lines, last 25):\n${lines.slice(-25).map((l) => `      ${l}`).join('\n')}`);
        await wb.page.keyboard.press('Escape').catch(() => {});
        emulator.clearFaults();
      }
      allOk &&= ok;
      console.log(`${ok ? 'PASS' : 'FAIL'} ${version} ${t.n} ${t.name} (${((Date.now() - t1) / 1000).toFixed(1)}s) ${shots.join(' ')}`);
      results.push(ok);
    }
    await wb.stop(allOk ? {} : { keep: true });
  }
  return results;
}

removeStaleShots('e2e');
const emulator = await startEmulator({ port: 0 });
const all = [];
try {
  for (const version of versions) {
    const t0 = Date.now();
    const built = fs.statSync(givenVsix).mtime.toISOString().replace(/\.\d+Z$/, 'Z');
    console.log(`\n=== explorer e2e: VS Code ${version} (emulator ${emulator.url}; ${path.relative(repoRoot, givenVsix)} of ${built})`);
    const results = await runVersion(version, emulator);
    all.push(...results);
    console.log(`=== VS Code ${version}: ${results.filter(Boolean).length} passed, ${results.filter((r) => !r).length} failed in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  }
} finally {
  await emulator.close();
}
const failed = all.filter((r) => !r).length;
console.log(`\n${all.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
