#!/usr/bin/env node
// A repository the user opens cannot steer the extension: a real VS Code workbench (code-server + headless
// Chromium) opens a folder whose .vscode/settings.json was written by someone else.
//
// Usage: node test/e2e/workspace.mjs [1.100.3] [1.139.1]          (no argument: both versions)
//   needs `npm run package` (the .vsix) and `npx tsc -p .` (out/test/emulator);  E2E_VSIX=path  E2E_KEEP=1
//
// The user's settings point every product at the gateway emulator; the folder's settings point every product
// at a recording server on loopback (the relay of the review that found this), turn the ECS metadata lookup on,
// and carry a command link, `[Open Settings](command:workbench.action.tasks.runTask?…)`, in the page size and the
// regions, with a timeout and a concurrency outside their ranges. Workspace trust is off (everything trusted),
// the worst case. The walk shows:
//   1 the tree loads from the user's endpoint; the recording server receives 0 requests, while browsing three
//     products and Set Access Key… (whose check is signed too)
//   2 the view's description says an endpoint override is active
//   3 the unusable workspace values are reported by setting name; no notification contains a command link (DOM:
//     no element whose href or data-href says command:, no "command:" in any notification text), and the folder's
//     task never ran
//   4 selecting a region, a product, a Load more row raises no notification
//   5 (a second workbench, no key anywhere but an aliyun CLI profile whose AssumeRole fails) the view names that
//     profile and the reason, and does not claim that nothing is configured
// Figures: test-results/reliability-e2e-workspace-<version>.json. Screenshots: test-results/workspace-<version>-*.png
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  answerQuickInput, expandPath, expandRow, nextFrames, openViewContainer, repoRoot, runCommand, scrollToRow, setSideBarWidth, startWorkbench, treeRow,
} from './workbench.mjs';
import {
  CATEGORY, CONTAINER, Failure, PRODUCT_TITLES, check, emptyFigures, equal, until, viewOf, writeFigures, emulatorModule, resultsDir, versions, vsix, SEED_PRODUCTS,
} from '../reliability/e2eKit.mjs';

const require = createRequire(import.meta.url);
const REGION = 'cn-hangzhou';
const LINK = '[Open Settings](command:workbench.action.tasks.runTask?%22lint%22 "Open Settings")';

for (const f of [vsix, emulatorModule]) {
  if (!fs.existsSync(f)) {
    console.error(`FAIL workspace: ${path.relative(repoRoot, f)} does not exist; run \`npm run package\` and \`npx tsc -p .\` first`);
    process.exit(2);
  }
}
for (const k of Object.keys(process.env)) if (/^(ALIBABA_CLOUD_|ALICLOUD_)/.test(k)) delete process.env[k];
const { startEmulator, TEST_CREDENTIALS, SAMPLE_IDS } = require(emulatorModule);

