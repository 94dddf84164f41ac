#!/usr/bin/env node
// ApsaraDB RDS, PolarDB and Tair / Redis in a real VS Code workbench (code-server + headless Chromium) against the
// in-process gateway emulator.
//
// Usage: node test/e2e/products.mjs [1.100.3] [1.139.1]          (no argument: both versions)
//   needs `npm run package` (the .vsix) and `npx tsc -p .` (out/test/emulator);  E2E_VSIX=path  E2E_KEEP=1
//
// One workbench per version, the emulator's key in the environment, page size 30, region cn-hangzhou, the
// products setting set to these three:
//   1 rds      ApsaraDB RDS → rm-bp1mysql000000001 (MySQL 8.0, 130 backups): 30 rows and "Load more… (30 of 130)",
//              a click brings 30 more; Copy Download URL on a backup puts an http(s) URL on the real clipboard
//   2 polardb  PolarDB → pc-bp1mysql8000000001: the backups of the 7-day window, "Load older… (before …)" adds the
//              week before; a backup's hover says PolarDB gives no download URL, and its menu offers no copy
//   3 tair     Tair / Redis → r-bp1standard00001: the 7-day window, Load older, Copy Download URL
//   4 tair-cluster  Tair / Redis → r-bp1cluster000001 (cloud-native): cluster backups (cb-…) read by GET
//              DescribeClusterBackupList; one expands to a backup per shard, each naming its shard; Copy Download URL
//   5 rds-filter    Filter Backups… on the RDS instance: any status, mode Manual, any type → the instance says
//              "Filter: Manual", DescribeBackups carries BackupMode=Manual, and only manual backups are listed
// After every step: no error row in the tree.
// Screenshots: test-results/products-<version>-<n>-<name>.png
import { answerQuickInput, contextMenu, expandPath, expandRow, readClipboard, renderedRows, scrollToRow, treeRow } from './workbench.mjs';
import {
  Failure, PRODUCT_TITLES, check, equal, hoverText, until, viewOf, 
} from '../reliability/e2eKit.mjs';
import { prepareWalk, runWalk } from './walkRunner.mjs';

const REGION = 'cn-hangzhou';

const { SAMPLE_IDS } = prepareWalk('products');

/** The labels (or descriptions) of the rendered rows at a tree level, in tree order. */
async function childLabels(view, level, field = 'label') {
  return (await renderedRows(view)).filter((r) => r.level === level).map((r) => r[field]);
}

/**
 * Copies the first backup row whose menu offers Copy Download URL, and returns what the clipboard then holds; a
 * sentinel written first makes sure the URL is this copy's, not an earlier step's.
 */
async function copyFirstDownloadUrl(page, view, level) {
  await page.evaluate(() => navigator.clipboard.writeText('clipboard-sentinel'));
  const rows = view.locator(`.monaco-list-row[aria-level="${level}"]`);
  for (let k = 0; k < Math.min(await rows.count(), 10); k++) {
    try {
      await contextMenu(rows.nth(k).locator('.label-name'), 'Copy Download URL', { timeout: 2_000 });
      // The command writes the clipboard when it has checked (and, if expired, renewed) the URL: wait for it.
      return await until(async () => {
        const text = await readClipboard(page);
        return /^https?:\/\//.test(text) ? text : undefined;
      }, 'the download URL on the clipboard', { timeout: 10_000 });
    } catch {
      await page.keyboard.press('Escape');
    }
  }
  throw new Failure('no backup row offers Copy Download URL');
}

