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
//   2 https-tunnel     RDS pointed at the emulator's TLS port (a certificate nobody trusts): with http.proxyStrictSSL
//                      off the backups are listed through the proxy's CONNECT tunnel; with it on, an error row names
//                      the self-signed certificate and the emulator answered nothing
//   3 refused          the proxy stopped, Refresh: a ProxyRefused/ProxyUnreachable row naming the proxy; the emulator
//                      saw nothing
// Screenshots: test-results/proxy-<version>-<n>-<name>.png
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { editUserSettings, expandPath, readChannelLog, repoRoot, runCommand, scrollToRow, treeRow } from './workbench.mjs';
import { CATEGORY, CHANNEL, ERROR_ROW, PRODUCT_TITLES, check, collapseAll, equal, smallestBackup, downloadRow, until, viewOf } from '../reliability/e2eKit.mjs';
import { prepareWalk, runWalk } from './walkRunner.mjs';

const REGION = 'cn-hangzhou';

const { SAMPLE_IDS, makeTestCertificate } = prepareWalk('proxy');
// Only the proxies this walk starts, never one of this machine's environment.
for (const k of Object.keys(process.env)) if (/^(https?|no)_proxy$/i.test(k)) delete process.env[k];
const { startProxy } = createRequire(import.meta.url)(path.join(repoRoot, 'out/test/proxy/server.js'));

/**
 * The first error row matching `pattern`, once there is one: the root's, when the regions (DescribeRegions, for their
 * names) fail, else RDS's, expanded to as soon as the region shows.
 */
async function errorRow(view, pattern) {
  const row = treeRow(view, pattern).first();
  await until(async () => {
    if (await row.count()) return true;
    await expandPath(view, [REGION, PRODUCT_TITLES.rds], { timeout: 3_000 }).catch(() => {});
    return (await row.count()) > 0;
  }, `an error row ${pattern}`, { timeout: 60_000 });
  return row;
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
        await downloadRow(page, row, target);
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
      n: 2, name: 'https-tunnel', errorRows: true, run: async ({ page, log }) => {
        const view = viewOf(page);
        const instance = SAMPLE_IDS.rds.mysql;
        const saved = JSON.parse(fs.readFileSync(path.join(wb.server.userDataDir, 'User/settings.json'), 'utf8'));
        const endpoints = { ...saved['alibabaCloudBackups.endpointOverrides'], rds: `https://${emulator.tlsEndpoint}` };
        const tunnel = `CONNECT ${emulator.tlsEndpoint}`;
        try {
          proxy.log.length = 0;
          emulator.clearRequests();
          await editUserSettings(page, { ...saved, 'alibabaCloudBackups.endpointOverrides': endpoints, 'http.proxyStrictSSL': false });
          await collapseAll(page);
          await expandPath(view, [REGION, PRODUCT_TITLES.rds, instance]);
          await scrollToRow(view, treeRow(view, smallestBackup(emulator, instance).id), { timeout: 20_000 });
          check(proxy.log.length > 0 && proxy.log.every((l) => l === tunnel), `the proxy's log is not only ${tunnel}: ${proxy.log.join(' | ')}`);
          check(emulator.requests().length > 0, 'the emulator answered nothing over TLS');
          log(`http.proxyStrictSSL false: backups listed over https through the tunnel (${proxy.log.length} × ${tunnel}, ${emulator.requests().length} requests answered)`);

          emulator.clearRequests();
          await editUserSettings(page, { ...saved, 'alibabaCloudBackups.endpointOverrides': endpoints, 'http.proxyStrictSSL': true });
          await collapseAll(page);
          const row = await errorRow(view, ERROR_ROW);
          const text = (await row.innerText()).replace(/\s+/g, ' ');
          check(/self[-_ ]signed[-_ ]cert/i.test(text), `the error row does not say the certificate is self-signed: ${text}`);
          equal(emulator.requests().length, 0, 'requests answered with the certificate refused');
          log(`http.proxyStrictSSL true: ${text}`);
        } finally {
          await editUserSettings(page, saved);
        }
        equal(trap.log.length, 0, "requests through the workspace's proxy");
      },
    },
    {
      n: 3, name: 'refused', errorRows: true, run: async ({ page, log }) => {
        const view = viewOf(page);
        await proxy.close();
        emulator.clearRequests();
        await runCommand(page, `${CATEGORY}: Refresh`);
        // ProxyRefused when the extension's agent connects; VS Code's own agent (http.proxySupport "override", the
        // default) does not say why it could not connect, so the row says ProxyUnreachable.
        const row = await errorRow(view, /^Proxy(Refused|Unreachable): /);
        const text = (await row.innerText()).replace(/\s+/g, ' ');
        check(new RegExp(`^Proxy(Refused: The proxy http://127\\.0\\.0\\.1:${proxy.port} refused the connection \\(ECONNREFUSED\\)|Unreachable: The proxy http://127\\.0\\.0\\.1:${proxy.port} could not be reached)\\.`).test(text), `the row does not name the proxy: ${text}`);
        equal(emulator.requests().length, 0, 'requests that reached the emulator with the proxy down');
        equal(trap.log.length, 0, "requests through the workspace's proxy");
        log(`error row: ${text}`);
      },
    },
  ];
}

await runWalk({
  name: 'proxy',
  emulator: { host: '127.0.0.2', downloads: true, tls: makeTestCertificate() },
  settings: {
    'alibabaCloudBackups.regions': [REGION],
    'alibabaCloudBackups.products': ['rds'],
    'alibabaCloudBackups.pageSize': 100,
    'files.simpleDialog.enable': true,
  },
  // The proxy in the user settings; the one a cloned repository names (the trap) must see nothing.
  perVersion: async () => {
    const proxy = await startProxy();
    const trap = await startProxy();
    return {
      settings: { 'http.proxy': proxy.url },
      workspaceSettings: { 'http.proxy': trap.url },
      extras: { proxy, trap },
      close: async () => {
        await proxy.close();
        await trap.close();
      },
    };
  },
  region: REGION,
  sideBarWidth: 700,
  tidyTree: true,
  steps: makeSteps,
});
