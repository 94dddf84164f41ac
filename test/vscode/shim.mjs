#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }).
//
// It accepts the Electron-style command line that test-electron spawns
//   --extensionDevelopmentPath=… (repeatable) --extensionTestsPath=… --user-data-dir=… --extensions-dir=… [folder]
// and runs the extension tests in code-server's *Node* extension host (the real `vscode` API), with the web
// workbench opened in headless Debian Chromium through playwright-core. The workbench reads the development
// payload from its URL and calls window.codeAutomationExit(code) once the tests' run() settles; this process
// exits with that code. Extension-host console output (mocha's reporter) arrives through
// window.codeAutomationLog and is written to stdout/stderr.
//
// Environment:
//   CODE_SERVER_DIR   required: the code-server package folder (…/node_modules/code-server)
//   CODE_SERVER_NODE  the node binary that runs code-server (default: this node)
//   CHROMIUM          browser binary (default /usr/bin/chromium)
//   TEST_TIMEOUT_MS   give up after this long (default 300000)
//   SHIM_TMPDIR       parent of this run's scratch folder (default $ABX_TMPDIR or /tmp/abx; keep it short)
//   SHIM_VERBOSE=1    also print the browser console and the ignored arguments
//   SHIM_KEEP=1       keep the scratch folder (code-server log, profiles) even when the tests pass
//   SHOT              save a screenshot of the workbench there at the end
// Every other variable is passed on: code-server's environment becomes the extension host's environment, so
// tests can read e.g. EMULATOR_URL from process.env.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import util from 'node:util';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const CS = process.env.CODE_SERVER_DIR;
if (!CS || !fs.existsSync(path.join(CS, 'out/node/entry.js'))) {
  console.error(`[shim] CODE_SERVER_DIR must point at an installed code-server package (got ${CS || 'nothing'})`);
  process.exit(64);
}
const CS_NODE = process.env.CODE_SERVER_NODE || process.execPath;
const verbose = process.env.SHIM_VERBOSE === '1';
const vscodeVersion = () => JSON.parse(fs.readFileSync(path.join(CS, 'lib/vscode/package.json'), 'utf8')).version;

// ---- Electron-style arguments
const devPaths = [];
const positional = [];
let testsPath, userDataDir, extensionsDir;
for (const arg of process.argv.slice(2)) {
  const m = /^--([^=]+)=(.*)$/s.exec(arg);
  if (m?.[1] === 'extensionDevelopmentPath') devPaths.push(path.resolve(m[2]));
  else if (m?.[1] === 'extensionTestsPath') testsPath = path.resolve(m[2]);
  else if (m?.[1] === 'user-data-dir') userDataDir = path.resolve(m[2]);
  else if (m?.[1] === 'extensions-dir') extensionsDir = path.resolve(m[2]);
  else if (arg === '--version' || arg === '-v') { console.log(vscodeVersion()); process.exit(0); }
  else if (!arg.startsWith('-')) positional.push(path.resolve(arg));
  else if (verbose) console.log('[shim] ignoring argument', arg);
}
if (!testsPath || devPaths.length === 0) {
  console.error('[shim] need --extensionDevelopmentPath=… and --extensionTestsPath=…');
  process.exit(64);
}

// ---- scratch space. Keep it short: VS Code puts unix sockets in TMPDIR (limit ~107 characters).
const tmpParent = process.env.SHIM_TMPDIR || process.env.ABX_TMPDIR || '/tmp/abx';
fs.mkdirSync(tmpParent, { recursive: true });
const tmp = fs.mkdtempSync(path.join(tmpParent, 'shim-'));
const sub = (name) => { const p = path.join(tmp, name); fs.mkdirSync(p, { recursive: true }); return p; };
userDataDir ??= sub('user-data');
extensionsDir ??= sub('extensions');
// An --extensions-dir that does not exist makes the remote extension scan fail and the extension under
// development is then silently not loaded: create both.
for (const d of [userDataDir, extensionsDir]) fs.mkdirSync(d, { recursive: true });
const folder = positional[0] ?? sub('workspace');

