// Reusable pieces for end-to-end tests: a real VS Code (code-server from .vscode-test/) with the packaged
// extension installed, opened in headless Debian Chromium through playwright-core.
//
//   const wb = await startWorkbench({ version: '1.100.3', vsix, settings: {…}, env: { EMULATOR_URL } });
//   try {
//     await openViewContainer(wb.page, 'Alibaba Cloud Backups');
//     await runCommand(wb.page, 'Alibaba Cloud: Refresh');
//     console.log(await readClipboard(wb.page));
//   } finally { await wb.stop(); }
//
// Every process started here runs with its own HOME, XDG_* folders and a short TMPDIR inside one scratch folder
// (under /tmp/abx), and code-server runs in its own process group; stop() ends exactly those processes.
// Scratch folders are deleted on stop() unless { keep: true } or E2E_KEEP=1.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { VERSIONS, codeServerFor, repoRoot, shortTmpRoot } from '../vscode/versions.mjs';
import { installZhPack } from '../vscode/zh-pack.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

export { VERSIONS, codeServerFor, repoRoot };

/** The packaged extension that `npm run package` writes. */
export const DEFAULT_VSIX = path.join(repoRoot, 'dist/alibaba-cloud-backup-explorer.vsix');

/** Chromium flags that work on these machines (see docs). Playwright itself refuses --user-data-dir here. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Settings that keep the workbench quiet and the screenshots stable; yours are merged over them. */
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

// Variables that change how code-server itself behaves (port, auth, "open in the running instance").
const CODE_SERVER_CONTROL_VARS = ['PORT', 'CODE_SERVER_HOST', 'CODE_SERVER_CONFIG', 'CODE_SERVER_PARENT_PID',
  'CODE_SERVER_SESSION_SOCKET', 'VSCODE_IPC_HOOK_CLI', 'VSCODE_PROXY_URI', 'PASSWORD', 'HASHED_PASSWORD',
  'GITHUB_TOKEN', 'ELECTRON_RUN_AS_NODE'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A free TCP port on 127.0.0.1. @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** A fresh scratch folder under the short temporary root. @param {string} prefix @returns {string} */
export function makeScratch(prefix = 'e2e') {
  return fs.mkdtempSync(path.join(shortTmpRoot(), `${prefix}-`));
}

/**
 * process.env (or `base`) with HOME, XDG_* and TMPDIR moved into `dir` (created).
 * @param {string} dir @param {NodeJS.ProcessEnv} [base] @returns {NodeJS.ProcessEnv}
 */
export function isolatedEnv(dir, base = process.env) {
  const env = {
    ...base,
    HOME: dir,
    TMPDIR: path.join(dir, 't'),
    XDG_CONFIG_HOME: path.join(dir, '.config'),
    XDG_DATA_HOME: path.join(dir, '.local/share'),
    XDG_CACHE_HOME: path.join(dir, '.cache'),
    XDG_STATE_HOME: path.join(dir, '.local/state'),
    XDG_RUNTIME_DIR: path.join(dir, 'run'),
  };
  for (const k of ['TMPDIR', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'XDG_RUNTIME_DIR']) {
    fs.mkdirSync(env[k], { recursive: true, mode: 0o700 });
  }
  return env;
}

function codeServerEnv(dir, extra = {}) {
  const env = isolatedEnv(dir, { ...process.env, ...extra });
  for (const k of CODE_SERVER_CONTROL_VARS) if (!(k in extra)) delete env[k];
  env.NO_PROXY = [env.NO_PROXY || env.no_proxy, '127.0.0.1', 'localhost'].filter(Boolean).join(',');
  env.no_proxy = env.NO_PROXY;
  return env;
}

// ---- bookkeeping so that nothing outlives the test process
const running = new Set();
let handlersInstalled = false;
function track(item) {
  running.add(item);
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const r of running) if (r.pgid) { try { process.kill(-r.pgid, 'SIGKILL'); } catch { /* gone */ } }
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, async () => {
      console.error(`[e2e] ${sig}: stopping code-server and browsers`);
      await Promise.allSettled([...running].map((r) => r.stop()));
      process.exit(130);
    });
  }
}

