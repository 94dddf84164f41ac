// Figure 2: what listings cost. N backups take ceil(N / 100) requests, a loaded node expands for free until it
// is refreshed, and two quick Load more clicks share one page.
import { adbBackups } from '../../src/products/adb';
import { dbsFullBackups } from '../../src/products/dbs';
import { ddsBackups } from '../../src/products/dds';
import type { Listing } from '../../src/products/catalog';
import { backupListing } from '../../src/products/listings';
import type { BenchEmulator } from './emulator';
import type { Report } from './report';
import { BenchNode, BenchRow, benchContext, loadAll, treeList } from './tree';

/** Requests the emulator received while `action` ran. */
export async function countRequests(emu: BenchEmulator, action: () => Promise<unknown>): Promise<number> {
  await emu.resetStats();
  await action();
  return (await emu.stats()).total;
}

export async function pagingFigures(report: Report, emu: BenchEmulator, concurrency: number): Promise<void> {
  const ctx = benchContext(emu.url, concurrency);
  const owner = new BenchNode(undefined, 'paging');
  const { region, adb, dbs, shard } = emu.ordinary;

  // Sizes around page boundaries: an exact multiple, one over, and several pages.
  const cases: Array<{ product: 'adb' | 'dds' | 'dbs'; id: string; grow: number; list: Listing }> = [
    { product: 'adb', id: adb, grow: 70, list: backupListing('backups', adbBackups, { region, clusterId: adb }) },
    { product: 'dds', id: shard.nodeId, grow: 71, list: backupListing('backups', ddsBackups, { region, instanceId: shard.instanceId, nodeId: shard.nodeId }) },
    { product: 'dbs', id: dbs, grow: 220, list: backupListing('full', dbsFullBackups, { region, planId: dbs }) },
  ];
  for (const c of cases) {
    const total = await emu.addBackups(c.product, c.id, c.grow);
    const list = treeList(ctx, owner, c.list);
    const requests = await countRequests(emu, () => loadAll(list));
    const expected = Math.ceil(total / 100);
    const shown = list.items.length;
    report.check(`list ${total} ${c.product} backups: requests`, requests, { label: `= ${expected}`, holds: requests === expected && shown === total }, '', shown === total ? undefined : `${shown} of ${total} shown`);
  }

  const list = treeList(ctx, owner, cases[2].list);
  await list.ensureLoaded();
  report.check('expand a loaded node again: requests', await countRequests(emu, () => list.ensureLoaded()), 0);
  const loadMore = list.render().at(-1);
  if (!(loadMore instanceof BenchRow)) throw new Error('a list with more pages shows no Load more row');
  const requests = await countRequests(emu, async () => {
    loadMore.click();
    loadMore.click();
    await list.loadNext();
  });
  report.check('two quick Load more clicks: requests', requests, { label: '= 1', holds: requests === 1 && list.items.length === 200 }, '', `${list.items.length} shown`);
  list.reset();
  report.check('expand after refresh: requests', await countRequests(emu, () => list.ensureLoaded()), 1);
  report.check('failed loads', ctx.failures.length, 0, '', ctx.failures.length ? String(ctx.failures[0]) : undefined);
}
