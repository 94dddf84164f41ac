#!/usr/bin/env node
// A backup list that changes between two pages, in a real VS Code workbench (code-server + headless Chromium)
// against the in-process gateway emulator.
//
// Usage: node test/e2e/drift.mjs [1.100.3] [1.139.1]          (no argument: both versions)
//   needs `npm run package` (the .vsix) and `npx tsc -p .` (out/test/emulator)
//
// Paging is by offset, newest first. Backups that arrive after page 1 push page 1's last items onto page 2; up to
// VS Code ~1.106 the repeated tree item id throws "Element with id … is already registered" and the page is lost.
// One workbench per version, page size 30, cluster am-bp1big0000000001 (230 backups):
//   1 added     page 1, 3 backups added through the emulator's control route, Load more: every backup ID once
//               (read by scrolling), "3 new since loaded — refresh", "Load more… (57 of 233)", no error row or
//               notification; clicking the drift row loads the list again from the new newest backup
//   2 removed   the 2 newest removed, Load more: "2 removed since loaded — refresh", "Load more… (60 of 231)",
//               every ID once
// Nothing anywhere says "already registered" (notifications, extension host logs, browser console).
// Screenshots: test-results/drift-<version>-<step>.png (…-failure.png when it fails).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  LIST_ROW, dismissHovers, expandPath, listScroll, makeScratch, openViewContainer, readLogs, renderedRows, repoRoot, scrollList,
  scrollToRow, setSideBarWidth, startWorkbench, treeRow,
} from './workbench.mjs';
import { CONTAINER, Failure, check, collapseAll, emulatorModule, equal, resultsDir, until, versions, viewOf, vsix as givenVsix, SEED_PRODUCTS } from '../reliability/e2eKit.mjs';

const require = createRequire(import.meta.url);
const REGION = 'cn-hangzhou';
const ADB = 'AnalyticDB for MySQL';
const PAGE = 30;
const ERROR_ROW = /^[\w.]+: /;
const REGISTERED = /already registered/i;

for (const f of [givenVsix, emulatorModule]) {
  if (!fs.existsSync(f)) {
    console.error(`FAIL drift: ${path.relative(repoRoot, f)} does not exist; run \`npm run package\` and \`npx tsc -p .\` first`);
    process.exit(2);
  }
}
for (const k of Object.keys(process.env)) if (/^(ALIBABA_CLOUD_|ALICLOUD_)/.test(k)) delete process.env[k];
// Every workbench of this run installs the same copy, even if dist/ is rebuilt meanwhile.
const vsixDir = makeScratch('drift-vsix');
const vsix = path.join(vsixDir, path.basename(givenVsix));
fs.copyFileSync(givenVsix, vsix);
process.on('exit', () => fs.rmSync(vsixDir, { recursive: true, force: true }));

const { startEmulator, TEST_CREDENTIALS, SAMPLE_IDS } = require(emulatorModule);
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

/** Every row right under an expanded row, read by scrolling the virtualised list (each row once, by position). */
async function childrenByScrolling(view, parentRow) {
  while (await scrollList(view, -100_000)) { /* to the top */ }
  await scrollToRow(view, parentRow);
  const parentId = await parentRow.getAttribute('id');
  const parentLevel = Number(await parentRow.getAttribute('aria-level'));
  const seen = new Map();
  let setsize = 0;
  let inside = false;
  for (let i = 0; i < 200; i++) {
    let done = false;
    for (const r of await renderedRows(view)) {
      if (r.id === parentId) { inside = true; continue; }
      if (!inside) continue;
      if (r.level <= parentLevel) { done = true; break; }
      if (r.level !== parentLevel + 1) continue;
      seen.set(r.posinset, r);
      setsize = r.setsize;
    }
    if (done || (setsize && seen.size >= setsize)) break;
    if (!(await scrollList(view, (await listScroll(view)).viewport * 0.8))) break;
  }
  return { rows: [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r), setsize };
}