function run(cmd, args, opts) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { out += d; });
    p.on('error', (e) => resolve({ code: -1, out: out + String(e) }));
    p.on('close', (code) => resolve({ code, out }));
  });
}

/**
 * Installs a .vsix into an extensions folder with `code-server --install-extension` (the right Node for the
 * version, isolated HOME). Throws with code-server's output if it fails.
 * @param {{version: string, vsix?: string, extensionsDir: string, scratch?: string}} opts
 * @returns {Promise<void>}
 */
export async function installVsix({ version, vsix = DEFAULT_VSIX, extensionsDir, scratch }) {
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist: run \`npm run package\` first`);
  const cs = codeServerFor(version);
  const own = !scratch;
  scratch ??= makeScratch('vsix');
  fs.mkdirSync(extensionsDir, { recursive: true });
  const home = path.join(scratch, 'install-home');
  const { code, out } = await run(cs.node, [cs.entry, '--config', '/dev/null',
    '--user-data-dir', path.join(home, 'user-data'), '--extensions-dir', extensionsDir,
    '--install-extension', vsix, '--force'], { env: codeServerEnv(home), cwd: scratch });
  if (own) fs.rmSync(scratch, { recursive: true, force: true });
  if (code !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`installing ${path.basename(vsix)} into code-server ${cs.codeServerVersion} failed (exit ${code}):\n${out}`);
  }
}

/**
 * @typedef {object} CodeServer
 * @property {string} version VS Code version
 * @property {string} base    e.g. http://127.0.0.1:41234
 * @property {number} port
 * @property {number} pid     also the process-group id
 * @property {string} folder  the workspace folder it opens
 * @property {string} userDataDir
 * @property {string} extensionsDir
 * @property {string} logFile code-server's stdout+stderr
 * @property {string} scratch
 * @property {() => string} log          code-server's output so far
 * @property {() => Promise<void>} stop  stops its whole process group
 */

/**
 * Starts code-server for a VS Code version in its own process group and waits for /healthz.
 * @param {object} opts
 * @param {string} opts.version                VS Code version (key of VERSIONS)
 * @param {string} [opts.scratch]              folder for everything (default: a fresh one)
 * @param {string} [opts.extensionsDir]        default <scratch>/extensions (created: code-server needs it to exist)
 * @param {string} [opts.userDataDir]          default <scratch>/user-data
 * @param {object} [opts.settings]             written to <userDataDir>/User/settings.json over DEFAULT_SETTINGS
 * @param {NodeJS.ProcessEnv} [opts.env]       extra environment for code-server and so the extension host
 * @param {string} [opts.folder]               workspace folder (default <scratch>/workspace, created)
 * @param {object} [opts.workspaceSettings]    written to <folder>/.vscode/settings.json (what a cloned repository brings)
 * @param {string[]} [opts.args]               extra code-server arguments
 * @param {number} [opts.port]                 port to listen on (default: a free one)
 * @returns {Promise<CodeServer>}
 */
