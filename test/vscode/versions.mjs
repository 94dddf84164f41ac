// The VS Code versions the tests run against, and where test/vscode/install-all.sh put them.
//   1.100.3 = the minimum (engines.vscode ^1.100.0): code-server 4.100.3 on the machine's Node 20
//   1.139.1 = the latest seen: code-server 4.139.1 on Node 24 (from npm; its folder is in .vscode-test/node24.path)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const installDir = path.join(repoRoot, '.vscode-test');

/** VS Code version → code-server version and which Node runs it. */
export const VERSIONS = {
  '1.100.3': { codeServer: '4.100.3', node: 'machine' },
  '1.139.1': { codeServer: '4.139.1', node: 'node24' },
};

/**
 * Where the code-server for a VS Code version is installed.
 * @param {string} version VS Code version, a key of VERSIONS
 * @returns {{version: string, codeServerVersion: string, dir: string, entry: string, node: string, nodeVersion: string}}
 */
export function codeServerFor(version) {
  const spec = VERSIONS[version];
  if (!spec) throw new Error(`unknown VS Code version ${version} (known: ${Object.keys(VERSIONS).join(', ')})`);
  const home = path.join(installDir, `cs-${spec.codeServer}`);
  const dir = path.join(home, 'node_modules/code-server');
  const hint = 'run `bash test/vscode/install-all.sh` first';
  if (!fs.existsSync(path.join(home, '.installed'))) {
    throw new Error(`code-server ${spec.codeServer} (VS Code ${version}) is not installed in ${home}: ${hint}`);
  }
  let node = process.execPath;
  if (spec.node === 'node24') {
    const file = path.join(installDir, 'node24.path');
    if (!fs.existsSync(file)) throw new Error(`${file} is missing (Node 24 for code-server ${spec.codeServer}): ${hint}`);
    node = path.join(fs.readFileSync(file, 'utf8').trim(), 'bin/node');
  }
  const r = spawnSync(node, ['-v'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cannot run ${node}: ${r.error?.message ?? r.stderr}`);
  return {
    version,
    codeServerVersion: spec.codeServer,
    dir,
    entry: path.join(dir, 'out/node/entry.js'),
    node,
    nodeVersion: `node ${r.stdout.trim()}`,
  };
}

/**
 * A short scratch folder: VS Code puts unix sockets under TMPDIR / XDG_RUNTIME_DIR and their paths are limited to
 * ~107 characters, so this is /tmp/abx (or $ABX_TMPDIR), not os.tmpdir(), which can be long.
 * @returns {string} an existing folder
 */
export function shortTmpRoot() {
  const dir = process.env.ABX_TMPDIR || '/tmp/abx';
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
