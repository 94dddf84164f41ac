// `npm run demo`: the product with sample data and no account. Starts the gateway emulator and code-server (the
// real VS Code workbench) with the freshly packaged extension pointed at the emulator, prints the URL to open,
// and stops both on Ctrl-C. Installs what is missing first, as the tests do.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { installVsix, makeScratch, startCodeServer, DEFAULT_VSIX } from '../e2e/workbench.mjs';
import { installDir, repoRoot } from '../vscode/versions.mjs';

const require = createRequire(import.meta.url);
const VERSION = '1.100.3';
const CODE_SERVER = '4.100.3';
const port = Number(process.env.DEMO_PORT || 8080);
const emulatorPort = Number(process.env.EMULATOR_PORT || 4010);

function sh(cmd, args, what) {
  console.log(`[demo] ${what}…`);
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[demo] ${what} failed (exit ${r.status}).`);
    process.exit(1);
  }
}

const hasBuildTools = spawnSync('sh', ['-c', 'dpkg -s libkrb5-dev build-essential >/dev/null 2>&1']).status === 0;
if (!fs.existsSync(path.join(installDir, `cs-${CODE_SERVER}/.installed`))) {
  if (!hasBuildTools && process.getuid?.() === 0) sh('bash', ['.ci/install-system.sh'], 'installing Debian packages code-server builds with');
  sh('bash', ['test/vscode/install-code-server.sh', CODE_SERVER, path.join(installDir, `cs-${CODE_SERVER}`)], `installing code-server ${CODE_SERVER} (VS Code ${VERSION}), once`);
}
sh('npx', ['tsc', '-p', '.'], 'compiling the emulator');
sh('npm', ['run', '--silent', 'package'], 'packaging the extension');

const { startEmulator, TEST_CREDENTIALS } = require(path.join(repoRoot, 'out/test/emulator/index.js'));
// downloads: the backup files behind the download URLs are served too (made up, as large as each backup says).
const emulator = await startEmulator({ port: emulatorPort, latencyMs: Number(process.env.EMULATOR_LATENCY_MS || 150), downloads: true });
const scratch = makeScratch('demo');
const extensionsDir = path.join(scratch, 'extensions');
await installVsix({ version: VERSION, vsix: DEFAULT_VSIX, extensionsDir, scratch });
const server = await startCodeServer({
  version: VERSION,
  scratch,
  extensionsDir,
  port,
  settings: { 'alibabaCloudBackups.endpointOverrides': { adb: emulator.url, dds: emulator.url, dbs: emulator.url, rds: emulator.url, polardb: emulator.url, 'r-kvstore': emulator.url } },
  // The emulator's test key reaches the extension the way a real one would: through the environment.
  env: { ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_CREDENTIALS.normal.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_CREDENTIALS.normal.accessKeySecret },
});

console.log(`
  Backup Explorer for Alibaba Cloud — demo
  Open ${server.base}/ in a browser, then click "Alibaba Cloud Backups" in the activity bar.
  Gateway emulator: ${emulator.url} (sample data; test key ${TEST_CREDENTIALS.normal.accessKeyId})
  Backup files: Download Backup… fetches made-up files from ${emulator.url}/__files/ (pick a small backup).
  Press Ctrl-C to stop.
`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\n[demo] stopping…');
  await server.stop();
  await emulator.close();
  fs.rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
