#!/usr/bin/env node
// The four newer backup families in a real VS Code workbench (code-server + headless Chromium) against the
// in-process gateway emulator.
//
// Usage: node test/e2e/families.mjs [1.100.3] [1.139.1]          (no argument: both versions)
//   needs `npm run package` (the .vsix) and `npx tsc -p .` (out/test/emulator);  E2E_VSIX=path  E2E_KEEP=1
//   E2E_ONLY=1,3 runs only these steps
//
// One workbench per version, the emulator's key in the environment, page size 30, region cn-hangzhou:
//   1 cluster-backup  ApsaraDB for MongoDB → dds-bp1clusterbk001 (cluster-backup mode): its children are the 30
//                     newest cluster backups (cb-…, in the order served) and "Load more… (30 loaded)", since
//                     DescribeClusterBackups reports no total; the running one's description has its progress, the
//                     failed one says "not restorable"; the first finished one expands to one backup per shard, and
//                     Copy Download URL on a node backup puts on the real clipboard the signed URL the emulator
//                     served for that node backup; Load more brings the other 15 and no further row
//   2 adb5            AnalyticDB for MySQL → amv-bp1lakehouse0001, described with its edition ("Enterprise 5.0"):
//                     the backups of the 7-day window the extension asked for (DescribeBackups 2021-12-01 with
//                     StartTime/EndTime; counted in the emulator's data for that exact window), then
//                     "Load older… (before <window start>)"; clicking it asks for the 7 days before and adds them
//                     below, each backup once, and a new Load older row
//   3 serverless      ApsaraDB for MongoDB lists dds-bp1serverless01 (asked with DBInstanceType=serverless) and its
//                     12 backups load; dds-bp1standalone01 is listed and its details say "MongoDB standalone instance"
//   4 dbs-increments  DBS Backup Plans → dbsplanbig00001: 30 full backups, their "Load more… (30 of N)", then the
//                     30 newest binlog files (mysql-bin.…, as DescribeIncrementBackupList served them) and their own
//                     "Load more… (30 of 75)", which loads the next 30
//   5 products-setting  alibabaCloudBackups.products ["dds"] leaves only ApsaraDB for MongoDB under the region; setting
//                     it back to the walk's three products brings them back
// After every step: no error row in the tree, no error notification.
// Screenshots: test-results/families-<version>-<n>-<name>.png (taken when the step ends, passed or failed).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {
  childrenByScrolling, contextMenu, editUserSettings, expandPath, expandRow, collapseRow, readClipboard, renderedRows, runCommand,
  scrollToRow, treeRow, waitForStatusBar, webviewFrame,
} from './workbench.mjs';
import { Failure, PRODUCT_TITLES, check, equal, isErrorRow, until, viewOf, SEED_PRODUCTS } from '../reliability/e2eKit.mjs';
import { prepareWalk, runWalk } from './walkRunner.mjs';

const REGION = 'cn-hangzhou';
const PAGE = 30;
const WINDOW_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

const { SAMPLE_IDS } = prepareWalk('families');

// ---- what the emulator served: every JSON body it sent, by RequestId (it runs in this process)

