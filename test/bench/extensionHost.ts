// Figures 3 (tree items) and 5 (activation) from inside the real extension host: runs
// test/integration/bench.test.ts in code-server through the integration runner and reads what it wrote.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { RawObject } from '../../src/cloud/types';
import { TEST_CREDENTIALS } from '../emulator';
import type { BenchEmulator } from './emulator';
import type { Report } from './report';

/** The oldest VS Code the extension supports, where activation is slowest if anywhere. */
export const HOST_VSCODE = '1.100.3';

/** One page of raw items as the API sent them, with the scope its listing normalises them in. */
export interface RawPage {
  product: string;
  scope: object;
  raw: RawObject[];
}

/** What bench.test.ts writes to BENCH_OUTPUT. */
export interface HostResults {
  vscode: string;
  activationMs?: number;
  requestsDuringActivation?: number;
  requestsAfterViewOpened?: number;
  pages: Record<string, { items: number; convertMs: number; treeItemMs: number; totalMs: number }>;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

export async function hostFigures(report: Report, emu: BenchEmulator, pages: RawPage[], root: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-host-'));
  const input = path.join(dir, 'input.json');
  const output = path.join(dir, 'output.json');
  fs.writeFileSync(input, JSON.stringify({ pages }));
  const { accessKeyId, accessKeySecret } = TEST_CREDENTIALS.normal;
  const env = {
    ...process.env,
    BENCH: '1',
    INTEGRATION_GREP: '^Benchmark',
    EMULATOR_URL: emu.url,
    BENCH_INPUT: input,
    BENCH_OUTPUT: output,
    // The test key reaches the extension the way a real one would, so opening the view does call the emulator.
    ALIBABA_CLOUD_ACCESS_KEY_ID: accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: accessKeySecret,
  };
  try {
    const { code, output: log } = await run(process.execPath, ['test/vscode/run-integration.mjs', HOST_VSCODE], root, env);
    if (code !== 0) report.error('extension host run', new Error(`exit code ${code}: ${log.trim().split('\n').slice(-12).join(' | ')}`));
    if (!fs.existsSync(output)) return;
    const r = JSON.parse(fs.readFileSync(output, 'utf8')) as HostResults;

    report.begin('3 large list');
    for (const [product, p] of Object.entries(r.pages)) {
      const note = `normalise + BackupNode + getTreeItem (getTreeItem alone ${p.treeItemMs.toFixed(2)} ms), VS Code ${r.vscode}`;
      report.target(`${product}: ${p.items} raw items → tree items, extension host (median)`, p.totalMs, 'ms', '≤', 20, note);
    }
    report.begin('5 activation');
    if (r.activationMs !== undefined) report.target('activate(), extension host', r.activationMs, 'ms', '≤', 10, `exports.activationMs, VS Code ${r.vscode}`);
    if (r.requestsDuringActivation !== undefined) {
      report.check('requests during activation', r.requestsDuringActivation, 0, '', `opening the view then made ${r.requestsAfterViewOpened ?? 0}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