const t0 = Date.now();
const lap = (msg) => console.log(`[shim ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

// Isolated HOME / XDG / TMPDIR for one child process tree.
function isolatedEnv(name, base = process.env) {
  const home = sub(`${name}-home`);
  return {
    ...base,
    HOME: home,
    TMPDIR: sub(`${name}-t`),
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_STATE_HOME: path.join(home, '.local/state'),
    XDG_RUNTIME_DIR: sub(`${name}-run`),
  };
}

// Variables that would change how code-server itself behaves (port, auth, "open in the existing instance").
const CODE_SERVER_CONTROL_VARS = ['PORT', 'CODE_SERVER_HOST', 'CODE_SERVER_CONFIG', 'CODE_SERVER_PARENT_PID',
  'CODE_SERVER_SESSION_SOCKET', 'VSCODE_IPC_HOOK_CLI', 'VSCODE_PROXY_URI', 'PASSWORD', 'HASHED_PASSWORD',
  'GITHUB_TOKEN', 'ELECTRON_RUN_AS_NODE'];
const csEnv = isolatedEnv('cs');
for (const k of CODE_SERVER_CONTROL_VARS) delete csEnv[k];
// The extension host talks to local emulators: never send loopback traffic through a proxy.
csEnv.NO_PROXY = [csEnv.NO_PROXY || csEnv.no_proxy, '127.0.0.1', 'localhost'].filter(Boolean).join(',');
csEnv.no_proxy = csEnv.NO_PROXY;

// ---- cleanup of everything this process started
let cs;
let ctx;
let csStopped;
let csGone = false;
// Stop code-server's whole process group (server, extension host, pty host, file watcher): SIGTERM, wait for the
// server to exit (at most 3 s), then SIGKILL whatever of the group is left.
function stopCodeServer() {
  if (!cs) return Promise.resolve();
  csStopped ??= (async () => {
    const pid = cs.pid;
    const exited = cs.exitCode !== null || cs.signalCode !== null ? Promise.resolve() : new Promise((r) => cs.once('exit', r));
    try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    try { process.kill(-pid, 'SIGKILL'); } catch { /* all gone */ }
    csGone = true;
  })();
  return csStopped;
}
process.on('exit', () => { if (cs && !csGone) { try { process.kill(-cs.pid, 'SIGKILL'); } catch { /* gone */ } } });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    console.error(`[shim] ${sig}: stopping code-server and the browser`);
    await Promise.all([stopCodeServer(), ctx?.close().catch(() => {})]);
    process.exit(130);
  });
}

// The workbench's own chatter (connection set-up, chat/agent services) and errors that are expected on a machine
// without internet access. Shown only with SHIM_VERBOSE=1; everything else (the tests' output) is printed.
const HARMLESS_NOISE = new RegExp([
  String.raw`ENOTFOUND (open-vsx\.org|[\w.-]*(telemetry|vscode-cdn|visualstudio|vsassets|microsoft|github)[\w.-]*)`,
  String.raw`^\[(AgentHost|AgentHost:remote|ChatModelSelection|AccountPolicyGate|reconnection-grace-time|Service Worker)\]`,
  String.raw`^(Resolving|Resolved) connection token`, '^Creating a socket', '^Updating additional builtin extensions cache',
  '^ChatSessionStore:', String.raw`Timed out waiting for authentication provider 'github'`,
].join('|'));

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function csLogTail(lines = 60) {
  try { return fs.readFileSync(path.join(tmp, 'code-server.log'), 'utf8').split('\n').slice(-lines).join('\n'); }
  catch { return '(no code-server log)'; }
}

async function main() {
  // ---- code-server, in its own process group
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = path.join(tmp, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const log = fs.openSync(path.join(tmp, 'code-server.log'), 'a');
  cs = spawn(CS_NODE, [path.join(CS, 'out/node/entry.js'), '--config', config,
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened', folder],
  { detached: true, stdio: ['ignore', log, log], env: csEnv, cwd: tmp });
  fs.closeSync(log);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    if (cs.exitCode !== null || cs.signalCode !== null || Date.now() > deadline) {
      console.error(`[shim] code-server did not start (VS Code ${vscodeVersion()}); its log:\n${csLogTail()}`);
      return 70;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  lap(`code-server ${vscodeVersion()} up on ${base} (node ${CS_NODE})`);

  // ---- the workbench, with the development payload in its URL
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = JSON.stringify([
    ...devPaths.map((d) => ['extensionDevelopmentPath', remote(d)]),
    ['extensionTestsPath', remote(testsPath)],
  ]);
  const url = `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`;
  const browserEnv = isolatedEnv('browser');
  process.env.TMPDIR = browserEnv.TMPDIR; // playwright's own temporary files
  ctx = await chromium.launchPersistentContext(sub('browser-profile'), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    env: browserEnv,
    viewport: { width: 1400, height: 850 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = ctx.pages()[0] ?? await ctx.newPage();
  page.on('console', (m) => {
    if (verbose) console.log('[browser]', m.text().slice(0, 500));
  });
  page.on('pageerror', (e) => { if (verbose) console.log('[browser pageerror]', e.message); });

  const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 300_000);
  const code = await new Promise((resolve) => {
    const timer = setTimeout(() => {
      console.error(`[shim] TIMEOUT: the test run did not finish within ${timeoutMs} ms`);
      resolve(3);
    }, timeoutMs);
    page.once('crash', () => { console.error('[shim] the browser page crashed'); clearTimeout(timer); resolve(73); });
    ctx.once('close', () => { clearTimeout(timer); resolve(74); });
    cs.once('exit', (c, s) => { if (csStopped) return; console.error(`[shim] code-server exited early (${c ?? s}); its log:\n${csLogTail()}`); clearTimeout(timer); resolve(71); });
    (async () => {
      await page.exposeFunction('codeAutomationLog', (type, args) => {
        const line = util.format(...(Array.isArray(args) ? args : [args]));
        if (!verbose && HARMLESS_NOISE.test(line)) return;
        (type === 'error' ? process.stderr : process.stdout).write(line + '\n');
      });
      await page.exposeFunction('codeAutomationExit', (c) => { clearTimeout(timer); resolve(Number(c)); });
      // VS Code ≥ ~1.10x ignores the payload in a built web workbench unless developmentOptions.enableSmokeTestDriver
      // is set; code-server's CLI rejects the server flag, so patch the configuration the page reads.
      // (Re-serving the HTML with page.route breaks the workbench's WebSockets, so patch getAttribute instead.)
      await page.addInitScript(() => {
        const orig = Element.prototype.getAttribute;
        Element.prototype.getAttribute = function (name) {
          const v = orig.call(this, name);
          if (name === 'data-settings' && this.id === 'vscode-workbench-web-configuration' && v) {
            const cfg = JSON.parse(v);
            cfg.developmentOptions = { ...cfg.developmentOptions, enableSmokeTestDriver: true };
            return JSON.stringify(cfg);
          }
          return v;
        };
      });
      await page.goto(url);
    })().catch((e) => { console.error('[shim] could not open the workbench:', e); clearTimeout(timer); resolve(72); });
  });
  if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT }).catch(() => {});
  await ctx.close().catch(() => {});
  ctx = undefined;
  await stopCodeServer();
  lap(`tests finished with exit code ${code}`);
  return code;
}

let code;
try {
  code = await main();
} catch (e) {
  console.error('[shim] failed:', e);
  code = 1;
}
await Promise.all([stopCodeServer(), ctx?.close().catch(() => {})]);
if (code === 0 && process.env.SHIM_KEEP !== '1') {
  fs.rmSync(tmp, { recursive: true, force: true });
} else {
  console.log(`[shim] kept ${tmp} for inspection (code-server.log inside)`);
}
process.exit(code);