export async function startCodeServer({ version, scratch, extensionsDir, userDataDir, settings = {}, env = {}, folder, workspaceSettings, args = [], port }) {
  const cs = codeServerFor(version);
  scratch ??= makeScratch(`cs-${version}`);
  extensionsDir ??= path.join(scratch, 'extensions');
  userDataDir ??= path.join(scratch, 'user-data');
  folder ??= path.join(scratch, 'workspace');
  for (const d of [extensionsDir, path.join(userDataDir, 'User'), folder]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2));
  if (workspaceSettings) {
    fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(folder, '.vscode/settings.json'), JSON.stringify(workspaceSettings, null, 2));
  }
  port ??= await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = path.join(scratch, 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = path.join(scratch, 'code-server.log');
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(cs.node, [cs.entry, '--config', config, '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened', ...args, folder],
  { detached: true, stdio: ['ignore', fd, fd], env: codeServerEnv(path.join(scratch, 'cs-home'), env), cwd: scratch });
  fs.closeSync(fd);
  const exited = new Promise((r) => child.once('exit', r));
  let stopping;
  const server = {
    version, base, port, pid: child.pid, pgid: child.pid, folder, userDataDir, extensionsDir, logFile, scratch,
    log: () => { try { return fs.readFileSync(logFile, 'utf8'); } catch { return ''; } },
    stop: () => {
      stopping ??= (async () => {
        try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
        await Promise.race([exited, sleep(3000)]);
        try { process.kill(-child.pid, 'SIGKILL'); } catch { /* all gone */ }
        running.delete(server);
      })();
      return stopping;
    },
  };
  track(server);
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`${base}/healthz`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server ${cs.codeServerVersion} did not start; its log:\n${server.log().slice(-4000)}`);
    }
    await sleep(200);
  }
  return server;
}

/**
 * @typedef {object} Browser
 * @property {import('playwright-core').BrowserContext} context
 * @property {import('playwright-core').Page} page
 * @property {() => Promise<void>} close
 */

/**
 * Headless Debian Chromium with a fresh profile and its own HOME/XDG/TMPDIR.
 * @param {object} opts
 * @param {string} opts.base                    the code-server origin (for the clipboard grant)
 * @param {string} [opts.scratch]               default: a fresh folder
 * @param {boolean} [opts.clipboard=true]       grant clipboard-read/-write to the origin
 * @param {{width: number, height: number}} [opts.viewport]
 * @param {string} [opts.locale]                browser locale, e.g. 'zh-CN'
 * @param {boolean} [opts.logConsole]           print the page's console errors (default: E2E_VERBOSE=1)
 * @returns {Promise<Browser>}
 */
export async function launchBrowser({ base, scratch, clipboard = true, viewport = { width: 1400, height: 850 }, locale,
  logConsole = process.env.E2E_VERBOSE === '1' }) {
  const own = !scratch;
  scratch ??= makeScratch('browser');
  const env = isolatedEnv(path.join(scratch, 'browser-home'));
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = env.TMPDIR; // playwright's own temporary files
  let context;
  try {
    context = await chromium.launchPersistentContext(path.join(scratch, 'browser-profile'), {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      env,
      viewport,
      locale,
      args: CHROMIUM_ARGS,
    });
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = savedTmp;
  }
  if (clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = context.pages()[0] ?? await context.newPage();
  if (logConsole) {
    page.on('console', (m) => { if (m.type() === 'error') console.log('  [browser]', m.text().slice(0, 300)); });
  }
  let closing;
  const browser = {
    context, page,
    close: () => {
      closing ??= (async () => {
        await context.close().catch(() => {});
        running.delete(browser);
        if (own) fs.rmSync(scratch, { recursive: true, force: true });
      })();
      return closing;
    },
  };
  browser.stop = browser.close;
  track(browser);
  return browser;
}

/**
 * Opens the workbench for the server's folder and waits until it is on screen.
 * @param {import('playwright-core').Page} page @param {CodeServer} server @param {{timeout?: number}} [opts]
 */
export async function openWorkbench(page, server, { timeout = 60_000 } = {}) {
  await page.goto(`${server.base}/?folder=${encodeURIComponent(server.folder)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout });
  await page.locator('.activitybar').waitFor({ timeout });
}

/**
 * Clicks the activity-bar item whose label starts with `title` (e.g. 'Alibaba Cloud Backups') and waits for
 * its side bar. Does not close it when it is already open.
 * @param {import('playwright-core').Page} page @param {string} title @param {{timeout?: number}} [opts]
 * @returns {Promise<import('playwright-core').Locator>} the side bar
 */
export async function openViewContainer(page, title, { timeout = 30_000 } = {}) {
  const item = page.locator(`.activitybar .action-item:has(a[aria-label^="${title}"]), .activitybar .action-item[aria-label^="${title}"]`).first();
  await item.waitFor({ timeout });
  const sidebar = page.locator('.part.sidebar');
  const heading = sidebar.locator('.composite.title').filter({ hasText: new RegExp(escapeRegExp(title), 'i') });
  // 1.139 may restore a reloaded window's side bar hidden with its container still marked active, and may hide it
  // again after it was shown: the heading must stay on screen for a moment, and a hidden side bar gets a click.
  const deadline = Date.now() + timeout;
  let seen = 0;
  while (seen < 3) {
    if (await heading.isVisible()) {
      seen++;
    } else {
      seen = 0;
      if (Date.now() > deadline) throw new Error(`the side bar of ${title} is not on screen after ${timeout / 1000}s`);
      const checked = await item.evaluate((el) => el.classList.contains('checked') || el.getAttribute('aria-selected') === 'true'
        || el.querySelector('a')?.getAttribute('aria-checked') === 'true' || el.getAttribute('aria-checked') === 'true');
      if (!checked || !(await sidebar.isVisible())) {
        await item.click();
        await heading.waitFor({ timeout: 3_000 }).catch(() => {});
      }
    }
    await page.waitForTimeout(250);
  }
  return sidebar;
}

