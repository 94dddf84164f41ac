#!/usr/bin/env node
// A backup list that changes between two pages, in a real VS Code workbench (code-server + headless Chromium)
// against the in-process gateway emulator.
//
// Usage: node test/e2e/drift.mjs [1.100.3] [1.139.1]          (no argument: both versions)
//   needs `npm run package` (the .vsix) and `npx tsc -p .` (out/test/emulator)
//
// Paging is by offset, newest first. Backups that arrive after page 1 push page 1's last items onto page 2; up to
// VS Code ~1.106 the repeated tree item id throws "Element with id … is already registered" and the page is lost.
// One workbench per version, page size 30, cluster am-bp1big0000000001 (230 backups); step 2 goes on from the list
// step 1 leaves:
//   1 added     page 1, 3 backups added through the emulator's control route, Load more: every backup ID once
//               (read by scrolling), "3 new since loaded — refresh", "Load more… (57 of 233)", no error row or
//               notification; clicking the drift row loads the list again from the new newest backup
//   2 removed   the 2 newest removed, Load more: "2 removed since loaded — refresh", "Load more… (60 of 231)",
//               every ID once
// Nothing anywhere says "already registered" (notifications, extension host logs, browser console).
// Screenshots: test-results/drift-<version>-1-added-page1.png and …-1-added-drift-row.png during step 1, and
// drift-<version>-<n>-<name>.png when each step ends (passed or failed).
import { childrenByScrolling, dismissHovers, expandPath, readLogs, scrollToRow, treeRow } from './workbench.mjs';
import { check, equal, errorNotifications, until, viewOf, SEED_PRODUCTS } from '../reliability/e2eKit.mjs';
import { prepareWalk, runWalk } from './walkRunner.mjs';

const REGION = 'cn-hangzhou';
const ADB = 'AnalyticDB for MySQL';
const PAGE = 30;
const ERROR_ROW = /^[\w.]+: /;
const REGISTERED = /already registered/i;

const { SAMPLE_IDS } = prepareWalk('drift');
const CLUSTER = SAMPLE_IDS.adb.big;

