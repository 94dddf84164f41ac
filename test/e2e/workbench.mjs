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
 * @param {string[]} [opts.args]               extra code-server arguments
 * @param {number} [opts.port]                 port to listen on (default: a free one)
 * @returns {Promise<CodeServer>}
 */
export async function startCodeServer({ version, scratch, extensionsDir, userDataDir, settings = {}, env = {}, folder, args = [], port }) {
  const cs = codeServerFor(version);
  scratch ??= makeScratch(`cs-${version}`);
  extensionsDir ??= path.join(scratch, 'extensions');
  userDataDir ??= path.join(scratch, 'user-data');
  folder ??= path.join(scratch, 'workspace');
  for (const d of [extensionsDir, path.join(userDataDir, 'User'), folder]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2));
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
  const checked = await item.evaluate((el) => el.classList.contains('checked') || el.getAttribute('aria-selected') === 'true'
    || el.querySelector('a')?.getAttribute('aria-checked') === 'true' || el.getAttribute('aria-checked') === 'true');
  if (!checked) await item.click();
  const sidebar = page.locator('.part.sidebar');
  await sidebar.locator('.composite.title').filter({ hasText: new RegExp(escapeRegExp(title), 'i') }).waitFor({ timeout });
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
 * @param {NodeJS.ProcessEnv} [opts.env]   extra environment for code-server / the extension host
 * @param {boolean} [opts.clipboard=true]
 * @param {string[]} [opts.args]           extra code-server arguments
 * @param {string} [opts.locale]           browser locale
 * @returns {Promise<Workbench>}
 */
export async function startWorkbench({ version, vsix = DEFAULT_VSIX, settings, env, clipboard = true, args, locale }) {
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
    server = await startCodeServer({ version, scratch, extensionsDir, settings, env, args });
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
