// Figure 1: the whole-account scan through the tree's own fan-out, against the limit latency and the concurrency
// cap allow, and against the naive walk in the same run.
import { chainDepth, requestsFor, walkAccount, type Census } from './account';
import type { BenchEmulator } from './emulator';
import { NAIVE_PAGE_SIZE, naiveFetcher } from './naive';
import type { Report } from './report';
import { benchContext, treeFetcher } from './tree';

export interface ScanOptions {
  latencyMs: number;
  concurrency: number;
  /** Resources the dataset has in all, to check the walk saw every one. */
  expectedResources: number;
  /** Cap of the naive walk in requests (0: walk everything). */
  naiveRequests: number;
}

export async function scanFigures(report: Report, emu: BenchEmulator, opts: ScanOptions): Promise<void> {
  const ctx = benchContext(emu.url, opts.concurrency);
  await emu.resetStats();
  await emu.clearRequests();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const census = await walkAccount(treeFetcher(ctx));
  const wallMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  const stats = await emu.stats();
  const log = await emu.requests();

  const resources = census.resourceListings.reduce((a, b) => a + b, 0);
  report.check('failed loads', ctx.failures.length, 0, '', ctx.failures.length ? String(ctx.failures[0]) : undefined);
  report.check('resources listed', resources, opts.expectedResources, '', `${census.regions} regions, ${census.shardLookups} sharded clusters, ${census.backupListings} backup lists`);
  report.check('requests', stats.total, requestsFor(census, 100), '', 'regions + resource pages + shard lookups + 1 per backup list');
  const depth = chainDepth(census);
  const limit = (latencyMs: number): number => Math.max(depth * latencyMs, (stats.total * latencyMs) / opts.concurrency);
  report.info('wall time', wallMs / 1000, 's', `limit ${(limit(opts.latencyMs) / 1000).toFixed(2)} s = max(${depth} × ${opts.latencyMs} ms, ${stats.total} × ${opts.latencyMs} ms / ${opts.concurrency})`);
  report.target('wall time / limit', wallMs / limit(opts.latencyMs), '', '≤', 1.3);
  // Tells the product's overhead from the emulator's: a loaded machine slows the emulator's answers too.
  const serverMs = log.reduce((sum, entry) => sum + entry.durationMs, 0) / log.length;
  report.info('emulator time per request', serverMs, 'ms', `mean, latency included; wall / limit at this time per request: ${(wallMs / limit(serverMs)).toFixed(2)}`);
  report.info('client CPU per request', (user + system) / 1000 / stats.total, 'ms', 'signing, HTTP, parsing, ChildList (this process)');
  const cap = { label: `≤ ${opts.concurrency}`, holds: stats.inFlightPeak <= opts.concurrency };
  report.check('peak requests in flight (emulator)', stats.inFlightPeak, cap);
  report.check('peak requests in flight (client)', ctx.client.peakConcurrency, { label: cap.label, holds: ctx.client.peakConcurrency <= opts.concurrency });

  await naiveFigures(report, emu, opts, census, wallMs);
}

/** The naive walk, capped at a number of requests and extrapolated per request to the whole account. */
async function naiveFigures(report: Report, emu: BenchEmulator, opts: ScanOptions, full: Census, explorerMs: number): Promise<void> {
  await emu.resetStats();
  const naive = naiveFetcher(emu.endpoint, opts.naiveRequests);
  const started = performance.now();
  const walked = await walkAccount(naive);
  const walkedMs = performance.now() - started;
  const stats = await emu.stats();
  report.check('naive: requests', stats.total, requestsFor(walked, NAIVE_PAGE_SIZE), '', `page size ${NAIVE_PAGE_SIZE}, one at a time`);

  const fullRequests = requestsFor(full, NAIVE_PAGE_SIZE);
  const naiveMs = (walkedMs / stats.total) * fullRequests;
  const how =
    walked.regionsWalked < full.regions
      ? `capped: walked ${walked.regionsWalked} of ${full.regions} regions (${stats.total} requests, ${(walkedMs / 1000).toFixed(1)} s), extrapolated per request to ${fullRequests}`
      : 'full walk';
  report.info('naive: wall time', naiveMs / 1000, 's', how);
  report.target('speed-up over naive', naiveMs / explorerMs, '×', '≥', 5);
}
