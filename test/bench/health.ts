// Figure 6: Show Backup Health's scan over the generated account. It asks exactly one backup page per resource plus
// the listing pages; its DescribeBackupPolicy requests (one per resource whose kind has a policy, sent alongside)
// are counted apart. Its wall time is held against the limit that latency and the concurrency cap allow.
import { productRegions } from '../../src/account/regions';
import { BACKUP_PAGE_SIZE, scanHealth, type HealthRow } from '../../src/account/health';
import { kindEntry, PRODUCTS } from '../../src/products';
import type { BenchEmulator } from './emulator';
import type { Report } from './report';
import { benchContext } from './tree';

const BACKUP_ACTIONS = new Set(['DescribeBackups', 'DescribeClusterBackups', 'DescribeFullBackupList', 'DescribeClusterBackupList']);
const POLICY_ACTION = 'DescribeBackupPolicy';
/** The setting's default page size: every resource listing of the generated account fits one page. */
const PAGE_SIZE = 100;

export interface HealthBenchOptions {
  latencyMs: number;
  concurrency: number;
}

export async function healthFigures(report: Report, emu: BenchEmulator, opts: HealthBenchOptions): Promise<void> {
  const { client } = benchContext(emu.url, opts.concurrency);
  // What the listings will be: one page per resource listing of every region a product reports.
  const served = await Promise.all(PRODUCTS.map(async (p) => [p, await productRegions(client, p)] as const));
  await emu.resetStats();
  await emu.clearRequests();
  const rows: HealthRow[] = [];
  const started = performance.now();
  const scan = scanHealth(client, PRODUCTS, { pageSize: PAGE_SIZE, concurrency: 8 * opts.concurrency, staleAfterHours: 48 });
  for await (const event of scan) if (event.type === 'row') rows.push(event.row);
  const wallMs = performance.now() - started;
  const stats = await emu.stats();
  const log = await emu.requests();

  const unknown = rows.filter((r) => r.verdict === 'unknown');
  report.check('health: unknown rows', unknown.length, 0, '', unknown[0]?.error && `${unknown[0].key}: ${unknown[0].error.code}`);
  const backups = log.filter((r) => BACKUP_ACTIONS.has(r.action)).length;
  const policies = log.filter((r) => r.action === POLICY_ACTION).length;
  const listings = log.length - backups - policies;
  // A shard lookup is one per resource whose children are resources (a MongoDB sharded cluster): a parent that is
  // not judged itself. An RDS read-only instance's primary is judged, and was listed, not looked up.
  const judged = new Set(rows.flatMap((r) => (r.resource ? [`${r.product}/${r.resource.id}`] : [])));
  const parents = new Set(rows.flatMap((r) => (r.resource?.parentId ? [`${r.product}/${r.resource.parentId}`] : [])));
  const shardedClusters = [...parents].filter((key) => !judged.has(key)).length;
  const listingPages =
    PRODUCTS.reduce((sum, p) => sum + p.regions.length, 0) +
    served.reduce((sum, [p, regions]) => sum + regions.reduce((n, r) => n + p.resources(r.id).length, 0), 0) +
    shardedClusters;
  report.check('health: backup requests', backups, rows.length, '', `one page of ${BACKUP_PAGE_SIZE} per resource: ${rows.length} resources`);
  report.check('health scan requests (backup + listing)', backups + listings, rows.length + listingPages, '', `exactly resources + listing pages: ${rows.length} + ${listingPages} (DescribeRegions per API version, one page per resource listing, a shard lookup per sharded cluster)`);
  const owners = new Set<string>();
  for (const { resource } of rows) {
    if (resource && kindEntry(resource)?.policy) owners.add(`${resource.product}/${resource.id}`);
    else if (resource?.parentId) owners.add(`${resource.product}/${resource.parentId}`);
  }
  report.check('health policy requests (apart)', policies, owners.size, '', 'one DescribeBackupPolicy per resource with a policy (shard nodes share their cluster\'s; DBS plans bring theirs), sent alongside its backup request');

  // regions → resource page → (shard lookup →) backups; the policy goes with the backup request, adding no step.
  const depth = 1 + 1 + (shardedClusters > 0 ? 2 : 1);
  const limit = Math.max(depth * opts.latencyMs, (stats.total * opts.latencyMs) / opts.concurrency);
  report.info('health: wall time', wallMs / 1000, 's', `limit ${(limit / 1000).toFixed(2)} s = max(${depth} × ${opts.latencyMs} ms, ${stats.total} requests × ${opts.latencyMs} ms / ${opts.concurrency})`);
  report.target('health: wall time / limit', wallMs / limit, '', '≤', 1.2);
  report.check('health: peak requests in flight (emulator)', stats.inFlightPeak, { label: `≤ ${opts.concurrency}`, holds: stats.inFlightPeak <= opts.concurrency });
  const verdicts = ['ok', 'stale', 'failing', 'none'].map((v) => `${rows.filter((r) => r.verdict === v).length} ${v}`).join(', ');
  report.info('health: resources judged', rows.length, '', verdicts);
}
