#!/usr/bin/env node
// Requests through a corporate proxy in a real VS Code workbench (code-server + headless Chromium): a real HTTP proxy
// (TooTallNate's `proxy`, started here on 127.0.0.1) logs every request it forwards, as a proxy's access log does.
//
// Usage: node test/e2e/proxy.mjs [1.100.3] [1.139.1]          (no argument: both versions)
//   needs `npm run package` (the .vsix) and `npx tsc -p .` (out/test/emulator, out/test/proxy)
//
// The emulator listens on 127.0.0.2: still this machine (plain http is allowed to it) but not 127.0.0.1 or localhost,
// which the workbench's NO_PROXY lists and VS Code's own proxy support never proxies. User settings: http.proxy is the
// proxy. The opened folder's .vscode/settings.json names another proxy (a trap): a cloned repository must not be able
// to redirect requests, so that one must see nothing.
//   1 browse-download  region, RDS, an instance, its smallest backup downloaded: the proxy's log shows the API calls
//                      (by their x-acs-action) and the GET of the backup file; the extension's log names the proxy
//   2 refused          the proxy stopped, Refresh: a ProxyRefused/ProxyUnreachable row naming the proxy; the emulator
//                      saw nothing
// Screenshots: test-results/proxy-<version>-<n>-<name>.png
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { answerQuickInput, contextMenu, expandPath, openViewContainer, readChannelLog, repoRoot, runCommand, scrollToRow, setSideBarWidth, startWorkbench, treeRow } from './workbench.mjs';
import { CATEGORY, CHANNEL, CONTAINER, Failure, PRODUCT_TITLES, check, collapseAll, emulatorModule, equal, quickInputBox, resultsDir, until, versions, viewOf, vsix } from '../reliability/e2eKit.mjs';

const require = createRequire(import.meta.url);
const REGION = 'cn-hangzhou';
const ERROR_ROW = /^[A-Za-z][\w.]*: /;
const proxyModule = path.join(repoRoot, 'out/test/proxy/server.js');

for (const f of [vsix, emulatorModule, proxyModule]) {
  if (!fs.existsSync(f)) {
    console.error(`FAIL proxy: ${path.relative(repoRoot, f)} does not exist; run \`npm run package\` and \`npx tsc -p .\` first`);
    process.exit(2);
  }
}
for (const k of Object.keys(process.env)) if (/^(ALIBABA_CLOUD_|ALICLOUD_)/.test(k) || /^(https?|no)_proxy$/i.test(k)) delete process.env[k];
const { startEmulator, TEST_CREDENTIALS, SAMPLE_IDS } = require(emulatorModule);
const { startProxy } = require(proxyModule);
const { rdsActions } = require(path.join(repoRoot, 'out/test/emulator/rds.js'));

function smallestBackup(emulator, instanceId) {
  const { body } = rdsActions.DescribeBackups({ params: { DBInstanceId: instanceId, PageSize: '100' }, data: emulator.data, now: Date.now(), urlExpirySeconds: 3600 });
  const [smallest] = body.Items.Backup.filter((b) => b.BackupDownloadURL).sort((a, b) => a.BackupSize - b.BackupSize);
  return { id: smallest.BackupId, size: smallest.BackupSize };
}

/** code-server's simple save dialog fills its box a moment after it opens: type until it holds the path. */
async function typeSavePath(page, target) {
  await answerQuickInput(page, 'Save Backup As', target);
  const box = quickInputBox(page);
  await until(async () => {
    await new Promise((r) => setTimeout(r, 300));
    if ((await box.inputValue()) === target) return true;
    await box.fill(target);
    return false;
  }, 'the save dialog holding the typed path', { timeout: 15_000, interval: 0 });
  await box.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
}

