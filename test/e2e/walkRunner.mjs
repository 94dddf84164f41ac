// The runner every feature walk shares: the emulator, a workbench per VS Code version with the packaged extension
// signed in with the emulator's normal key and every product's endpoint on the emulator, the view opened, then the
// walk's steps in order, each printing PASS or FAIL with its time and screenshot (taken with no hover left over the
// workbench); the process ends with the count.
// Every workbench of a run installs the same copy of the .vsix, even if dist/ is rebuilt meanwhile; E2E_ONLY=1,3
// runs only those steps, and the screenshots an earlier run left of the steps about to run are removed first.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { dismissHovers, makeScratch, openViewContainer, renderedRows, repoRoot, setSideBarWidth, startWorkbench, treeRow } from './workbench.mjs';
import {
  CONTAINER, Failure, check, collapseAll, emulatorModule, errorNotifications, isErrorRow, resultsDir, versions, viewOf, vsix,
  waitForExtension,
} from '../reliability/e2eKit.mjs';

const require = createRequire(import.meta.url);
const PRODUCT_IDS = ['adb', 'dds', 'dbs', 'rds', 'polardb', 'r-kvstore'];

/** The step numbers E2E_ONLY names (E2E_ONLY=1,3), or undefined for every step. */
export const onlySteps = process.env.E2E_ONLY ? new Set(process.env.E2E_ONLY.split(',').map(Number)) : undefined;

/**
 * @typedef {{ page: any, log: (m: string) => void, shot: (suffix?: string) => Promise<void>, version: string, settings: object }} StepContext
 * @typedef {{ n: number, name: string, title?: string, run: (ctx: StepContext) => Promise<void>, keepTree?: boolean, errorRows?: boolean }} Step
 *   (a title follows the name on the step's PASS or FAIL line)
 * @typedef {{ settings?: object, workspaceSettings?: object, extras?: object, close?: () => Promise<void> }} VersionSetup
 * @typedef {object} Walk
 * @property {string} name                   names the screenshots and the summary line
 * @property {object} settings               user settings beside the endpoints (regions, products, page size…)
 * @property {(ctx: { emulator: any, wb: any }) => Step[]} steps   made once the workbench runs, before the view opens
 * @property {object} [emulator]             startEmulator options, e.g. { downloads: true }
 * @property {boolean} [emulatorPerVersion]  a fresh emulator for each version (steps that change its data)
 * @property {(emulator: any) => Promise<VersionSetup>} [perVersion]  what a version's workbench needs beside the
 *                                            emulator (a proxy): settings, and extras handed to the steps' maker
 * @property {boolean} [signedIn=true]       the emulator's normal key in the environment
 * @property {object} [env]                  more environment for code-server and the extension host
 * @property {string} [locale]               the UI language (startWorkbench's locale)
 * @property {boolean} [openView=true]       open the view before the first step
 * @property {boolean} [waitForExtension]    then wait until the extension fills it, failing at once if it did not
 *                                            activate
 * @property {string} [region]               a region row to wait for before the first step
 * @property {number} [sideBarWidth]
 * @property {boolean} [tidyTree]            collapse the tree before each step (unless it says keepTree) and
 *                                            fail a step that leaves an error row (unless it says errorRows)
 * @property {boolean} [noErrorNotifications]  fail a step that leaves an error notification
 * @property {(ctx: { page: any, emulator: any }) => Promise<string>} [describeFailure]  printed under a failed
 *                                            step's message (what the tree or the notifications show)
 * @property {(ctx: { page: any, emulator: any }) => Promise<void>} [afterStep]
 * @property {(step: Step) => boolean} [screenshot]   which steps end with a screenshot (all by default)
 * @property {(step: Step) => boolean} [fatal]        a failed step that ends the version's run
 */

/**
 * What a walk needs before its steps are made: the packaged extension and the compiled emulator (whose module it
 * returns), and no credentials from this machine's environment.
 */
export function prepareWalk(name) {
  for (const f of [vsix, emulatorModule]) {
    if (!fs.existsSync(f)) {
      console.error(`FAIL ${name}: ${path.relative(repoRoot, f)} does not exist; run \`npm run package\` and \`npx tsc -p .\` first`);
      process.exit(2);
    }
  }
  for (const k of Object.keys(process.env)) if (/^(ALIBABA_CLOUD_|ALICLOUD_)/.test(k)) delete process.env[k];
  return require(emulatorModule);
}

/**
 * A copy of the .vsix under test, taken now and removed when the process exits, for every workbench of the run to
 * install.
 */
export function pinnedVsix(name) {
  const dir = makeScratch(`${name}-vsix`);
  const copy = path.join(dir, path.basename(vsix));
  fs.copyFileSync(vsix, copy);
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return copy;
}

/**
 * Removes the screenshots `<prefix>-<version>-<n>-….png` that an earlier run left of the steps about to run (and of
 * the start-up, 0), so that none is mistaken for this run's.
 */
export function removeStaleShots(prefix) {
  fs.mkdirSync(resultsDir, { recursive: true });
  for (const version of versions) {
    const stale = new RegExp(`^${prefix}-${version.replace(/\./g, '\\.')}-(\\d+)-.*\\.png$`);
    for (const f of fs.readdirSync(resultsDir)) {
      const m = stale.exec(f);
      if (m && (!onlySteps || onlySteps.has(Number(m[1])) || m[1] === '0')) fs.rmSync(path.join(resultsDir, f));
    }
  }
}

