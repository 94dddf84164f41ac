#!/usr/bin/env node
// End-to-end smoke test of the packaged extension in a real VS Code workbench (code-server + headless Chromium).
//
// Usage: node test/e2e/smoke.mjs [1.100.3] [1.139.1]          (no argument: both versions)
//   env SMOKE_VSIX=path   the .vsix to install (default dist/alibaba-cloud-backup-explorer.vsix from `npm run package`)
//   env E2E_KEEP=1        keep the scratch folders (code-server log, profiles); E2E_VERBOSE=1 prints browser errors
//
// For each version: install the .vsix into a fresh extensions folder, start code-server, open the workbench,
// click the "Alibaba Cloud Backups" activity-bar item, check that the "Backups" view is shown and that the
// extension provides its content, and save test-results/smoke-<version>.png.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_VSIX, VERSIONS, openViewContainer, readLogs, repoRoot, startWorkbench } from './workbench.mjs';

const CONTAINER_TITLE = 'Alibaba Cloud Backups';
const VIEW_NAME = 'Backups';
const EXTENSION_ID = 'backup-explorer-dev.alibaba-cloud-backup-explorer';

const versions = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(VERSIONS);
const vsix = path.resolve(process.env.SMOKE_VSIX || DEFAULT_VSIX);
const resultsDir = path.join(repoRoot, 'test-results');

async function smoke(version) {
  const t0 = Date.now();
  const lap = (m) => console.log(`  [${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
  console.log(`\n=== smoke: VS Code ${version}`);
  const shot = path.join(resultsDir, `smoke-${version}.png`);
  const failShot = path.join(resultsDir, `smoke-${version}-failure.png`);
  for (const f of [shot, failShot]) fs.rmSync(f, { force: true });
  const wb = await startWorkbench({ version, vsix });
  let ok = false;
  try {
    lap(`workbench on screen (${wb.server.base}, extension installed from ${path.relative(repoRoot, vsix)})`);
    const sidebar = await openViewContainer(wb.page, CONTAINER_TITLE);
    lap(`clicked the "${CONTAINER_TITLE}" activity-bar item`);

    // The view: its pane (header title "Backups"; merged into the side bar title while it is the only view).
    const viewlet = wb.page.locator('[id="workbench.view.extension.alibabaCloudBackups"]');
    await viewlet.waitFor({ timeout: 15_000 });
    const pane = viewlet.locator('.pane', { has: wb.page.locator('.pane-header h3.title', { hasText: VIEW_NAME }) });
    await pane.waitFor({ state: 'attached', timeout: 15_000 });
    const title = await sidebar.locator('.composite.title h2').innerText();
    if (!new RegExp(`${VIEW_NAME}`, 'i').test(title)) throw new Error(`side bar title is "${title}", expected it to name the ${VIEW_NAME} view`);
    lap(`"${VIEW_NAME}" view shown (side bar title "${title}")`);

    // The extension must activate (the extension host log says how) and provide the view's content: tree rows
    // or a welcome view, never "There is no data provider registered that can provide view data."
    const body = pane.locator('.pane-body');
    const content = body.locator('.monaco-list-row, .welcome-view-content').filter({ visible: true });
    const noProvider = body.locator('.message:not(.hide)', { hasText: /no data provider/i });
    const idPattern = new RegExp(EXTENSION_ID.replace(/\./g, '\\.'));
    let activation;
    let errors = [];
    for (const end = Date.now() + 30_000; ; await wb.page.waitForTimeout(250)) {
      const logLines = readLogs(wb.server, idPattern);
      activation ??= logLines.find((l) => l.includes('_doActivateExtension'));
      errors = logLines.filter((l) => /\[error\]|activating extension .* failed/i.test(l));
      if (errors.length) throw new Error(`the extension host log reports errors:\n${errors.join('\n')}`);
      if (activation && await content.count() > 0) break;
      if (Date.now() > end) {
        const why = !activation ? 'the extension host log shows no activation of the extension'
          : await noProvider.count() ? 'the view says no data provider is registered'
            : 'the view shows neither tree rows nor a welcome view';
        throw new Error(`the extension did not fill the view within 30 s: ${why}`);
      }
    }
    lap(`activated: ${activation.replace(/^.*?_doActivateExtension\s*/, '')}`);
    const first = (await content.first().innerText()).split('\n')[0];
    lap(`the extension fills the view (first entry: "${first}")`);

    await wb.page.mouse.move(900, 500); // away from the activity bar, so no hover covers the screenshot
    await wb.page.waitForTimeout(500);
    await wb.screenshot(shot);
    lap(`screenshot ${path.relative(repoRoot, shot)}`);
    ok = true;
  } catch (err) {
    console.error(`  ${err?.stack || err}`);
    await wb.screenshot(failShot).then(() => console.error(`  failure screenshot: ${path.relative(repoRoot, failShot)}`), () => {});
    console.error(`  code-server log (last lines):\n${wb.server.log().split('\n').slice(-30).join('\n')}`);
  } finally {
    await wb.stop(ok ? {} : { keep: true });
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`${ok ? 'PASS' : 'FAIL'} smoke VS Code ${version} in ${secs}s${ok ? ` (${path.relative(repoRoot, shot)})` : ''}`);
  return ok;
}

if (!fs.existsSync(vsix)) {
  console.error(`FAIL smoke: ${vsix} does not exist; run \`npm run package\` first`);
  process.exit(2);
}
fs.mkdirSync(resultsDir, { recursive: true });
const results = [];
for (const version of versions) {
  let ok = false;
  try {
    ok = await smoke(version);
  } catch (err) {
    console.error(`  ${err?.stack || err}`);
    console.log(`FAIL smoke VS Code ${version}`);
  }
  results.push({ version, ok });
}
const failed = results.filter((r) => !r.ok);
console.log(`\nsmoke: ${results.length - failed.length} passed, ${failed.length} failed` +
  (failed.length ? ` (${failed.map((r) => r.version).join(', ')})` : ''));
process.exit(failed.length ? 1 : 0);