function makeSteps({ emulator, proxy, trap, wb }) {
  const origin = emulator.url;
  return [
    {
      n: 1, name: 'browse-download', run: async ({ page, log }) => {
        const view = viewOf(page);
        const instance = SAMPLE_IDS.rds.mysql;
        const backup = smallestBackup(emulator, instance);
        const target = path.join(wb.server.folder, `backup-${backup.id}.tar.gz`);
        await expandPath(view, [REGION, PRODUCT_TITLES.rds, instance]);
        const row = await scrollToRow(view, treeRow(view, backup.id), { timeout: 20_000 });
        await contextMenu(row.locator('.label-name'), 'Download Backup…');
        await answerQuickInput(page, 'Intranet URL (only from inside the VPC)', 'Public URL');
        await quickInputBox(page).press('Enter');
        await typeSavePath(page, target);
        await page.locator('.notification-toast', { hasText: 'Backup downloaded' }).first().waitFor({ timeout: 120_000 });
        equal(fs.statSync(target).size, backup.size, 'size of the file on disk');
        fs.rmSync(target);
        const lines = proxy.log.map((l) => l.replace(/\?\S*/, '?…'));
        for (const line of lines) log(`proxy: ${line}`);
        for (const action of ['DescribeDBInstances', 'DescribeBackups']) {
          check(lines.some((l) => l.startsWith(`POST ${origin}/`) && l.endsWith(` ${action}`)), `the proxy's log has no ${action} call to ${origin}`);
        }
        check(lines.some((l) => l.startsWith(`GET ${origin}/__files/`)), "the proxy's log has no GET of the backup file");
        equal(emulator.requests().length, proxy.log.length, 'requests the emulator answered (each came through the proxy)');
        equal(trap.log.length, 0, "requests through the workspace's proxy");
        log(`Proxy-Connection headers: ${[...new Set(proxy.proxyConnection)].join(', ')} (Keep-Alive: the extension's own agent; close: VS Code's)`);
        const said = readChannelLog(wb.server, CHANNEL).find((l) => l.includes('Requests go through the proxy'));
        check(said?.includes(`Requests go through the proxy http://127.0.0.1:${proxy.port}; direct to `), `the extension's log does not name the proxy: ${said}`);
        log(said.replace(/^.*\] /, ''));
      },
    },
    {
      n: 2, name: 'refused', run: async ({ page, log }) => {
        const view = viewOf(page);
        await proxy.close();
        emulator.clearRequests();
        await runCommand(page, `${CATEGORY}: Refresh`);
        await expandPath(view, [REGION, PRODUCT_TITLES.rds]);
        // ProxyRefused when the extension's agent connects; VS Code's own agent (http.proxySupport "override", the
        // default) does not say why it could not connect, so the row says ProxyUnreachable.
        const row = treeRow(view, /^Proxy(Refused|Unreachable): /).first();
        await row.waitFor({ timeout: 60_000 });
        const text = (await row.innerText()).replace(/\s+/g, ' ');
        check(new RegExp(`^Proxy(Refused: The proxy http://127\\.0\\.0\\.1:${proxy.port} refused the connection \\(ECONNREFUSED\\)|Unreachable: The proxy http://127\\.0\\.0\\.1:${proxy.port} could not be reached)\\.`).test(text), `the row does not name the proxy: ${text}`);
        equal(emulator.requests().length, 0, 'requests that reached the emulator with the proxy down');
        equal(trap.log.length, 0, "requests through the workspace's proxy");
        log(`error row: ${text}`);
      },
    },
  ];
}

async function runVersion(version, emulator) {
  const proxy = await startProxy();
  const trap = await startProxy();
  const endpoints = Object.fromEntries(['adb', 'dds', 'dbs', 'rds', 'polardb', 'r-kvstore'].map((p) => [p, emulator.url]));
  const settings = {
    'alibabaCloudBackups.regions': [REGION],
    'alibabaCloudBackups.endpointOverrides': endpoints,
    'alibabaCloudBackups.products': ['rds'],
    'alibabaCloudBackups.pageSize': 100,
    'workbench.tree.enableStickyScroll': false,
    'files.simpleDialog.enable': true,
    'http.proxy': proxy.url,
  };
  const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_CREDENTIALS.normal.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_CREDENTIALS.normal.accessKeySecret };
  const wb = await startWorkbench({ version, vsix, settings, workspaceSettings: { 'http.proxy': trap.url }, env });
  const steps = makeSteps({ emulator, proxy, trap, wb });
  const results = [];
  try {
    await openViewContainer(wb.page, CONTAINER);
    await setSideBarWidth(wb.page, 700).catch(() => {});
    await treeRow(viewOf(wb.page), REGION).waitFor({ timeout: 30_000 });
    for (const step of steps) {
      const t1 = Date.now();
      const log = (m) => console.log(`    [${version} ${step.n} ${((Date.now() - t1) / 1000).toFixed(1)}s] ${m}`);
      let ok = false;
      try {
        await collapseAll(wb.page);
        await step.run({ page: wb.page, log });
        if (step.n === 1) equal(await treeRow(viewOf(wb.page), ERROR_ROW).count(), 0, 'error rows in the tree');
        ok = true;
      } catch (err) {
        console.log(`    ${err instanceof Failure ? err.message : err?.stack ?? err}`);
        await wb.page.keyboard.press('Escape').catch(() => {});
      }
      const file = path.join(resultsDir, `proxy-${version}-${step.n}-${step.name}.png`);
      await wb.screenshot(file).catch(() => {});
      console.log(`${ok ? 'PASS' : 'FAIL'} ${version} ${step.n} ${step.name} (${((Date.now() - t1) / 1000).toFixed(1)}s) ${path.relative(repoRoot, file)}`);
      results.push(ok);
    }
  } finally {
    await wb.stop(results.length === steps.length && results.every(Boolean) ? {} : { keep: true });
    await proxy.close();
    await trap.close();
  }
  return results.length === steps.length && results.every(Boolean);
}

fs.mkdirSync(resultsDir, { recursive: true });
const emulator = await startEmulator({ port: 0, host: '127.0.0.2', downloads: true });
const all = [];
try {
  for (const version of versions) {
    console.log(`\n=== proxy e2e: VS Code ${version} (emulator ${emulator.url})`);
    emulator.clearRequests();
    let ok = false;
    try {
      ok = await runVersion(version, emulator);
    } catch (err) {
      console.log(`FAIL ${version} proxy: ${err?.stack ?? err}`);
    }
    console.log(`=== VS Code ${version}: ${ok ? 'PASS' : 'FAIL'}`);
    all.push(ok);
  }
} finally {
  await emulator.close();
}
const failed = all.filter((r) => !r).length;
console.log(`\nproxy: ${all.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