/** @param {Walk} walk */
export async function runWalk(walk) {
  const { startEmulator } = prepareWalk(walk.name);
  const installed = pinnedVsix(walk.name);
  removeStaleShots(walk.name);
  let shared;
  const all = [];
  try {
    for (const version of versions) {
      const emulator = walk.emulatorPerVersion || !shared ? await startEmulator({ port: 0, ...walk.emulator }) : shared;
      if (!walk.emulatorPerVersion) shared = emulator;
      emulator.clearRequests();
      console.log(`\n=== ${walk.name} e2e: VS Code ${version} (emulator ${emulator.url})`);
      let ok = false;
      try {
        ok = await runVersion(walk, version, emulator, installed);
      } catch (err) {
        console.log(`FAIL ${version} ${walk.name}: ${err?.stack ?? err}`);
      } finally {
        if (walk.emulatorPerVersion) await emulator.close();
      }
      console.log(`=== VS Code ${version}: ${ok ? 'PASS' : 'FAIL'}`);
      all.push(ok);
    }
  } finally {
    await shared?.close();
  }
  const failed = all.filter((r) => !r).length;
  console.log(`\n${walk.name}: ${all.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

async function runVersion(walk, version, emulator, installed) {
  const setup = (await walk.perVersion?.(emulator)) ?? {};
  try {
    return await runWorkbench(walk, version, emulator, installed, setup);
  } finally {
    await setup.close?.();
  }
}

async function runWorkbench(walk, version, emulator, installed, setup) {
  const { TEST_CREDENTIALS } = require(emulatorModule);
  const endpoints = Object.fromEntries(PRODUCT_IDS.map((p) => [p, emulator.url]));
  const settings = { 'alibabaCloudBackups.endpointOverrides': endpoints, 'workbench.tree.enableStickyScroll': false, ...walk.settings, ...setup.settings };
  const key = TEST_CREDENTIALS.normal;
  const signedIn = (walk.signedIn ?? true) ? { ALIBABA_CLOUD_ACCESS_KEY_ID: key.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.accessKeySecret } : {};
  const env = { ...signedIn, ...walk.env };
  const wb = await startWorkbench({ version, vsix: installed, settings, workspaceSettings: setup.workspaceSettings, env, locale: walk.locale });
  const { page } = wb;
  const steps = walk.steps({ emulator, wb, ...setup.extras }).filter((step) => !onlySteps || onlySteps.has(step.n));
  const results = [];
  try {
    await prepareView(walk, wb).catch(async (err) => {
      await wb.screenshot(path.join(resultsDir, `${walk.name}-${version}-0-startup.png`)).catch(() => {});
      throw err;
    });
    for (const step of steps) {
      const t1 = Date.now();
      const log = (m) => console.log(`    [${version} ${step.n} ${((Date.now() - t1) / 1000).toFixed(1)}s] ${m}`);
      const shotFile = (suffix) => path.join(resultsDir, `${walk.name}-${version}-${step.n}-${step.name}${suffix ? `-${suffix}` : ''}.png`);
      const shot = (suffix) => wb.screenshot(shotFile(suffix)).catch(() => {});
      let ok = false;
      try {
        if (walk.tidyTree && !step.keepTree) await collapseAll(page);
        await step.run({ page, log, shot, version, settings });
        if (walk.noErrorNotifications) {
          const notes = await errorNotifications(page);
          check(notes.length === 0, `error notifications: ${notes.join(' | ')}`);
        }
        if (walk.tidyTree && !step.errorRows) {
          const errors = (await renderedRows(viewOf(page))).filter(isErrorRow);
          check(errors.length === 0, `error rows in the tree: ${errors.map((r) => `"${r.label}"`).join(', ')}`);
        }
        ok = true;
      } catch (err) {
        console.log(`    ${err instanceof Failure ? err.message : err?.stack ?? err}`);
        const more = await walk.describeFailure?.({ page, emulator }).catch(() => '');
        if (more) console.log(`    ${more}`);
        await page.keyboard.press('Escape').catch(() => {});
      }
      let shown = '';
      if (walk.screenshot?.(step) ?? true) {
        await dismissHovers(page).catch(() => {});
        await shot();
        shown = ` ${path.relative(repoRoot, shotFile())}`;
      }
      await walk.afterStep?.({ page, emulator });
      const title = step.title ? `: ${step.title}` : '';
      console.log(`${ok ? 'PASS' : 'FAIL'} ${version} ${step.n} ${step.name}${title} (${((Date.now() - t1) / 1000).toFixed(1)}s)${shown}`);
      results.push(ok);
      if (!ok && walk.fatal?.(step)) break;
    }
  } finally {
    await wb.stop(results.length === steps.length && results.every(Boolean) ? {} : { keep: true });
  }
  return results.length === steps.length && results.every(Boolean);
}

/** Opens the view as the walk asks, before its first step. */
async function prepareView(walk, wb) {
  const { page } = wb;
  if (walk.openView ?? true) await openViewContainer(page, CONTAINER);
  if (walk.waitForExtension) await waitForExtension(wb);
  if (walk.sideBarWidth) await setSideBarWidth(page, walk.sideBarWidth).catch((err) => console.log(`  (side bar left at its width: ${err.message})`));
  if (walk.region) await treeRow(viewOf(page), walk.region).waitFor({ timeout: 30_000 });
}