/** Adds (POST) or removes (DELETE) backups the way another process would: the emulator's control route. */
async function changeBackups(emulator, method, count) {
  const res = await fetch(`${emulator.url}/__emulator/backups`, { method, body: JSON.stringify({ product: 'adb', resourceId: CLUSTER, count }) });
  const body = await res.json();
  if (!res.ok) throw new Error(`${method} /__emulator/backups: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body.total;
}

/** The cluster's backup IDs as the emulator holds them now, newest first. */
function backupIds(emulator) {
  const series = emulator.data.findAdbCluster(CLUSTER).backups;
  return Array.from({ length: series.count }, (_, k) => String(series.id(series.count - 1 - k)));
}

/** Whether a row is anywhere in the virtualised list (scrolls to it when it is). */
const present = (view, row) => scrollToRow(view, row).then(() => true, () => false);

/** The clicked Load more row is gone, and no row says Loading… (they stay where they were until the page is in). */
const settled = async (view, clicked) => (await clicked.count()) === 0 && (await treeRow(view, /^Loading…/).count()) === 0;

/** Clicks a row once it is on screen; waits until `done` holds. */
async function clickRow(view, row, done, what) {
  await until(() => scrollToRow(view, row).then(() => true), `the row before ${what}`);
  await row.click();
  await until(done, what, { timeout: 30_000 });
}

/**
 * Checks what the cluster shows: `expected` backup IDs in this order, each once, then exactly `statusRows`
 * (labels), and no error row.
 */
async function expectChildren(view, cluster, expected, statusRows, log) {
  const { rows, setsize } = await childrenByScrolling(view, cluster);
  const labels = rows.map((r) => r.label);
  const backups = labels.filter((l) => /^\d+$/.test(l));
  const others = labels.filter((l) => !/^\d+$/.test(l));
  log(`${backups.length} backup rows, then: ${others.join(' | ')} (aria-setsize ${setsize})`);
  const repeated = [...new Set(backups.filter((id, k) => backups.indexOf(id) !== k))];
  check(repeated.length === 0, `backup IDs shown more than once: ${repeated.join(', ')}`);
  equal(setsize, expected.length + statusRows.length, 'rows under the cluster (aria-setsize)');
  const misplaced = backups.findIndex((id, k) => id !== expected[k]);
  check(misplaced < 0 && backups.length === expected.length, `backup #${misplaced + 1} is ${backups[misplaced]}, expected ${expected[misplaced]} (${backups.length} shown, ${expected.length} expected)`);
  equal(JSON.stringify(others), JSON.stringify(statusRows), 'the rows after the backups');
  check(!others.some((l) => ERROR_ROW.test(l)), `an error row: ${others.find((l) => ERROR_ROW.test(l))}`);
}

/**
 * Everything that could say a page was refused, as a function to ask: error notifications (and any saying "already
 * registered"), the logs, the browser console (listened to from now on).
 */
function watchProblems(wb) {
  const consoleErrors = [];
  wb.page.on('console', (m) => { if (REGISTERED.test(m.text())) consoleErrors.push(`browser console: ${m.text().slice(0, 200)}`); });
  wb.page.on('pageerror', (e) => { if (REGISTERED.test(String(e))) consoleErrors.push(`page error: ${String(e).slice(0, 200)}`); });
  return async () => [
    ...(await errorNotifications(wb.page, REGISTERED)).map((t) => `notification: ${t}`),
    ...readLogs(wb.server, REGISTERED).map((l) => `log: ${l.slice(0, 200)}`),
    ...consoleErrors,
  ];
}

async function noProblems(problems) {
  const found = await problems();
  check(found.length === 0, `something went wrong or says "already registered": ${found.join(' | ')}`);
}

/** Until the page a Load more row asked for is in, or something says why it will not be. */
const pageIn = async (view, clicked, problems) => (await settled(view, clicked)) || (await problems()).length > 0;

function makeSteps(emulator, problems) {
  return [
    {
      n: 1, name: 'added', run: async ({ page, log, shot }) => {
        const view = viewOf(page);
        const before = backupIds(emulator);
        const cluster = await expandPath(view, [REGION, ADB, CLUSTER]);
        const firstMore = treeRow(view, `Load more… (${PAGE} of ${before.length})`);
        await until(() => scrollToRow(view, firstMore).then(() => true), `"Load more… (${PAGE} of ${before.length})"`);
        await dismissHovers(page);
        await shot('page1');

        // Page 1's last three come back on page 2.
        const total = await changeBackups(emulator, 'POST', 3);
        equal(total, before.length + 3, 'total after adding 3');
        log(`added 3 backups (now ${total}); clicking "Load more… (${PAGE} of ${before.length})"`);
        const drift = treeRow(view, '3 new since loaded — refresh');
        await clickRow(view, firstMore, () => pageIn(view, firstMore, problems), 'page 2 to load');
        await noProblems(problems);
        await expectChildren(view, cluster, before.slice(0, 2 * PAGE - 3), ['3 new since loaded — refresh', `Load more… (${2 * PAGE - 3} of ${total})`], log);
        await scrollToRow(view, drift);
        await dismissHovers(page);
        await shot('drift-row');

        // Clicking the drift row loads the list again, from the new newest backup.
        const after = backupIds(emulator);
        const freshMore = treeRow(view, `Load more… (${PAGE} of ${total})`);
        await clickRow(view, drift, async () => !(await present(view, drift)) && (await present(view, freshMore)), 'the list to load again after clicking the drift row');
        await expectChildren(view, cluster, after.slice(0, PAGE), [`Load more… (${PAGE} of ${total})`], log);
        await scrollToRow(view, cluster);
      },
    },
    {
      // The two newest go, so page 2 starts two items late.
      n: 2, name: 'removed', keepTree: true, run: async ({ page, log }) => {
        const view = viewOf(page);
        const held = backupIds(emulator);
        const cluster = treeRow(view, CLUSTER).first();
        const more = treeRow(view, `Load more… (${PAGE} of ${held.length})`);
        const left = await changeBackups(emulator, 'DELETE', 2);
        equal(left, held.length - 2, 'total after removing 2');
        log(`removed the 2 newest (now ${left}); clicking "Load more… (${PAGE} of ${held.length})"`);
        const removed = treeRow(view, '2 removed since loaded — refresh');
        await clickRow(view, more, () => pageIn(view, more, problems), 'page 2 to load');
        await noProblems(problems);
        await expectChildren(view, cluster, [...held.slice(0, PAGE), ...held.slice(PAGE + 2, 2 * PAGE + 2)],
          ['2 removed since loaded — refresh', `Load more… (${2 * PAGE} of ${left})`], log);
        await scrollToRow(view, removed);
        await noProblems(problems);
      },
    },
  ];
}

await runWalk({
  name: 'drift',
  // The steps change the cluster's backups.
  emulatorPerVersion: true,
  settings: {
    'alibabaCloudBackups.regions': [REGION],
    // The products this walk was written for; the others have walks of their own.
    'alibabaCloudBackups.products': SEED_PRODUCTS,
    'alibabaCloudBackups.pageSize': PAGE,
  },
  waitForExtension: true,
  sideBarWidth: 560,
  tidyTree: true,
  steps: ({ emulator, wb }) => makeSteps(emulator, watchProblems(wb)),
  describeFailure: async ({ page }) => {
    const notes = await errorNotifications(page, REGISTERED);
    return notes.length ? `notifications: ${notes.join(' | ')}` : '';
  },
  // Step 2 goes on from the list step 1 leaves.
  fatal: (step) => step.n === 1,
});