/** Every API answer the in-process emulator sends, parsed, keyed by its RequestId (joined to its request log). */
function captureServedBodies() {
  const bodies = new Map();
  const proto = http.ServerResponse.prototype;
  const end = proto.end;
  proto.end = function (chunk, ...rest) {
    if (chunk && typeof chunk !== 'function') {
      try {
        const body = JSON.parse(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
        if (body && typeof body.RequestId === 'string') bodies.set(body.RequestId, body);
      } catch { /* not JSON: a fault or the control API */ }
    }
    return end.call(this, chunk, ...rest);
  };
  return bodies;
}
const served = captureServedBodies();

/** The product's requests for `action` (optionally of one API version) with the bodies served, oldest first. */
function answered(emulator, action, { version, where = () => true } = {}) {
  return emulator.requests()
    .filter((r) => r.action === action && (!version || r.version === version) && where(r.params))
    .map((r) => ({ ...r, body: served.get(r.requestId) }));
}

// ---- the tree

/**
 * The rows right under `parentRow` once they are `expected` (labels, in order): the tree draws a loaded page a
 * moment after the request settles, so this reads again until they match or `timeout` passes, then compares the
 * last reading (failing with both lists).
 */
async function expectChildren(view, parentRow, expected, what, { timeout = 10_000 } = {}) {
  let rows = [];
  const end = Date.now() + timeout;
  do {
    ({ rows } = await childrenByScrolling(view, parentRow));
    if (JSON.stringify(rows.map((r) => r.label)) === JSON.stringify(expected)) return rows;
    await new Promise((r) => setTimeout(r, 300));
  } while (Date.now() < end);
  noErrorRows(rows, what);
  equal(JSON.stringify(rows.map((r) => r.label)), JSON.stringify(expected), what);
  return rows;
}

/** Fails naming any error row among `rows`. */
function noErrorRows(rows, where) {
  const errors = rows.filter(isErrorRow);
  check(errors.length === 0, `error rows ${where}: ${errors.map((r) => `"${r.label}"`).join(', ')}`);
}

/** Clicks a Load more / Load older row once it is on screen, and waits until it went and nothing says Loading. */
async function clickLoadRow(view, row, what) {
  await until(() => scrollToRow(view, row).then(() => true), `the row "${what}"`);
  await row.locator('.label-name').click();
  await until(async () => (await row.count()) === 0 && (await treeRow(view, /^Loading/).count()) === 0, `"${what}" to load`, { timeout: 30_000 });
}

const describe = (rows) => rows.map((r) => r.label).join(' | ');

// ---- the steps

function makeSteps(emulator, wb) {
  return [
    {
      n: 1, name: 'cluster-backup',
      title: 'a MongoDB sharded cluster in cluster-backup mode: cluster backups, per-node backups, Copy Download URL',
      async run({ page, log }) {
        const view = viewOf(page);
        const clusterId = SAMPLE_IDS.dds.clusterBackup;
        const shards = SAMPLE_IDS.dds.clusterBackupShardNodes;
        const cluster = await expandPath(view, [REGION, PRODUCT_TITLES.dds, clusterId]);
        const more = treeRow(view, `Load more… (${PAGE} loaded)`);
        await until(async () => (await treeRow(view, /^(cb-|d-)/).count()) > 0 || (await renderedRows(view)).some(isErrorRow), `cluster backups under ${clusterId}`, { timeout: 30_000 });
        const shardRows = (await renderedRows(view)).filter((r) => shards.includes(r.label));
        check(shardRows.length === 0, `${clusterId} shows its shard nodes (${describe(shardRows)}) instead of its cluster backups`);
        const firstPage = answered(emulator, 'DescribeClusterBackups', { where: (p) => p.DBInstanceId === clusterId && (p.PageNo ?? '1') === '1' }).at(-1);
        check(firstPage?.body, `no DescribeClusterBackups answer for ${clusterId} in the emulator's log (requests: ${[...new Set(emulator.requests().map((r) => r.action))].join(', ')})`);
        equal(firstPage.params.PageSize, String(PAGE), 'PageSize of DescribeClusterBackups');
        const servedFirst = firstPage.body.ClusterBackups;
        const rows = await expectChildren(view, cluster, [...servedFirst.map((c) => c.ClusterBackupId), `Load more… (${PAGE} loaded)`],
          `rows under ${clusterId} (the ${PAGE} cluster backups served, in order, then "Load more… (${PAGE} loaded)")`);
        log(`${rows.length} rows under ${clusterId}: ${rows.slice(0, 2).map((r) => `${r.label} (${r.description})`).join(', ')} … ${rows.at(-1)?.label}`);
        const labels = rows.map((r) => r.label);
        check(labels.slice(0, PAGE).every((l) => /^cb-[a-z0-9]+$/.test(l)), `rows that are not cb-… cluster backups: ${labels.filter((l) => !/^cb-/.test(l)).join(', ')}`);

        // The running one shows its progress; the failed one says it cannot be restored.
        const byId = new Map(rows.map((r) => [r.label, r]));
        const running = servedFirst.find((c) => c.ClusterBackupStatus === 'Running');
        check(running, 'the emulator served no running cluster backup on the first page');
        const runningRow = byId.get(running.ClusterBackupId);
        check(runningRow.description.includes(`Running · ${running.Progress}%`), `the running cluster backup ${running.ClusterBackupId} is described "${runningRow.description}", without its progress "${running.Progress}%" after "Running"`);
        const failed = servedFirst.find((c) => c.ClusterBackupStatus === 'Failed');
        check(failed, 'the emulator served no failed cluster backup on the first page');
        const failedRow = byId.get(failed.ClusterBackupId);
        check(failedRow.description.includes('Failed') && failedRow.description.includes('not restorable'), `the failed cluster backup ${failed.ClusterBackupId} is described "${failedRow.description}", which does not say "Failed" and "not restorable"`);
        log(`running ${running.ClusterBackupId}: "${runningRow.description}"; failed ${failed.ClusterBackupId}: "${failedRow.description}"`);

        // The first finished cluster backup expands to one backup per shard.
        const finished = servedFirst.find((c) => c.ClusterBackupStatus === 'OK');
        const finishedRow = treeRow(view, finished.ClusterBackupId);
        await scrollToRow(view, finishedRow);
        check(await finishedRow.getAttribute('aria-expanded') === 'false', `the finished cluster backup ${finished.ClusterBackupId} cannot be expanded (aria-expanded ${await finishedRow.getAttribute('aria-expanded')}), so its per-node backups are not shown`);
        await expandRow(finishedRow);
        const servedNodes = finished.Backups;
        equal(servedNodes.length, shards.length, `node backups the emulator served in ${finished.ClusterBackupId}`);
        const nodes = await expectChildren(view, finishedRow, servedNodes.map((b) => b.BackupId), `the rows under ${finished.ClusterBackupId} (one backup per shard)`);
        log(`${finished.ClusterBackupId} expands to: ${nodes.map((r) => `${r.label} (${r.description})`).join(', ')}`);

        // Copy Download URL on a node backup that has one: the clipboard holds what the emulator signed for it.
        const part = servedNodes.find((b) => b.BackupDownloadURL);
        check(part, `no node backup of ${finished.ClusterBackupId} has a download URL in what the emulator served`);
        const partRow = await scrollToRow(view, treeRow(view, part.BackupId));
        await page.evaluate(() => navigator.clipboard.writeText('clipboard-sentinel'));
        await contextMenu(partRow, 'Copy Download URL');
        const url = await until(async () => { const t = await readClipboard(page); return t !== 'clipboard-sentinel' && t; }, `the download URL of node backup ${part.BackupId} on the clipboard`, { timeout: 10_000 });
        const signedFor = new Set(answered(emulator, 'DescribeClusterBackups', { where: (p) => p.DBInstanceId === clusterId })
          .flatMap((r) => r.body?.ClusterBackups ?? []).flatMap((c) => c.Backups ?? []).filter((b) => b.BackupId === part.BackupId).map((b) => b.BackupDownloadURL));
        check(signedFor.has(url), `the clipboard holds "${url.slice(0, 160)}", not a URL the emulator signed for node backup ${part.BackupId} (of shard ${part.ExtraInfo?.NodeId})`);
        check(/[?&]Signature=/.test(url) && /[?&]Expires=\d+/.test(url), `the copied URL is not presigned: ${url.slice(0, 160)}`);
        await waitForStatusBar(page, `Copied the download URL of backup ${part.BackupId}`);
        log(`copied the signed URL of node backup ${part.BackupId} (shard ${part.ExtraInfo?.NodeId}): ${url.replace(/\?.*/, '?…')}`);
        await collapseRow(finishedRow);

        // No total: Load more asks for PageNo 2, which is short, so the list ends there.
        const total = emulator.data.backupCount('dds', clusterId);
        await clickLoadRow(view, more, `Load more… (${PAGE} loaded)`);
        const secondPage = answered(emulator, 'DescribeClusterBackups', { where: (p) => p.DBInstanceId === clusterId && p.PageNo === '2' });
        equal(secondPage.length, 1, 'DescribeClusterBackups requests for PageNo 2 after Load more');
        const servedIds = [...servedFirst, ...secondPage[0].body.ClusterBackups].map((c) => c.ClusterBackupId);
        equal(servedIds.length, total, `cluster backups the emulator served in two pages (it holds ${total})`);
        let all = [];
        try {
          all = await expectChildren(view, cluster, servedIds, `rows under ${clusterId} after Load more (all ${total} cluster backups, no further row)`);
        } catch (err) {
          ({ rows: all } = await childrenByScrolling(view, cluster));
          const drift = all.find((r) => /since loaded — refresh$/.test(r.label));
          const ids = all.map((r) => r.label).filter((l) => /^cb-/.test(l));
          if (drift && JSON.stringify(ids) === JSON.stringify(servedIds)) {
            await scrollToRow(view, treeRow(view, drift.label));
            throw new Failure(`EXTENSION BUG: after Load more all ${total} cluster backups of ${clusterId} are shown once, in order, but a `
              + `"${drift.label}" row follows them although the list did not change. DescribeClusterBackups reports no total, so `
              + 'fetchPage (src/cloud/paging.ts) returns total = items loaded so far (30, then 45), and ChildList.fetchNext '
              + '(src/explorer/childList.ts) reads the growth 45 - 30 as backups added between the pages.');
          }
          throw err;
        }
        check(all.length === total, `rows under ${clusterId}: ${all.length}`);
        log(`after Load more: all ${total} cluster backups, each once, and no further row`);
        await scrollToRow(view, finishedRow);
      },
    },
    {
      n: 2, name: 'adb5',
      title: 'an AnalyticDB 5.0 cluster: the last 7 days, then Load older',
      async run({ page, log }) {
        const view = viewOf(page);
        const clusterId = SAMPLE_IDS.adb.lakehouse;
        const series = emulator.data.findAdb5Cluster(clusterId).backups;
        /** The IDs the emulator holds in [StartTime, EndTime), newest first, as the request asked. */
        const inWindow = (params) => {
          const from = Date.parse(params.StartTime.replace('Z', ':00Z'));
          const to = Date.parse(params.EndTime.replace('Z', ':00Z'));
          return series.query({ fromMs: from, toMs: to - 1 }, 0, 10_000).indices.map((i) => String(series.id(i)));
        };
        const backupsOf = (where) => answered(emulator, 'DescribeBackups', { version: '2021-12-01', where: (p) => p.DBClusterId === clusterId && where(p) });
        await expandPath(view, [REGION, PRODUCT_TITLES.adb]);
        const row = treeRow(view, clusterId);
        await until(() => scrollToRow(view, row).then(() => true), `${clusterId} under ${PRODUCT_TITLES.adb}`, { timeout: 30_000 });
        equal(await row.count(), 1, `rows labelled ${clusterId}`);
        const description = await row.locator('.label-description').innerText();
        check(description.includes('Enterprise 5.0'), `${clusterId} is described "${description}", which does not name its edition "Enterprise 5.0"`);
        await expandRow(row);
        const older = treeRow(view, /^Load older… \(before \d{4}-\d{2}-\d{2}\)$/);
        await until(async () => (await backupsOf(() => true)).length > 0 && await scrollToRow(view, older).then(() => true, () => false),
          `the backups of ${clusterId} and a "Load older…" row`, { timeout: 30_000 });
        const first = backupsOf(() => true);
        equal(first.length, 1, `DescribeBackups 2021-12-01 requests for ${clusterId} after expanding it`);
        const w1 = first[0].params;
        const spanDays = (Date.parse(w1.EndTime.replace('Z', ':00Z')) - Date.parse(w1.StartTime.replace('Z', ':00Z'))) / DAY_MS;
        equal(spanDays, WINDOW_DAYS, `days between StartTime ${w1.StartTime} and EndTime ${w1.EndTime}`);
        check(Math.abs(Date.parse(w1.EndTime.replace('Z', ':00Z')) - Date.now()) < 5 * 60_000, `the first window ends at ${w1.EndTime}, not now`);
        const expected1 = inWindow(w1);
        log(`window 1: ${w1.StartTime} – ${w1.EndTime}: the emulator holds ${expected1.length} backups (its README says 14 for the last 7 days)`);
        check(expected1.length > 0, `the emulator holds no backups of ${clusterId} in ${w1.StartTime} – ${w1.EndTime}`);
        const olderLabel1 = `Load older… (before ${w1.StartTime.slice(0, 10)})`;
        let rows = await expectChildren(view, row, [...expected1, olderLabel1], `rows under ${clusterId} (the backups of ${w1.StartTime} – ${w1.EndTime}, then Load older)`);
        log(`rows under ${clusterId}: ${rows.length} (${rows.at(-1)?.label})`);
        await clickLoadRow(view, treeRow(view, olderLabel1), olderLabel1);

        const second = backupsOf((p) => p.EndTime === w1.StartTime);
        equal(second.length, 1, `DescribeBackups requests for the window before ${w1.StartTime}`);
        const w2 = second[0].params;
        equal(Date.parse(w1.StartTime.replace('Z', ':00Z')) - Date.parse(w2.StartTime.replace('Z', ':00Z')), WINDOW_DAYS * DAY_MS, `the older window's StartTime ${w2.StartTime} is ${WINDOW_DAYS} days before ${w1.StartTime}`);
        const expected2 = inWindow(w2);
        log(`window 2: ${w2.StartTime} – ${w2.EndTime}: the emulator holds ${expected2.length} backups`);
        rows = await expectChildren(view, row, [...expected1, ...expected2, `Load older… (before ${w2.StartTime.slice(0, 10)})`],
          `rows under ${clusterId} after Load older (window 1, window 2, Load older)`);
        const labels = rows.map((r) => r.label);
        const repeated = [...new Set(labels.filter((l, k) => labels.indexOf(l) !== k))];
        check(repeated.length === 0, `rows shown more than once under ${clusterId}: ${repeated.join(', ')}`);
        log(`after Load older: ${rows.length} rows, last "${rows.at(-1).label}"`);
        const wrong = emulator.requests().filter((r) => r.action === 'DescribeBackups' && r.params.DBClusterId === clusterId && (r.version !== '2021-12-01' || r.status !== 200));
        check(wrong.length === 0, `DescribeBackups for ${clusterId} sent to another version or failed: ${wrong.map((r) => `${r.version} ${r.status} ${r.code ?? ''}`).join(', ')}`);
        await scrollToRow(view, treeRow(view, expected2[0] ?? expected1.at(-1)));
      },
    },
    {
      n: 3, name: 'serverless',
      title: 'MongoDB serverless and standalone instances',
      async run({ page, log }) {
        const view = viewOf(page);
        const { serverless, standalone } = SAMPLE_IDS.dds;
        await expandPath(view, [REGION, PRODUCT_TITLES.dds]);
        const row = treeRow(view, serverless);
        await until(() => scrollToRow(view, row).then(() => true), `${serverless} under ${PRODUCT_TITLES.dds}`, { timeout: 30_000 });
        const listed = answered(emulator, 'DescribeDBInstances', { where: (p) => p.DBInstanceType === 'serverless' && p.RegionId === REGION });
        check(listed.length > 0 && listed.every((r) => r.status === 200), `DescribeDBInstances with DBInstanceType=serverless: ${listed.map((r) => `${r.status} ${r.code ?? ''}`).join(', ') || 'not asked'}`);
        await expandRow(row);
        const series = emulator.data.findDdsInstance(serverless).backups;
        const expected = Array.from({ length: series.count }, (_, k) => String(series.id(series.count - 1 - k)));
        await treeRow(view, expected[0]).waitFor({ timeout: 20_000 });
        const rows = await expectChildren(view, row, expected, `the backups under ${serverless} (the emulator holds ${expected.length})`);
        log(`${serverless}: ${rows.length} backups, newest ${rows[0].label} (${rows[0].description})`);
        await collapseRow(row);

        const single = treeRow(view, standalone);
        await until(() => scrollToRow(view, single).then(() => true), `${standalone} under ${PRODUCT_TITLES.dds}`, { timeout: 20_000 });
        await contextMenu(single, 'Show Details');
        const frame = webviewFrame(page);
        await frame.locator('#title').filter({ hasText: standalone }).waitFor({ timeout: 20_000 });
        const type = (await frame.locator('#fields tr[data-field="Type"] td').innerText()).trim();
        equal(type, 'MongoDB standalone instance', `the Type in the details of ${standalone}`);
        log(`${standalone} listed; its details say "${type}"`);
        await page.waitForTimeout(300);
      },
    },
    {
      n: 4, name: 'dbs-increments',
      title: 'a DBS plan: full backups, then incremental backups (binlog files)',
      async run({ page, log }) {
        const view = viewOf(page);
        const planId = SAMPLE_IDS.dbs.big;
        const fullTotal = emulator.data.backupCount('dbs', planId);
        const incTotal = emulator.data.findDbsPlan(planId).increments.count;
        const plan = await expandPath(view, [REGION, PRODUCT_TITLES.dbs, planId]);
        const listed = (action) => answered(emulator, action, { where: (p) => p.BackupPlanId === planId });
        await until(() => listed('DescribeFullBackupList').length > 0, `DescribeFullBackupList for ${planId}`, { timeout: 30_000 });
        await until(() => listed('DescribeIncrementBackupList').length > 0, `DescribeIncrementBackupList for ${planId} in the emulator's log`, { timeout: 10_000 })
          .catch(() => { throw new Failure(`the emulator's log has no DescribeIncrementBackupList for ${planId} (it has: ${[...new Set(emulator.requests().map((r) => r.action))].join(', ')})`); });
        const fullAnswer = listed('DescribeFullBackupList').at(-1);
        const incAnswers = listed('DescribeIncrementBackupList');
        check(incAnswers[0].status === 200 && incAnswers[0].body?.Success === true, `DescribeIncrementBackupList answered ${incAnswers[0].status} ${incAnswers[0].code ?? ''}`);
        check(fullAnswer?.body?.Success === true, `DescribeFullBackupList for ${planId}: ${fullAnswer ? `${fullAnswer.status} ${fullAnswer.code ?? ''}` : 'not asked'}`);
        const fullIds = fullAnswer.body.Items.FullBackupFile.map((f) => f.BackupSetId);
        const incIds = incAnswers[0].body.Items.IncrementBackupFile.map((f) => f.BackupSetId);
        const fullMore = `Load more… (${PAGE} of ${fullTotal})`;
        const incMore = `Load more… (${PAGE} of ${incTotal})`;
        let rows = await expectChildren(view, plan, [...fullIds, fullMore, ...incIds, incMore],
          `rows under ${planId} (${PAGE} full backups, "${fullMore}", ${PAGE} binlog files, "${incMore}")`);
        const labels = rows.map((r) => r.label);
        log(`${rows.length} rows under ${planId}: ${labels[0]} … ${labels[PAGE]} | ${labels[PAGE + 1]} … ${labels.at(-1)}`);
        check(incIds.every((id) => /^mysql-bin\.\d{6}$/.test(id)), `incremental backups not named mysql-bin.…: ${incIds.filter((id) => !/^mysql-bin\./.test(id)).join(', ')}`);
        const incRow = rows.find((r) => r.label === incIds[1]);
        log(`binlog row: ${incRow.label} (${incRow.description})`);

        // The binlog list pages on its own.
        await clickLoadRow(view, treeRow(view, incMore), incMore);
        const next = answered(emulator, 'DescribeIncrementBackupList', { where: (p) => p.BackupPlanId === planId && p.PageNum === '1' });
        equal(next.length, 1, 'DescribeIncrementBackupList requests for PageNum 1');
        const incIds2 = next[0].body.Items.IncrementBackupFile.map((f) => f.BackupSetId);
        rows = await expectChildren(view, plan, [...fullIds, fullMore, ...incIds, ...incIds2, `Load more… (${2 * PAGE} of ${incTotal})`],
          `rows under ${planId} after the binlog files' Load more`);
        log(`after the binlog files' Load more: ${rows.length} rows, last "${rows.at(-1).label}"`);
        await scrollToRow(view, treeRow(view, fullMore));
      },
    },
    {
      n: 5, name: 'products-setting', title: 'alibabaCloudBackups.products hides the products not chosen, and choosing them again shows them',
      run: async ({ page, log }) => {
        const view = viewOf(page);
        const saved = JSON.parse(fs.readFileSync(path.join(wb.server.userDataDir, 'User/settings.json'), 'utf8'));
        const productRows = async () => (await renderedRows(view)).filter((r) => r.level === 2).map((r) => r.label);
        await expandRow(treeRow(view, REGION));
        await until(async () => (await productRows()).length === 3, 'the three products under the region');
        await editUserSettings(page, { ...saved, 'alibabaCloudBackups.products': ['dds'] });
        await until(async () => JSON.stringify(await productRows()) === JSON.stringify([PRODUCT_TITLES.dds]), 'only ApsaraDB for MongoDB under the region', { timeout: 20_000 });
        log(`products ["dds"]: ${JSON.stringify(await productRows())}`);
        await editUserSettings(page, saved);
        await until(async () => (await productRows()).length === 3, 'the three products back once the setting names them again', { timeout: 20_000 });
        log(`setting restored: ${JSON.stringify(await productRows())}`);
      },
    },
  ];
}

await runWalk({
  name: 'families',
  // A fresh emulator per version: its 5.0 backups count back from the moment it starts.
  emulatorPerVersion: true,
  settings: {
    'alibabaCloudBackups.regions': [REGION],
    // The products this walk was written for; the others have walks of their own.
    'alibabaCloudBackups.products': SEED_PRODUCTS,
    'alibabaCloudBackups.pageSize': PAGE,
  },
  waitForExtension: true,
  sideBarWidth: 700,
  tidyTree: true,
  noErrorNotifications: true,
  steps: ({ emulator, wb }) => makeSteps(emulator, wb),
  describeFailure: async ({ page }) => `the tree shows: ${describe(await renderedRows(viewOf(page))).slice(0, 600)}`,
  // Step 3 leaves the details panel open for its screenshot.
  afterStep: ({ page }) => runCommand(page, 'View: Close All Editors').catch(() => {}),
});