/** Notifications (toasts and the notification center) that say something went wrong. */
async function errorNotifications(page) {
  return page.evaluate(() => [...document.querySelectorAll('.notification-toast, .notifications-center .monaco-list-row')]
    .filter((n) => n.querySelector('.codicon-error, .codicon-notifications-error') || /already registered/i.test(n.textContent ?? ''))
    .map((n) => (n.querySelector('.notification-list-item-message') ?? n).innerText.trim().slice(0, 300)));
}

/** Waits for the extension to fill the Backups view; fails at once with the host's error if activation failed. */
async function waitForExtension(wb) {
  const content = viewOf(wb.page).locator(`${LIST_ROW}, .welcome-view-content`).filter({ visible: true });
  for (const end = Date.now() + 30_000; ;) {
    const lines = readLogs(wb.server);
    const failed = lines.findIndex((l) => /Activating extension .*alibaba-cloud-backup-explorer.* failed/i.test(l));
    if (failed >= 0) throw new Error(`the extension failed to activate:\n${lines.slice(failed, failed + 4).join('\n')}`);
    if (await content.count()) return;
    if (Date.now() > end) throw new Error('the Backups view shows neither tree rows nor a welcome view after 30 s');
    await new Promise((r) => setTimeout(r, 250));
  }
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

async function walk({ page, emulator, shot, log, problems }) {
  const view = viewOf(page);
  await collapseAll(page);
  const before = backupIds(emulator);
  const cluster = await expandPath(view, [REGION, ADB, CLUSTER]);
  const firstMore = treeRow(view, `Load more… (${PAGE} of ${before.length})`);
  await until(() => scrollToRow(view, firstMore).then(() => true), `"Load more… (${PAGE} of ${before.length})"`);
  await shot('1-page1');

  // 1 added: page 1's last three come back on page 2.
  const total = await changeBackups(emulator, 'POST', 3);
  equal(total, before.length + 3, 'total after adding 3');
  log(`added 3 backups (now ${total}); clicking "Load more… (${PAGE} of ${before.length})"`);
  const drift = treeRow(view, '3 new since loaded — refresh');
  // Until page 2 is in, or something says why it will not be.
  const pageIn = async (clicked) => (await settled(view, clicked)) || (await problems()).length > 0;
  await clickRow(view, firstMore, () => pageIn(firstMore), 'page 2 to load');
  await noProblems(problems);
  await expectChildren(view, cluster, before.slice(0, 2 * PAGE - 3), ['3 new since loaded — refresh', `Load more… (${2 * PAGE - 3} of ${total})`], log);
  await scrollToRow(view, drift);
  await shot('2-added');

  // Clicking the drift row loads the list again, from the new newest backup.
  const after = backupIds(emulator);
  const freshMore = treeRow(view, `Load more… (${PAGE} of ${total})`);
  await clickRow(view, drift, async () => !(await present(view, drift)) && (await present(view, freshMore)), 'the list to load again after clicking the drift row');
  await expectChildren(view, cluster, after.slice(0, PAGE), [`Load more… (${PAGE} of ${total})`], log);
  await scrollToRow(view, cluster);
  await shot('3-refreshed');

  // 2 removed: the two newest go, so page 2 starts two items late.
  const left = await changeBackups(emulator, 'DELETE', 2);
  equal(left, total - 2, 'total after removing 2');
  log(`removed the 2 newest (now ${left}); clicking "Load more… (${PAGE} of ${total})"`);
  const removed = treeRow(view, '2 removed since loaded — refresh');
  await clickRow(view, freshMore, () => pageIn(freshMore), 'page 2 to load');
  await noProblems(problems);
  await expectChildren(view, cluster, [...after.slice(0, PAGE), ...after.slice(PAGE + 2, 2 * PAGE + 2)],
    ['2 removed since loaded — refresh', `Load more… (${2 * PAGE} of ${left})`], log);
  await scrollToRow(view, removed);
  await shot('4-removed');
  await noProblems(problems);
}

async function noProblems(problems) {
  const found = await problems();
  check(found.length === 0, `something went wrong or says "already registered": ${found.join(' | ')}`);
}

async function runVersion(version, emulator) {
  const settings = {
    'alibabaCloudBackups.regions': [REGION],
    'alibabaCloudBackups.endpointOverrides': { adb: emulator.url, dds: emulator.url, dbs: emulator.url },
    // The products this walk was written for; the others have walks of their own.
    'alibabaCloudBackups.products': SEED_PRODUCTS,
    'alibabaCloudBackups.pageSize': PAGE,
    // Sticky headers would cover the rows under them (and duplicate them in the DOM).
    'workbench.tree.enableStickyScroll': false,
  };
  const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_CREDENTIALS.normal.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_CREDENTIALS.normal.accessKeySecret };
  const shots = [];
  const t0 = Date.now();
  const log = (m) => console.log(`    [${version} ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
  let wb;
  let ok = false;
  try {
    wb = await startWorkbench({ version, vsix, settings, env });
    const consoleErrors = [];
    wb.page.on('console', (m) => { if (REGISTERED.test(m.text())) consoleErrors.push(`browser console: ${m.text().slice(0, 200)}`); });
    wb.page.on('pageerror', (e) => { if (REGISTERED.test(String(e))) consoleErrors.push(`page error: ${String(e).slice(0, 200)}`); });
    const { page, server } = wb;
    // Everything that could say a page was refused: error notifications, the logs, the browser console.
    const problems = async () => [
      ...(await errorNotifications(page)).map((t) => `notification: ${t}`),
      ...readLogs(server, REGISTERED).map((l) => `log: ${l.slice(0, 200)}`),
      ...consoleErrors,
    ];
    await openViewContainer(wb.page, CONTAINER);
    await waitForExtension(wb);
    await setSideBarWidth(wb.page, 560).catch((err) => log(`side bar left at its width: ${err.message}`));
    log('workbench ready');
    const shot = async (label) => {
      const file = path.join(resultsDir, `drift-${version}-${label}.png`);
      await dismissHovers(wb.page);
      await wb.screenshot(file);
      shots.push(path.relative(repoRoot, file));
    };
    await walk({ page, emulator, shot, log, problems });
    ok = true;
  } catch (err) {
    const file = path.join(resultsDir, `drift-${version}-failure.png`);
    await wb?.screenshot(file).then(() => shots.push(path.relative(repoRoot, file)), () => {});
    const notes = wb ? await errorNotifications(wb.page).catch(() => []) : [];
    console.log(`    ${err instanceof Failure ? err.message : err?.stack ?? err}`);
    if (notes.length) console.log(`    notifications: ${notes.join(' | ')}`);
  } finally {
    await wb?.stop(ok ? {} : { keep: true });
  }
  console.log(`${ok ? 'PASS' : 'FAIL'} ${version} drift (${((Date.now() - t0) / 1000).toFixed(1)}s) ${shots.join(' ')}`);
  return ok;
}

fs.mkdirSync(resultsDir, { recursive: true });
for (const version of versions) {
  for (const f of fs.readdirSync(resultsDir)) if (f.startsWith(`drift-${version}-`) && f.endsWith('.png')) fs.rmSync(path.join(resultsDir, f));
}
const results = [];
for (const version of versions) {
  // A fresh emulator per version: the walk changes the cluster's backups.
  const emulator = await startEmulator({ port: 0 });
  try {
    console.log(`\n=== drift e2e: VS Code ${version} (emulator ${emulator.url})`);
    results.push(await runVersion(version, emulator));
  } finally {
    await emulator.close();
  }
}
const failed = results.filter((r) => !r).length;
console.log(`\n${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
