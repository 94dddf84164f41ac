// Figure 8: Find by ID… over the generated account. A resource ID is asked of its product only, once per region the
// product serves; a backup ID costs at most one backup request per resource searched. The target for a resource:
// wall ≤ (ceil(regions / cap) + 1) × latency × 1.3 (DescribeRegions, then the regions a cap's worth at a time).
import { findBackup, findResource, type FindOptions } from '../../src/account/find';
import { productRegions } from '../../src/account/regions';
import type { Resource } from '../../src/cloud/models';
import { productEntry } from '../../src/products';
import type { ProductEntry } from '../../src/products/catalog';
import type { BenchEmulator } from './emulator';
import type { Report } from './report';
import { benchContext } from './tree';

const BACKUP_ACTIONS = new Set(['DescribeBackups', 'DescribeClusterBackups', 'DescribeFullBackupList', 'DescribeClusterBackupList', 'DescribeIncrementBackupList']);

export interface FindBenchOptions {
  latencyMs: number;
  concurrency: number;
}

interface FarTarget {
  resource: Resource;
  backupId: string;
  regions: number;
  /** The product's resources in all regions. */
  resources: number;
}

/** The first resource of the product's last region, and one of its backups: the far end of every search. */
async function farTarget(emu: BenchEmulator, product: ProductEntry, opts: FindBenchOptions): Promise<FarTarget> {
  const { client } = benchContext(emu.url, opts.concurrency);
  const signal = new AbortController().signal;
  const regions = await productRegions(client, product, signal);
  let resources = 0;
  for (const region of regions) for (const listing of product.resources(region.id)) resources += (await listing.fetch(client, 0, 100, signal)).total;
  const last = regions[regions.length - 1];
  for (const listing of product.resources(last.id)) {
    const page = await listing.fetch(client, 0, 100, signal);
    for (const entry of page.items) {
      if (!entry.resource) continue;
      const children = product.kinds[entry.resource.kind]?.children(entry.resource, undefined, { windowDays: 7 }) ?? [];
      for (const child of children) {
        const backups = await child.fetch(client, 0, 30, signal);
        const backup = backups.items.find((e) => e.backup)?.backup;
        if (backup) return { resource: entry.resource, backupId: backup.id, regions: regions.length, resources };
      }
    }
  }
  throw new Error(`no ${product.id} resource with a backup in ${last.id}`);
}

export async function findFigures(report: Report, emu: BenchEmulator, opts: FindBenchOptions): Promise<void> {
  const rds = productEntry('rds');
  if (!rds) throw new Error('the catalog has no rds entry');
  const target = await farTarget(emu, rds, opts);
  const { client } = benchContext(emu.url, opts.concurrency);
  const options: FindOptions = { pageSize: 100, concurrency: 8 * opts.concurrency, windowDays: 7 };

  await emu.clearRequests();
  let started = performance.now();
  const byId = await findResource(client, [rds], target.resource.id, options);
  let wallMs = performance.now() - started;
  let log = await emu.requests();
  report.check('find: resource found', byId.resource?.id === target.resource.id ? 1 : 0, 1, '', `${target.resource.id}, in the last of ${target.regions} regions`);
  const lookups = log.filter((r) => r.action !== 'DescribeRegions');
  report.check('find: resource lookups', lookups.length, { label: `≤ ${target.regions}`, holds: lookups.length <= target.regions }, '', `one per region of the product; other products asked: ${new Set(log.map((r) => r.product)).size - 1}`);
  const limit = (Math.ceil(target.regions / opts.concurrency) + 1) * opts.latencyMs;
  report.info('find: resource wall time', wallMs, 'ms', `limit ${limit} ms = (ceil(${target.regions} / ${opts.concurrency}) + 1) × ${opts.latencyMs} ms`);
  report.target('find: resource wall time / limit', wallMs / limit, '', '≤', 1.3);

  await emu.clearRequests();
  await emu.resetStats();
  started = performance.now();
  const { backupId } = target;
  const found = await findBackup(client, [rds], backupId, options);
  wallMs = performance.now() - started;
  // Requests still in flight at the hit are cancelled and never logged as answered: count what the emulator received.
  const received = (await emu.stats()).total;
  log = await emu.requests();
  const listingRequests = log.filter((r) => !BACKUP_ACTIONS.has(r.action)).length;
  const resourcesListed = target.resources;
  report.check('find: backup found', found.backup?.id === backupId ? 1 : 0, 1, '', `${backupId} of ${target.resource.id}`);
  const backupRequests = received - listingRequests;
  report.check('find: backup requests per resource', backupRequests / Math.max(1, resourcesListed), { label: '≤ 1', holds: backupRequests <= resourcesListed }, '', `${backupRequests} backup requests sent for ${resourcesListed} resources; the search stopped at the hit`);
  report.info('find: backup wall time', wallMs, 'ms', `${received} requests in all`);
}
