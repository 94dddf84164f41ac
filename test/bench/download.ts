// Figure 6: downloading a backup file. The emulator (its own process, `--downloads`) serves a made-up file of
// 1 GiB (CI size: 256 MiB); the downloader streams it to disk with its CRC-64 check, and curl fetches the same URL
// into the same folder. Runs alternate and the best of each counts (the machine is shared, timings wander).
// Heap: heapUsed sampled while the file streams, against heapUsed after a GC before it started.
import { fork, spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { download } from '../../src/download/downloader';
import type { Report } from './report';

const MiB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

interface FileServer {
  url: string;
  child: ChildProcess;
}

/** The emulator CLI with `--downloads` on a free port; resolves once it said where it listens. */
async function startFileServer(root: string): Promise<FileServer> {
  const child = fork(path.join(root, 'out/test/emulator/cli.js'), ['--port', '0', '--downloads'], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /listening on (http:\/\/[\d.:]+)/.exec(out)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited with code ${code} before it listened`)));
  });
  child.removeAllListeners('exit');
  return { url, child };
}

async function stop(server: FileServer): Promise<void> {
  if (server.child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });
}

async function mint(server: FileServer, sizeBytes: number): Promise<string> {
  const res = await fetch(`${server.url}/__emulator/files`, { method: 'POST', body: JSON.stringify({ sizeBytes, name: 'bench.bin' }) });
  if (!res.ok) throw new Error(`minting the file failed: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { url: string }).url;
}

function hasCurl(): boolean {
  return spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Seconds curl takes to write the URL to `file`. */
function curlSeconds(url: string, file: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('curl', ['--silent', '--show-error', '--fail', '--output', file, url], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`curl exited with code ${code}`))));
  });
}

interface OurRun {
  seconds: number;
  /** CPU seconds of the whole process (this thread, the CRC-64 worker, the file writes). */
  cpuSeconds: number;
  peakMb: number;
  afterMb: number;
}

/** How long the downloader takes, its CPU time, and how far heapUsed rose above its level before (peak, after a GC). */
async function ourRun(url: string, file: string, sizeBytes: number): Promise<OurRun> {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 20);
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const result = await download({ url: async () => url, target: file, signal: new AbortController().signal });
    if (result.bytes !== sizeBytes || result.checksum !== 'crc64') throw new Error(`the download ended with ${result.bytes} bytes, checksum ${result.checksum}`);
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  gc?.();
  return { seconds, cpuSeconds: (user + system) / 1e6, peakMb: (peak - before) / 1e6, afterMb: (process.memoryUsage().heapUsed - before) / 1e6 };
}

export async function downloadFigures(report: Report, root: string, small: boolean): Promise<void> {
  const sizeBytes = (small ? 256 : 1024) * MiB;
  const rounds = small ? 2 : 3;
  const label = `${sizeBytes / MiB} MiB`;
  const server = await startFileServer(root);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abx-bench-download-'));
  try {
    const url = await mint(server, sizeBytes);
    // The first GET makes the emulator work out the file's CRC-64; neither contestant should pay for it.
    await fetch(url, { headers: { range: 'bytes=0-0' } }).then((r) => r.arrayBuffer());
    const curl = hasCurl();
    const ours: OurRun[] = [];
    const theirs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      if (curl) {
        theirs.push(await curlSeconds(url, path.join(dir, 'curl.bin')));
        fs.rmSync(path.join(dir, 'curl.bin'), { force: true });
      }
      ours.push(await ourRun(url, path.join(dir, 'ours.bin'), sizeBytes));
      fs.rmSync(path.join(dir, 'ours.bin'), { force: true });
    }
    const best = Math.min(...ours.map((r) => r.seconds));
    const rate = (seconds: number): string => `${Math.round(sizeBytes / MiB / seconds)} MiB/s`;
    if (curl) {
      const bestCurl = Math.min(...theirs);
      report.target(`${label}: throughput / curl's on the same URL`, bestCurl / best, '', '≥', 0.9, `ours ${rate(best)} with the CRC-64 check, curl ${rate(bestCurl)}; best of ${rounds} each, alternating`);
    } else {
      report.info(`${label}: throughput`, rate(best), '', 'curl is not installed (.ci/install-system.sh installs it), so there is nothing to compare with');
    }
    report.info(`${label}: CPU time of our download`, Math.min(...ours.map((r) => r.cpuSeconds)), 's', `this thread, the CRC-64 worker and the file writes together, on ${os.cpus().length} CPUs shared with the emulator`);
    const peak = Math.max(...ours.map((r) => r.peakMb));
    report.target(`${label}: heap growth while downloading (peak)`, peak, 'MB', '≤', 20, gc ? `after a GC: ${Math.max(...ours.map((r) => r.afterMb)).toFixed(1)} MB` : 'run with --expose-gc for a stable figure');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await stop(server);
  }
}