/** Answers each prompt of Filter Backups… in turn: the two time boxes, then the quick picks. */
async function answerFilter(page, answers) {
  for (const [prompt, value] of answers) {
    const input = await answerQuickInput(page, prompt, value);
    await input.press('Enter');
  }
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

const requestsOf = (emulator, action, product) => emulator.requests().filter((r) => r.action === action && r.product === product);

function makeSteps(emulator) {
  return [
    {
      n: 1, name: 'rds', run: async ({ page, log }) => {
        const view = viewOf(page);
        const id = SAMPLE_IDS.rds.mysql;
        await expandPath(view, [REGION, PRODUCT_TITLES.rds, id]);
        const more = treeRow(view, /^Load more… \(30 of 130\)$/);
        await scrollToRow(view, more, { timeout: 20_000 });
        await more.locator('.label-name').click();
        await until(() => requestsOf(emulator, 'DescribeBackups', 'rds').some((r) => r.params.PageNumber === '2'), 'the second page of RDS backups');
        await scrollToRow(view, treeRow(view, /^Load more… \(60 of 130\)$/));
        await scrollToRow(view, treeRow(view, id));
        const url = await copyFirstDownloadUrl(page, view, 4);
        check(/^https?:\/\/\S+\?\S*(Expires|x-oss-expires)=/i.test(url), `the clipboard does not hold a signed download URL: ${url.slice(0, 80)}`);
        log(`RDS: 60 of 130 backups after Load more; copied ${url.split('?')[0]}`);
      },
    },
    {
      n: 2, name: 'polardb', run: async ({ page, log }) => {
        const view = viewOf(page);
        const id = SAMPLE_IDS.polardb.mysql;
        await expandPath(view, [REGION, PRODUCT_TITLES.polardb, id]);
        const older = treeRow(view, /^Load older… \(before \d{4}-\d{2}-\d{2}\)$/).first();
        await scrollToRow(view, older, { timeout: 20_000 });
        const first = (await childLabels(view, 4)).filter((l) => !l.startsWith('Load'));
        check(first.length > 0, 'no PolarDB backups in the first window');
        await older.locator('.label-name').click();
        await until(async () => (await childLabels(view, 4)).filter((l) => !l.startsWith('Load')).length > first.length, 'older PolarDB backups below the first window');
        const windows = requestsOf(emulator, 'DescribeBackups', 'polardb');
        check(windows.length >= 2 && windows[1].params.EndTime === windows[0].params.StartTime, 'the second window does not end where the first began');
        await scrollToRow(view, treeRow(view, id));
        const backup = view.locator('.monaco-list-row[aria-level="4"]').first();
        const hover = await hoverText(page, backup.locator('.label-name'));
        check(hover.text.includes('PolarDB gives no download URL for backups; download them through DBS'), `the hover does not say there is no download URL: ${hover.text}`);
        await page.mouse.move(5, 5);
        const offered = await contextMenu(backup.locator('.label-name'), 'Copy Download URL', { timeout: 2_000 }).then(() => true, () => false);
        await page.keyboard.press('Escape');
        check(!offered, 'a PolarDB backup offers Copy Download URL');
        log(`PolarDB: ${first.length} backups in the first window, more after Load older; no download URL, said in the hover`);
      },
    },
    {
      n: 3, name: 'tair', run: async ({ page, log }) => {
        const view = viewOf(page);
        const id = SAMPLE_IDS.kvstore.standard;
        await expandPath(view, [REGION, PRODUCT_TITLES['r-kvstore'], id]);
        const older = treeRow(view, /^Load older… \(before \d{4}-\d{2}-\d{2}\)$/).first();
        await scrollToRow(view, older, { timeout: 20_000 });
        const shown = (await childLabels(view, 4)).filter((l) => !l.startsWith('Load')).length;
        await older.locator('.label-name').click();
        await until(async () => (await childLabels(view, 4)).filter((l) => !l.startsWith('Load')).length > shown, 'older Tair backups');
        await scrollToRow(view, treeRow(view, id));
        const url = await copyFirstDownloadUrl(page, view, 4);
        check(/^https?:\/\//.test(url), `the clipboard does not hold a download URL: ${url.slice(0, 80)}`);
        log(`Tair: ${shown} backups in the first window, more after Load older; copied ${url.split('?')[0]}`);
      },
    },
    {
      n: 4, name: 'tair-cluster', run: async ({ page, log }) => {
        const view = viewOf(page);
        const id = SAMPLE_IDS.kvstore.cluster;
        await expandPath(view, [REGION, PRODUCT_TITLES['r-kvstore'], id]);
        await until(async () => (await childLabels(view, 4)).some((l) => l.startsWith('cb-')), 'cluster backups under the cloud-native cluster');
        const listed = requestsOf(emulator, 'DescribeClusterBackupList', 'r-kvstore');
        check(listed.length > 0 && listed.every((r) => r.method === 'GET' && r.params.RegionId === REGION), 'DescribeClusterBackupList was not sent as GET with RegionId');
        const label = await view.locator('.monaco-list-row[aria-level="4"][aria-expanded="false"]').first().locator('.label-name').innerText();
        await expandRow(treeRow(view, label));
        await until(async () => (await childLabels(view, 5)).length === SAMPLE_IDS.kvstore.clusterShards.length, `one row per shard under ${label}`);
        const shards = (await childLabels(view, 5, 'description')).map((d) => d.split(' · ')[0]);
        equal(shards.join(','), SAMPLE_IDS.kvstore.clusterShards.join(','), `the shards named under ${label}`);
        const url = await copyFirstDownloadUrl(page, view, 5);
        check(/^https?:\/\//.test(url), `the clipboard does not hold a shard's download URL: ${url.slice(0, 80)}`);
        log(`Tair cluster: ${label} expands to ${shards.join(', ')}; copied ${url.split('?')[0]}`);
      },
    },
    {
      n: 5, name: 'rds-filter', run: async ({ page, log }) => {
        const view = viewOf(page);
        const id = SAMPLE_IDS.rds.mysql;
        await expandPath(view, [REGION, PRODUCT_TITLES.rds]);
        const instance = treeRow(view, id);
        await scrollToRow(view, instance);
        emulator.clearRequests();
        await contextMenu(instance.locator('.label-name'), 'Filter Backups…');
        await answerFilter(page, [['started at or after', ''], ['started before', ''], ['Backup status', 'Any status'], ['Backup mode', 'Manual'], ['Backup type', 'Any type']]);
        await until(async () => (await instance.locator('.label-description').innerText()).includes('Filter: Manual'), 'the instance saying "Filter: Manual"');
        if ((await instance.getAttribute('aria-expanded')) !== 'true') await expandRow(instance);
        const sent = await until(() => requestsOf(emulator, 'DescribeBackups', 'rds').find((r) => r.status === 200), 'the filtered DescribeBackups');
        equal(sent.params.BackupMode, 'Manual', 'BackupMode sent');
        check(sent.params.BackupStatus === undefined && sent.params.BackupType === undefined, 'a status or type was sent for "any"');
        await until(async () => (await childLabels(view, 4)).filter((l) => !l.startsWith('Load')).length > 0, 'manual backups listed');
        const labels = (await childLabels(view, 4)).filter((l) => !l.startsWith('Load'));
        log(`RDS filter: ${labels.length} backups shown, DescribeBackups sent BackupMode=${sent.params.BackupMode}`);
      },
    },
  ];
}

await runWalk({
  name: 'products',
  settings: {
    'alibabaCloudBackups.regions': [REGION],
    'alibabaCloudBackups.products': ['rds', 'polardb', 'r-kvstore'],
    'alibabaCloudBackups.pageSize': 30,
  },
  region: REGION,
  sideBarWidth: 700,
  tidyTree: true,
  steps: ({ emulator }) => makeSteps(emulator),
});