/**
 * Runs a command from the command palette by its title as shown there (e.g. 'Alibaba Cloud: Refresh').
 * @param {import('playwright-core').Page} page @param {string} title @param {{timeout?: number}} [opts]
 */
export async function runCommand(page, title, { timeout = 15_000 } = {}) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout });
  await row.click();
}

/**
 * Waits for a notification toast containing `text`. @returns {Promise<import('playwright-core').Locator>}
 * @param {import('playwright-core').Page} page @param {string|RegExp} text @param {{timeout?: number}} [opts]
 */
export async function waitForNotification(page, text, { timeout = 15_000 } = {}) {
  const toast = page.locator('.notification-toast', { hasText: text }).first();
  await toast.waitFor({ timeout });
  return toast;
}

/**
 * The tree rows of a view (or of the whole page) that contain `text`.
 * @param {import('playwright-core').Page|import('playwright-core').Locator} scope @param {string|RegExp} [text]
 */
export function treeRows(scope, text) {
  return text === undefined ? scope.locator('.monaco-list-row') : scope.locator('.monaco-list-row', { hasText: text });
}

/**
 * The system clipboard's text as the page sees it (needs the clipboard grant of launchBrowser).
 * @param {import('playwright-core').Page} page @returns {Promise<string>}
 */
export async function readClipboard(page) {
  await page.bringToFront();
  return page.evaluate(() => navigator.clipboard.readText());
}

/**
 * @typedef {object} Workbench
 * @property {CodeServer} server
 * @property {Browser} browser
 * @property {import('playwright-core').Page} page
 * @property {string} scratch
 * @property {(file: string) => Promise<void>} screenshot
 * @property {(opts?: {keep?: boolean}) => Promise<void>} stop  stops browser and code-server; removes the scratch
 *           folder unless keep or E2E_KEEP=1
 */

/**
 * All of it: fresh scratch folder, .vsix installed into a fresh extensions folder, code-server started with
 * settings/env, browser launched (clipboard granted), workbench opened.
 * @param {object} opts
 * @param {string} opts.version
 * @param {string|null} [opts.vsix]        default DEFAULT_VSIX; null = install nothing
 * @param {object} [opts.settings]         user settings.json content (merged over DEFAULT_SETTINGS)
 * @param {object} [opts.workspaceSettings] the opened folder's .vscode/settings.json
 * @param {NodeJS.ProcessEnv} [opts.env]   extra environment for code-server / the extension host
 * @param {boolean} [opts.clipboard=true]
 * @param {string[]} [opts.args]           extra code-server arguments
 * @param {string} [opts.locale]           the UI language, e.g. 'zh-cn': its test pack installed (test/vscode/zh-pack.mjs),
 *                                         code-server started with --locale, the browser in that locale
 * @returns {Promise<Workbench>}
 */
export async function startWorkbench({ version, vsix = DEFAULT_VSIX, settings, workspaceSettings, env, clipboard = true, args = [], locale }) {
  const scratch = makeScratch(`e2e-${version}`);
  const extensionsDir = path.join(scratch, 'extensions');
  let server;
  let browser;
  const stop = async ({ keep = process.env.E2E_KEEP === '1' } = {}) => {
    await Promise.allSettled([browser?.close(), server?.stop()]);
    if (keep) console.log(`[e2e] kept ${scratch} (code-server.log inside)`);
    else fs.rmSync(scratch, { recursive: true, force: true });
  };
  try {
    if (vsix) await installVsix({ version, vsix, extensionsDir, scratch });
    if (locale) {
      // The display language needs a pack registered in the user data, or code-server stays English.
      if (locale === 'zh-cn') installZhPack({ version, extensionsDir, userDataDir: path.join(scratch, 'user-data') });
      args = [...args, '--locale', locale];
    }
    server = await startCodeServer({ version, scratch, extensionsDir, settings, workspaceSettings, env, args });
    browser = await launchBrowser({ base: server.base, scratch, clipboard, locale });
    await openWorkbench(browser.page, server);
  } catch (err) {
    await stop({ keep: true });
    throw err;
  }
  return {
    server, browser, page: browser.page, scratch, stop,
    screenshot: async (file) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await browser.page.screenshot({ path: file });
    },
  };
}

