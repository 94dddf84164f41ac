// Figure 1: the whole-account scan through the product's own walk and client, against the limit latency and the
// concurrency cap allow, and against the same walk through the plain client in the same run.
import type { WalkOptions } from '../../src/account/walk';
import { PRODUCTS } from '../../src/products';
import { chainDepth, listedByProduct, requestsFor, resourcePages, walkCensus, type Census } from './account';
import type { BenchEmulator } from './emulator';
import type { DatasetHoldings } from './emulatorProcess';
import { NAIVE_PAGE_SIZE, naiveClient } from './naive';
import type { Report } from './report';
import { benchContext } from './tree';

export interface ScanOptions {
  latencyMs: number;
  concurrency: number;
  /** What the dataset holds, to check the walk saw every resource. */
  expected: DatasetHoldings;
  /** Cap of the naive walk in requests (0: walk everything). */
  naiveRequests: number;
}

const PAGE_SIZE = 100;
/** The first window of the lists that need one: the setting's default. */
const WINDOW_DAYS = 7;
/** What the scan figures are held to (README, Performance): never loosened to make a run pass. */
export const SCAN_TARGETS = { wallOverLimit: 1.2, speedUp: 8 } as const;

export async function scanFigures(report: Report, emu: BenchEmulator, opts: ScanOptions): Promise<void> {
  const { client } = benchContext(emu.url, opts.concurrency);
  // Listings waiting in the walk cost nothing, and a limiter slot must never wait for one to start.
  const walk: WalkOptions = { pageSize: PAGE_SIZE, concurrency: 8 * opts.concurrency, windowDays: WINDOW_DAYS };
  await emu.resetStats();
  await emu.clearRequests();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const census = await walkCensus(client, PRODUCTS, walk);
  const wallMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  const stats = await emu.stats();
  const log = await emu.requests();

  report.check('failure events', census.failures.length, 0, '', census.failures[0]);
  coverageChecks(report, census, opts.expected);
  report.check('requests', stats.total, requestsFor(census, PAGE_SIZE), '', 'DescribeRegions per API version + resource pages + 1 per listing under a resource');
  const depth = chainDepth(census, PAGE_SIZE);
  const limit = (latencyMs: number): number => Math.max(depth * latencyMs, (stats.total * latencyMs) / opts.concurrency);
  report.info('wall time', wallMs / 1000, 's', `limit ${(limit(opts.latencyMs) / 1000).toFixed(2)} s = max(${depth} × ${opts.latencyMs} ms, ${stats.total} × ${opts.latencyMs} ms / ${opts.concurrency})`);
  report.target('wall time / limit', wallMs / limit(opts.latencyMs), '', '≤', SCAN_TARGETS.wallOverLimit);
  // Tells the product's overhead from the emulator's: a loaded machine slows the emulator's answers too.
  const serverMs = log.reduce((sum, entry) => sum + entry.durationMs, 0) / log.length;
  report.info('emulator time per request', serverMs, 'ms', `mean, latency included; wall / limit at this time per request: ${(wallMs / limit(serverMs)).toFixed(2)}`);
  report.info('client CPU per request', (user + system) / 1000 / stats.total, 'ms', 'signing, HTTP, parsing, the walk (this process)');
  const cap = { label: `≤ ${opts.concurrency}`, holds: stats.inFlightPeak <= opts.concurrency };
  report.check('peak requests in flight (emulator)', stats.inFlightPeak, cap);
  report.check('peak requests in flight (client)', client.peakConcurrency, { label: cap.label, holds: client.peakConcurrency <= opts.concurrency });

  await naiveFigures(report, emu, opts, census, wallMs);
}

/** Every resource the dataset holds was listed (per product) or found under another, in the pages predicted. */
function coverageChecks(report: Report, census: Census, expected: DatasetHoldings): void {
  const listed = listedByProduct(census);
  const perProduct = PRODUCTS.map((p) => ({ id: p.id, seen: listed.get(p.id) ?? 0, held: expected.listed[p.id] ?? 0 }));
  const seen = perProduct.reduce((sum, p) => sum + p.seen, 0);
  const held = perProduct.reduce((sum, p) => sum + p.held, 0);
  const wrong = perProduct.filter((p) => p.seen !== p.held).map((p) => `${p.id} ${p.seen} of ${p.held}`);
  const note = wrong.length > 0 ? `missing or extra: ${wrong.join(', ')}` : perProduct.map((p) => `${p.id} ${p.seen.toLocaleString('en-US')}`).join(', ');
  report.check('resources listed', seen, { label: `= ${held}`, holds: wrong.length === 0 }, '', `${census.regions} regions; ${note}`);
  report.check('resources found under another', census.subResources, expected.underAnother, '', `${census.resources} resources visited, ${census.backupListings} listings under them`);
  const pagesRead = census.resourceListings.reduce((sum, l) => sum + l.pages, 0);
  const pagesPredicted = census.resourceListings.reduce((sum, l) => sum + resourcePages(l, PAGE_SIZE), 0);
  report.check('resource listing pages', pagesRead, pagesPredicted, '', `${census.resourceListings.length} listings; Tair / Redis takes 50 a page at most`);
}

/** The same walk through the plain client, capped at a number of requests and extrapolated per request. */
async function naiveFigures(report: Report, emu: BenchEmulator, opts: ScanOptions, full: Census, explorerMs: number): Promise<void> {
  await emu.resetStats();
  const naive = naiveClient(emu.endpoint, opts.naiveRequests);
  const started = performance.now();
  const walked = await walkCensus(naive.client, PRODUCTS, { pageSize: NAIVE_PAGE_SIZE, concurrency: 1, windowDays: WINDOW_DAYS, signal: naive.capped });
  const walkedMs = performance.now() - started;
  const stats = await emu.stats();
  const capped = naive.capped.aborted;
  report.check('naive: failure events', walked.failures.length, 0, '', walked.failures[0]);
  // A capped walk stops mid-listing, so its census undercounts; the cap itself is exact.
  const expected = capped ? opts.naiveRequests : requestsFor(walked, NAIVE_PAGE_SIZE);
  report.check('naive: requests', stats.total, expected, '', `page size ${NAIVE_PAGE_SIZE}, ${capped ? 'stopped at the cap' : `${walked.resources} resources visited`}`);
  report.check('naive: peak requests in flight', stats.inFlightPeak, 1);
  if (!capped) report.check('naive: resources visited', walked.resources, full.resources, '', 'the same walk as the explorer\'s');

  const fullRequests = requestsFor(full, NAIVE_PAGE_SIZE);
  const naiveMs = (walkedMs / stats.total) * fullRequests;
  const how = capped
    ? `capped: ${stats.total} of ${fullRequests} requests in ${(walkedMs / 1000).toFixed(1)} s, extrapolated per request`
    : 'full walk';
  report.info('naive: wall time', naiveMs / 1000, 's', how);
  report.target('speed-up over naive', naiveMs / explorerMs, '×', '≥', SCAN_TARGETS.speedUp);
}