/** What the workspace's host would be: it records whatever reaches it and answers like a gateway would. */
function startRecorder() {
  const received = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, authorization: Boolean(req.headers.authorization) });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ RequestId: 'RECORDER', Regions: { Region: [{ RegionId: 'cn-recorder', LocalName: 'recorded' }] } }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`,
    received,
    close: () => new Promise((r) => server.close(r)),
  })));
}

/** Every notification's text and every link inside one, toasts and the notification center alike. */
async function notificationContent(page) {
  return page.evaluate(() => {
    const nodes = [...document.querySelectorAll('.notification-toast, .notifications-center .monaco-list-row, .notification-list-item')];
    const texts = nodes.map((n) => n.innerText);
    const links = nodes.flatMap((n) => [...n.querySelectorAll('[href], [data-href]')].map((a) => a.getAttribute('href') ?? a.getAttribute('data-href') ?? ''));
    return { texts, links };
  });
}

async function run(version, emulator, recorder) {
  const figures = emptyFigures(`e2e:workspace@${version}`);
  const t0 = Date.now();
  const log = (m) => console.log(`  [${version} ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
  const settings = {
    'alibabaCloudBackups.endpointOverrides': { adb: emulator.url, dds: emulator.url, dbs: emulator.url },
    'alibabaCloudBackups.products': SEED_PRODUCTS,
    'workbench.tree.enableStickyScroll': false,
  };
  const workspaceSettings = {
    'alibabaCloudBackups.endpointOverrides': { adb: recorder.url, dds: recorder.url, dbs: recorder.url },
    'alibabaCloudBackups.useEcsMetadata': true,
    'alibabaCloudBackups.pageSize': LINK,
    'alibabaCloudBackups.regions': [REGION, LINK],
    'alibabaCloudBackups.requestTimeoutSeconds': 0.01,
    'alibabaCloudBackups.maxConcurrentRequests': 1e10,
  };
  const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_CREDENTIALS.normal.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_CREDENTIALS.normal.accessKeySecret };
  const wb = await startWorkbench({ version, vsix, settings, workspaceSettings, env });
  // The folder's task: a command link that reached a notification would run it with one click.
  const marker = path.join(wb.server.folder, 'TASK_RAN');
  fs.writeFileSync(path.join(wb.server.folder, '.vscode/tasks.json'), JSON.stringify({
    version: '2.0.0', tasks: [{ label: 'lint', type: 'shell', command: `touch ${marker}` }],
  }, null, 2));
  const { page } = wb;
  const view = viewOf(page);
  const shot = async (name) => {
    await nextFrames(page);
    await wb.screenshot(path.join(resultsDir, `workspace-${version}-${name}.png`));
  };
  const results = [];
  const step = async (name, fn) => {
    try {
      await fn();
      results.push(true);
      log(`PASS ${name}`);
    } catch (err) {
      results.push(false);
      log(`FAIL ${name}: ${err instanceof Failure ? err.message : err?.stack ?? err}`);
      await shot(`failure-${results.length}`).catch(() => {});
    }
  };
  try {
    await openViewContainer(page, CONTAINER);
    await setSideBarWidth(page, 700).catch(() => {});

    await step('1 the tree loads from the user\'s endpoint; the workspace\'s host receives nothing', async () => {
      await expandPath(view, [REGION, PRODUCT_TITLES.adb]);
      await treeRow(view, SAMPLE_IDS.adb.big).waitFor({ timeout: 30_000 });
      await expandPath(view, [PRODUCT_TITLES.dds]);
      await expandPath(view, [PRODUCT_TITLES.dbs]);
      await until(async () => emulator.requests().some((r) => r.product === 'dbs' && r.action !== 'DescribeRegions'), 'DBS plans from the emulator');
      // Set Access Key… signs one DescribeRegions with the new key: it must go to the user's endpoint too.
      const before = emulator.requests().length;
      await runCommand(page, `${CATEGORY}: Set Access Key…`);
      await (await answerQuickInput(page, 'AccessKey ID', TEST_CREDENTIALS.normal.accessKeyId)).press('Enter');
      await (await answerQuickInput(page, 'AccessKey secret', TEST_CREDENTIALS.normal.accessKeySecret)).press('Enter');
      await (await answerQuickInput(page, 'STS security token', '')).press('Enter');
      await until(async () => emulator.requests().slice(before).some((r) => r.action === 'DescribeRegions'), 'the Set Access Key check at the emulator');
      await page.waitForTimeout(1000);
      equal(recorder.received.length, 0, 'requests that reached the workspace\'s endpoint');
      figures.badInput.push({ input: 'workspace endpointOverrides → recording server', where: 'ignored: 0 requests received (workbench)', message: `${emulator.requests().length} requests went to the user's endpoint`, passed: true });
      figures.badInput.push({ input: 'workspace useEcsMetadata true', where: 'ignored (user settings only)', message: 'application scope, read from user settings', passed: true });
      await shot('tree');
    });

    await step('2 the view says an endpoint override is active', async () => {
      await until(async () => (await page.locator('.part.sidebar').textContent()).includes('Endpoint override: adb, dds, dbs'), 'the view description naming the override', { timeout: 10_000 });
    });

    await step('3 unusable workspace values are named, never repeated; no notification carries a command link', async () => {
      await runCommand(page, 'Notifications: Show Notifications').catch(() => {});
      await until(async () => (await notificationContent(page)).texts.some((t) => t.includes('alibabaCloudBackups.pageSize')), 'the warning naming alibabaCloudBackups.pageSize', { timeout: 20_000 });
      await shot('notifications');
      const { texts, links } = await notificationContent(page);
      const all = texts.join('\n');
      for (const name of ['alibabaCloudBackups.pageSize', 'alibabaCloudBackups.regions', 'alibabaCloudBackups.requestTimeoutSeconds', 'alibabaCloudBackups.maxConcurrentRequests']) {
        check(all.includes(name), `no notification names ${name}: ${JSON.stringify(texts)}`);
      }
      equal(links.filter((l) => /command:/i.test(l)).length, 0, 'command links in notifications');
      check(!/command:/i.test(all), `a notification shows a command link's text: ${JSON.stringify(texts)}`);
      check(!fs.existsSync(marker), 'the folder\'s task ran');
      for (const value of ['pageSize', 'regions']) {
        figures.hostile.push({ input: `workspace ${value}: [Open Settings](command:…)`, where: 'notification (workbench): setting named, value never shown, no link', passed: true });
      }
      figures.badInput.push({ input: 'workspace requestTimeoutSeconds 0.01 / maxConcurrentRequests 1e10', where: 'clamped to 1 s / 32, named in a warning (workbench)', message: 'setting named, value not repeated', passed: true });
      await runCommand(page, 'Notifications: Clear All Notifications').catch(() => {});
      await page.keyboard.press('Escape');
    });

    await step('4 selecting a region, a product or a Load more row raises no notification', async () => {
      await runCommand(page, 'Notifications: Clear All Notifications').catch(() => {});
      // A click selects and also toggles the row: twice leaves the tree as it was, selected.
      for (const label of [PRODUCT_TITLES.adb, REGION]) {
        for (let i = 0; i < 2; i++) {
          await treeRow(view, label).first().locator('.label-name').click();
          await page.waitForTimeout(800);
        }
      }
      await expandRow(treeRow(view, SAMPLE_IDS.adb.big).first());
      await treeRow(view, /^3\d{9}$/).first().waitFor({ timeout: 20_000 });
      const more = await scrollToRow(view, treeRow(view, /^Load more…/));
      await more.locator('.label-name').click();
      await until(async () => emulator.requests().some((r) => r.action === 'DescribeBackups' && r.params.PageNumber === '2'), 'the second page of backups');
      await page.waitForTimeout(1000);
      const { texts } = await notificationContent(page);
      equal(texts.length, 0, `notifications after selecting plain rows (${JSON.stringify(texts)})`);
      await shot('selection');
    });
  } finally {
    await wb.stop(results.every(Boolean) ? {} : { keep: true });
  }
  results.push(await failingProfile(version, figures, log));
  writeFigures(`e2e-workspace-${version}`, figures);
  return results.length === 5 && results.every(Boolean);
}