/**
 * The lines of every log VS Code wrote for this server (remote agent, extension host, output channels), e.g. to
 * find "ExtensionService#_doActivateExtension <id>, … activationEvent: '…'" or an activation error.
 * @param {CodeServer} server @param {RegExp} [filter] keep only matching lines @returns {string[]}
 */
export function readLogs(server, filter) {
  const dir = path.join(server.userDataDir, 'logs');
  let files = [];
  try { files = fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f)).filter((f) => f.endsWith('.log')); } catch { /* none yet */ }
  const lines = files.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n'));
  return filter ? lines.filter((l) => filter.test(l)) : lines;
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- tree, menu, status bar, webview and log helpers (used by explorer.mjs; generic enough for any view)

/** A tree's own rows, not the copies its sticky-scroll header shows above them. */
export const LIST_ROW = '.monaco-list-row:not(.monaco-tree-sticky-row)';

/**
 * The tree row whose label is exactly `label` (or matches the RegExp), inside `scope` (a view, the side bar or
 * the page). Matches the row's label only, never its description.
 * @param {import('playwright-core').Page|import('playwright-core').Locator} scope @param {string|RegExp} label
 * @returns {import('playwright-core').Locator}
 */
export function treeRow(scope, label) {
  const pattern = typeof label === 'string' ? new RegExp(`^${escapeRegExp(label)}$`) : label;
  const page = 'page' in scope && typeof scope.page === 'function' ? scope.page() : scope;
  return scope.locator(LIST_ROW).filter({ has: page.locator('.label-name', { hasText: pattern }) });
}

/**
 * Expands a tree row (clicks its twistie unless aria-expanded is already true) and waits until it says expanded.
 * @param {import('playwright-core').Locator} row @param {{timeout?: number}} [opts]
 */
export async function expandRow(row, { timeout = 20_000 } = {}) {
  await row.waitFor({ timeout });
  if (await row.getAttribute('aria-expanded') !== 'true') await row.locator('.monaco-tl-twistie').click({ timeout });
  await row.and(row.page().locator('[aria-expanded="true"]')).waitFor({ timeout });
}

/**
 * Collapses a tree row when it is expanded. @param {import('playwright-core').Locator} row
 * @param {{timeout?: number}} [opts]
 */
export async function collapseRow(row, { timeout = 20_000 } = {}) {
  await row.waitFor({ timeout });
  if (await row.getAttribute('aria-expanded') === 'true') await row.locator('.monaco-tl-twistie').click();
  await row.and(row.page().locator('[aria-expanded="false"]')).waitFor({ timeout });
}

/**
 * Expands rows one below the other, e.g. expandPath(view, ['cn-hangzhou', 'AnalyticDB for MySQL']); returns the
 * last row. Each label is looked for after its parent expanded, so children that load slowly are waited for. A
 * refresh that lands mid-way can collapse a row already expanded and take its children away, so a row that does not
 * show within a few seconds starts the path again from the top (rows still expanded are left as they are).
 * @param {import('playwright-core').Page|import('playwright-core').Locator} scope @param {Array<string|RegExp>} labels
 * @param {{timeout?: number}} [opts] @returns {Promise<import('playwright-core').Locator>}
 */
export async function expandPath(scope, labels, { timeout = 20_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      let row;
      for (const label of labels) {
        row = treeRow(scope, label).first();
        await expandRow(row, { timeout: Math.max(1_000, Math.min(5_000, deadline - Date.now())) });
      }
      return row;
    } catch (err) {
      if (Date.now() >= deadline) throw err;
    }
  }
}

