// `npm run bench [-- options]`: the performance benchmark. Runs the account walk, the cloud layer and the tree's
// paging logic against the emulator with injected latency on a generated account, prints one table (figure, value,
// target, result) and writes it to test-results/bench.json. Targets are reported, never enforced: the exit code is
// non-zero only when something crashed or a logic figure is wrong (request counts, the concurrency cap).
import * as os from 'os';
import * as path from 'path';
import { PRODUCTS } from '../../src/products';
import type { LargeDatasetOptions } from '../emulator';
import { POLARDB_REGIONS } from '../emulator/polardb';
import { launchEmulator, type BenchEmulator } from './emulator';
import { downloadFigures } from './download';
import { hostFigures, type RawPage } from './extensionHost';
import { largeListFigures } from './largeList';
import { findFigures } from './find';
import { healthFigures } from './health';
import { pagingFigures } from './paging';
import { Report } from './report';
import { scanFigures } from './scan';
import { sizeFigures } from './size';

const USAGE = `usage: npm run bench -- [--latency MS] [--small] [--concurrency N] [--naive-requests N] [--extension-host | --no-extension-host]
  --latency MS        delay the emulator adds to every request (default 50)
  --small             CI size: 3 regions × 10 resources, 500-backup big lists, no extension host unless asked
  --concurrency N     maxConcurrentRequests (default 8, the setting's default)
  --naive-requests N  stop the naive walk at N requests and extrapolate per request to the whole account
                      (default 300; 0 walks everything; --small walks everything)
  --extension-host    measure activation and getTreeItem() in code-server (default unless --small)`;

interface Options {
  latencyMs: number;
  small: boolean;
  concurrency: number;
  naiveRequests: number;
  extensionHost: boolean;
  /** The clock the dataset's windowed backups count back from is the child's own. */
  dataset: Required<Omit<LargeDatasetOptions, 'nowMs'>>;
}

function parseOptions(args: string[]): Options {
  const number = (name: string, fallback: number): number => {
    const at = args.indexOf(name);
    if (at < 0) return fallback;
    const value = Number(args[at + 1]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} needs a whole number ≥ 0, got ${args[at + 1]}`);
    return value;
  };
  const known = ['--help', '--latency', '--small', '--concurrency', '--naive-requests', '--extension-host', '--no-extension-host'];
  const unknown = args.filter((a) => a.startsWith('-') && !known.includes(a));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown[0]}\n${USAGE}`);
  const small = args.includes('--small');
  const concurrency = number('--concurrency', 8);
  if (concurrency < 1) throw new Error('--concurrency needs at least 1');
  return {
    latencyMs: number('--latency', 50),
    small,
    concurrency,
    naiveRequests: number('--naive-requests', small ? 0 : 300),
    extensionHost: args.includes('--extension-host') || (!small && !args.includes('--no-extension-host')),
    // Ten resources per region at least, so that every region has a sharded MongoDB cluster.
    dataset: small
      ? { regions: 3, resourcesPerRegion: 10, backupsPerResource: 30, bigResourceBackups: 500 }
      : { regions: 20, resourcesPerRegion: 50, backupsPerResource: 30, bigResourceBackups: 10_000 },
  };
}

/** Runs one section; a crash becomes an error row so that the other sections still report. */
async function section(report: Report, name: string, body: () => unknown): Promise<void> {
  report.begin(name);
  const started = Date.now();
  try {
    await body();
  } catch (err) {
    report.error('crashed', err);
  }
  console.log(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return console.log(USAGE);
  const opts = parseOptions(process.argv.slice(2));
  const root = path.resolve(__dirname, '../../..');
  const { regions, resourcesPerRegion, bigResourceBackups } = opts.dataset;
  const cpus = os.cpus().length;
  const loadStart = os.loadavg()[0];
  console.log(
    `Benchmark: ${opts.latencyMs} ms per request, maxConcurrentRequests ${opts.concurrency}, ${regions} regions × ${PRODUCTS.length} products ` +
      `× ${resourcesPerRegion} resources (PolarDB only where the emulator serves it: ${POLARDB_REGIONS.join(', ')}), big lists of ${bigResourceBackups} backups; ` +
      `Node ${process.version}, ${cpus} CPUs, load average ${loadStart.toFixed(1)}`,
  );
  const report = new Report();
  const emu: BenchEmulator = await launchEmulator({ latencyMs: opts.latencyMs, dataset: opts.dataset });
  let pages: RawPage[] = [];
  try {
    await section(report, '1 scan', () => scanFigures(report, emu, { ...opts, expected: emu.holds }));
    await section(report, '2 paging', () => pagingFigures(report, emu, opts.concurrency));
    await section(report, '3 large list', async () => (pages = await largeListFigures(report, emu, opts.concurrency)));
    await section(report, '4 size', () => sizeFigures(report, root));
    await section(report, '6 health', () => healthFigures(report, emu, opts));
    await section(report, '7 download', () => downloadFigures(report, root, opts.small));
    await section(report, '8 find', () => findFigures(report, emu, opts));
    if (opts.extensionHost) await section(report, '5 activation', () => hostFigures(report, emu, pages, root));
  } finally {
    await emu.close();
  }

  report.print();
  // Other work on the machine slows the emulator and the client alike; the logic figures do not depend on it.
  if (loadStart > cpus) console.log(`\nThe machine was busy (load average ${loadStart.toFixed(1)} on ${cpus} CPUs when the benchmark started): timings are inflated.`);
  if (!opts.extensionHost) console.log('\nActivation and getTreeItem() were not measured (no extension host): add --extension-host.');
  const file = path.join(root, 'test-results/bench.json');
  report.write(file, { date: new Date().toISOString(), node: process.version, cpus, loadAverage: loadStart, options: opts });
  console.log(`\nWritten to ${path.relative(root, file)}. ${report.failed ? 'FAILED: a logic figure is wrong or a section crashed.' : 'No logic failures (targets are not enforced).'}`);
  process.exitCode = report.failed ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 2;
});