/**
 * 5 a configured source that fails is named in the view with its reason, and nothing else is tried in its place:
 * an aliyun CLI profile in RamRoleArn mode whose AssumeRole cannot reach its STS endpoint (a closed port here).
 */
async function failingProfile(version, figures, log) {
  const secret = 'profile-secret-never-shown-5c1e';
  const wb = await startWorkbench({ version, vsix, settings: { 'alibabaCloudBackups.endpointOverrides': { adb: 'http://127.0.0.1:9' } }, env: {} });
  let ok = false;
  try {
    const config = path.join(wb.scratch, 'cs-home/.aliyun/config.json');
    fs.mkdirSync(path.dirname(config), { recursive: true });
    fs.writeFileSync(config, JSON.stringify({
      current: 'prod',
      profiles: [{ name: 'prod', mode: 'RamRoleArn', access_key_id: 'EMUL5tProfileKeyId01', access_key_secret: secret, ram_role_arn: 'acs:ram::1234567890123456:role/backup-reader', ram_session_name: 'e2e', sts_endpoint: '127.0.0.1:9' }],
    }));
    const { page } = wb;
    await openViewContainer(page, CONTAINER);
    const expected = 'aliyun CLI profile "prod" (RamRoleArn) in ~/.aliyun/config.json could not be used:';
    await until(async () => (await page.locator('.part.sidebar').innerText()).includes(expected), 'the view naming the failing profile', { timeout: 30_000 });
    const sidebar = await page.locator('.part.sidebar').innerText();
    check(!sidebar.includes('No Alibaba Cloud credentials were found'), 'the view says no credentials were found, as if nothing were configured');
    check(!(await page.content()).includes(secret), 'the profile\'s secret is in the workbench');
    await nextFrames(page);
    await wb.screenshot(path.join(resultsDir, `workspace-${version}-failing-profile.png`));
    figures.badInput.push({ input: 'aliyun CLI profile in RamRoleArn mode whose AssumeRole fails', where: 'view message naming the source and reason (workbench); no fall-through', message: expected, passed: true });
    ok = true;
    log('PASS 5 a failing aliyun CLI profile is named in the view with its reason');
  } catch (err) {
    log(`FAIL 5 a failing aliyun CLI profile is named in the view: ${err instanceof Failure ? err.message : err?.stack ?? err}`);
    await wb.screenshot(path.join(resultsDir, `workspace-${version}-failure-5.png`)).catch(() => {});
  } finally {
    await wb.stop(ok ? {} : { keep: true });
  }
  return ok;
}

fs.mkdirSync(resultsDir, { recursive: true });
const emulator = await startEmulator({ port: 0 });
const recorder = await startRecorder();
const all = [];
try {
  for (const version of versions) {
    console.log(`\n=== workspace e2e: VS Code ${version} (user endpoint ${emulator.url}, workspace endpoint ${recorder.url})`);
    emulator.clearRequests();
    recorder.received.length = 0;
    let ok = false;
    try {
      ok = await run(version, emulator, recorder);
    } catch (err) {
      console.log(`FAIL ${version} workspace: ${err?.stack ?? err}`);
    }
    console.log(`=== VS Code ${version}: ${ok ? 'PASS' : 'FAIL'}`);
    all.push(ok);
  }
} finally {
  await Promise.allSettled([emulator.close(), recorder.close()]);
}
const failed = all.filter((r) => !r).length;
console.log(`\nworkspace: ${all.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