/**
 * What the rendered rows of a tree say, in tree order (virtualised: only the rows in or near the viewport are in the
 * DOM, and not in display order: `index` is the row's place in the list).
 * @param {import('playwright-core').Locator} scope
 * @returns {Promise<Array<{id: string, index: number, label: string, description: string, level: number, posinset: number, setsize: number, expanded: string|null}>>}
 */
export async function renderedRows(scope) {
  const rows = await scope.locator(LIST_ROW).evaluateAll((els) => els.map((r) => ({
    id: r.id,
    index: Number(r.getAttribute('data-index')),
    label: r.querySelector('.label-name')?.textContent ?? '',
    description: r.querySelector('.label-description')?.textContent ?? '',
    level: Number(r.getAttribute('aria-level')),
    posinset: Number(r.getAttribute('aria-posinset')),
    setsize: Number(r.getAttribute('aria-setsize')),
    expanded: r.getAttribute('aria-expanded'),
  })));
  return rows.sort((a, b) => a.index - b.index);
}

/** Resolves after the page painted twice (lets a virtualised list render after a scroll). */
export function nextFrames(page) {
  return page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/**
 * Where a virtualised list inside `scope` is scrolled to: VS Code's lists move their rows container (style top
 * = -scrollTop, style height = the whole list) inside a clipped viewport.
 * @param {import('playwright-core').Locator} scope @returns {Promise<{top: number, height: number, viewport: number}>}
 */
export function listScroll(scope) {
  return scope.locator('.monaco-list-rows').first().evaluate((el) => ({
    top: -parseFloat(el.style.top || '0') || 0,
    height: parseFloat(el.style.height || '0') || 0,
    viewport: el.parentElement.clientHeight,
  }));
}

const realWheelOnly = new WeakSet(); // pages whose lists ignored a synthetic wheel event

/**
 * Scrolls the list inside `scope` by `deltaY` pixels (clamped to its ends); resolves false when nothing moved.
 * A real wheel event moves a VS Code list a fixed 50 px, and each costs a round trip, so this first sends one
 * synthetic wheel event carrying the whole distance (the list reads the event's wheelDeltaY: 120 = 50 px) and
 * falls back to real wheel events, one per 50 px, if the list did not move.
 * @param {import('playwright-core').Locator} scope @param {number} deltaY @returns {Promise<boolean>}
 */
export async function scrollList(scope, deltaY) {
  const page = scope.page();
  const before = await listScroll(scope);
  const max = Math.max(0, before.height - before.viewport);
  const wanted = Math.min(max, Math.max(0, before.top + deltaY)) - before.top;
  if (Math.abs(wanted) < 1) return false;
  if (!realWheelOnly.has(page)) {
    await scope.locator('.monaco-list-rows').first().evaluate((rows, px) => {
      const event = new WheelEvent('wheel', { deltaY: px, deltaMode: 0, bubbles: true, cancelable: true });
      Object.defineProperty(event, 'wheelDeltaY', { value: (-120 * px) / 50 });
      Object.defineProperty(event, 'wheelDeltaX', { value: 0 });
      rows.parentElement.dispatchEvent(event);
    }, wanted);
    await nextFrames(page);
    const after = await listScroll(scope);
    if (after.top !== before.top) return true;
    realWheelOnly.add(page);
  }
  const box = await scope.locator('.monaco-list').first().boundingBox();
  if (!box) throw new Error('the list is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 200));
  const events = Math.max(1, Math.round(Math.abs(wanted) / 50));
  for (let i = 0; i < events; i++) await page.mouse.wheel(0, Math.sign(wanted) * 100);
  await nextFrames(page);
  return (await listScroll(scope)).top !== before.top;
}

/**
 * Scrolls the list in `scope` until `locator` is rendered (down from where it is, then down from the top) and
 * wholly inside the list's visible area, so that a click hits it. Throws when it is nowhere in the list, or, with
 * `timeout`, when it has not appeared by then (a row that a load still in flight will add).
 * (Not scrollIntoView: the list is virtualised and keeps its own scroll position.)
 * @param {import('playwright-core').Locator} scope @param {import('playwright-core').Locator} locator
 * @param {{maxSteps?: number, timeout?: number}} [opts] @returns {Promise<import('playwright-core').Locator>}
 */
export async function scrollToRow(scope, locator, { maxSteps = 200, timeout = 0 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await scrollToRowOnce(scope, locator, maxSteps);
    } catch (err) {
      if (Date.now() >= end) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function scrollToRowOnce(scope, locator, maxSteps) {
  const target = locator.first();
  for (let pass = 0; pass < 2; pass++) {
    if (pass === 1) while (await scrollList(scope, -100_000)) { /* to the top */ }
    for (let i = 0; i < maxSteps; i++) {
      if (await target.count() > 0) {
        await fitRow(scope, target);
        return target;
      }
      const { viewport } = await listScroll(scope);
      if (!(await scrollList(scope, Math.max(44, viewport * 0.8)))) break;
    }
  }
  throw new Error(`no row ${locator} anywhere in the list`);
}

async function fitRow(scope, row) {
  const list = scope.locator('.monaco-list').first();
  for (let i = 0; i < 40; i++) {
    const [r, l] = await Promise.all([row.boundingBox(), list.boundingBox()]);
    if (!r || !l) return;
    if (r.y < l.y) await scrollList(scope, -Math.max(r.height, 20));
    else if (r.y + r.height > l.y + l.height) await scrollList(scope, Math.max(r.height, 20));
    else return;
  }
}

/**
 * Every row right under an expanded row, read by scrolling the virtualised list from the top (each row once, by
 * position). Rows are placed by their list index, so rows above the parent that stay rendered after a scroll are
 * not mistaken for the end of its children.
 * @param {import('playwright-core').Locator} scope @param {import('playwright-core').Locator} parentRow
 * @returns {Promise<{rows: Array<{label: string, description: string, posinset: number, setsize: number}>, setsize: number}>}
 */
export async function childrenByScrolling(scope, parentRow) {
  while (await scrollList(scope, -100_000)) { /* to the top */ }
  await scrollToRow(scope, parentRow);
  const parentIndex = Number(await parentRow.getAttribute('data-index'));
  const parentLevel = Number(await parentRow.getAttribute('aria-level'));
  const seen = new Map();
  let setsize = 0;
  for (let i = 0; i < 500; i++) {
    let done = false;
    for (const r of await renderedRows(scope)) {
      if (r.index <= parentIndex) continue;
      if (r.level <= parentLevel) { done = true; break; }
      if (r.level !== parentLevel + 1) continue;
      seen.set(r.posinset, r);
      setsize = r.setsize;
    }
    if (done || (setsize && seen.size >= setsize)) break;
    if (!(await scrollList(scope, (await listScroll(scope)).viewport * 0.8))) break;
  }
  return { rows: [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r), setsize };
}

/**
 * Right-clicks `target` and clicks the context-menu item titled `item` (exact text).
 * @param {import('playwright-core').Locator} target @param {string} item @param {{timeout?: number}} [opts]
 */
export async function contextMenu(target, item, { timeout = 10_000 } = {}) {
  const page = target.page();
  await target.click({ button: 'right' });
  const menu = page.locator('.context-view .monaco-menu').first();
  await menu.waitFor({ timeout });
  const entry = menu.locator('.action-item').filter({ has: page.locator('.action-label', { hasText: new RegExp(`^${escapeRegExp(item)}$`) }) }).first();
  try {
    await entry.waitFor({ timeout });
  } catch (err) {
    const items = await menu.locator('.action-label').allInnerTexts().catch(() => []);
    await page.keyboard.press('Escape');
    throw new Error(`context menu has no "${item}" (it has: ${items.filter(Boolean).join(' | ')})`, { cause: err });
  }
  await entry.hover();
  await entry.click();
  // The menu ignores a click that comes too soon after it opened; choosing an item closes it, so an open menu
  // means nothing ran: choose the (hovered, so focused) item with the keyboard instead.
  if (!(await menu.waitFor({ state: 'hidden', timeout: 1_500 }).then(() => true, () => false))) {
    await entry.locator('.action-menu-item').first().focus().catch(() => {});
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout });
  }
}

/**
 * Waits for a status-bar entry containing `text` (setStatusBarMessage confirmations appear there).
 * @param {import('playwright-core').Page} page @param {string|RegExp} text @param {{timeout?: number}} [opts]
 */
export async function waitForStatusBar(page, text, { timeout = 10_000 } = {}) {
  const item = page.locator('.part.statusbar .statusbar-item', { hasText: text }).first();
  await item.waitFor({ timeout });
  return item;
}

/**
 * Answers the quick input that shows `prompt` (text anywhere in the widget) with `value` and Enter.
 * @param {import('playwright-core').Page} page @param {string|RegExp} prompt @param {string} value
 * @param {{timeout?: number}} [opts] @returns {Promise<import('playwright-core').Locator>} the input box
 */
export async function answerQuickInput(page, prompt, value, { timeout = 15_000 } = {}) {
  const widget = page.locator('.quick-input-widget', { hasText: prompt });
  await widget.waitFor({ timeout });
  const input = widget.locator('input.input, .quick-input-box input').first();
  await input.waitFor({ timeout });
  await input.fill(value);
  return input;
}

/**
 * The content document of the webview (panel or view) shown in front: frameLocator of VS Code's two iframes.
 * @param {import('playwright-core').Page} page
 */
export function webviewFrame(page) {
  return page.frameLocator('iframe.webview.ready, iframe.webview').first().frameLocator('iframe#active-frame');
}

/**
 * The lines of the extension's own output channel log (the LogOutputChannel named `channel`), or [] if none.
 * @param {CodeServer} server @param {string} channel e.g. 'Alibaba Cloud Backups'
 */
export function readChannelLog(server, channel) {
  const dir = path.join(server.userDataDir, 'logs');
  let files = [];
  try { files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => path.basename(f).includes(channel) && f.endsWith('.log')); } catch { /* none */ }
  return files.flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n')).filter(Boolean);
}

/**
 * Drags the side bar's edge so that it is `width` pixels wide (wider rows make screenshots readable).
 * @param {import('playwright-core').Page} page @param {number} width
 */
export async function setSideBarWidth(page, width) {
  const bar = await page.locator('.part.sidebar').boundingBox();
  if (!bar) throw new Error('the side bar is not open');
  const edge = bar.x + bar.width;
  const sash = page.locator('.monaco-sash.vertical').filter({ visible: true });
  let target;
  for (const s of await sash.all()) {
    const b = await s.boundingBox();
    if (b && Math.abs(b.x + b.width / 2 - edge) < 6 && b.height > bar.height / 2) target = b;
  }
  if (!target) throw new Error('no sash at the side bar edge');
  const y = target.y + target.height / 2;
  await page.mouse.move(target.x + target.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(bar.x + width, y, { steps: 5 });
  await page.mouse.up();
}

/**
 * Moves the mouse off the workbench's interactive parts and waits for hovers to go (before a screenshot).
 * @param {import('playwright-core').Page} page
 */
export async function dismissHovers(page) {
  const size = page.viewportSize() ?? { width: 1400, height: 850 };
  await page.mouse.move(size.width - 40, size.height / 2);
  const hover = page.locator('.workbench-hover, .monaco-hover:not(.hidden)').filter({ visible: true });
  await hover.first().waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => {});
  await nextFrames(page);
}

/**
 * Replaces the user settings the way a person would: Open User Settings (JSON), select all, paste, save, close.
 * (Writing the file behind the workbench's back is not reliably noticed.)
 */
export async function editUserSettings(page, settings) {
  await page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(settings, null, 2));
  await runCommand(page, 'Preferences: Open User Settings (JSON)');
  const lines = page.locator('.editor-instance .monaco-editor .view-lines').first();
  await lines.filter({ hasText: 'workbench.startupEditor' }).waitFor({ timeout: 15_000 });
  await lines.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.keyboard.press('Control+S');
  await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
  await page.waitForTimeout(500);
  // VS Code 1.139 opens settings.json in a modal editor, which Escape closes; 1.100 in a tab.
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  await runCommand(page, 'View: Close Editor', { timeout: 5_000 }).catch(() => page.keyboard.press('Escape'));
}
