// Figure 3: one huge backup list paged into the tree to the end: what it costs in requests and heap, and how
// long one page of raw items takes to become tree rows.
import { adbBackups } from '../../src/products/adb';
import { dbsFullBackups } from '../../src/products/dbs';
import { ddsBackups } from '../../src/products/dds';
import type { Backup } from '../../src/cloud/models';
import { LARGE_BIG_IDS } from '../emulator';
import { listing, type Listing } from './account';
import type { BenchEmulator } from './emulator';
import type { RawPage } from './extensionHost';
import { countRequests } from './paging';
import { median, type Report } from './report';
import { BenchNode, benchContext, loadAll, treeList } from './tree';

const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

function heapUsed(): number {
  gc?.();
  return process.memoryUsage().heapUsed;
}

export async function largeListFigures(report: Report, emu: BenchEmulator, concurrency: number): Promise<RawPage[]> {
  const ctx = benchContext(emu.url, concurrency);
  const owner = new BenchNode(undefined, 'large');
  const region = emu.bigRegion;
  const scopes = {
    adb: { region, clusterId: LARGE_BIG_IDS.adb },
    dds: { region, instanceId: LARGE_BIG_IDS.dds },
    dbs: { region, planId: LARGE_BIG_IDS.dbs },
  };
  const lists: Array<[keyof typeof scopes, Listing<Backup>]> = [
    ['adb', listing(adbBackups, scopes.adb)],
    ['dds', listing(ddsBackups, scopes.dds)],
    ['dbs', listing(dbsFullBackups, scopes.dbs)],
  ];
  const heapNote = gc ? undefined : 'run with --expose-gc for a stable figure';
  // The first request builds the client's connection and code paths, which are not the list's to pay for.
  await treeList(ctx, owner, lists[0][1]).ensureLoaded();

  const pages: RawPage[] = [];
  for (const [product, big] of lists) {
    const before = heapUsed();
    const list = treeList(ctx, owner, big, (b) => new BenchNode(owner, b.id, b));
    const requests = await countRequests(emu, () => loadAll(list));
    const grownMb = (heapUsed() - before) / MB;
    const n = list.items.length;
    report.check(`${product}: list ${n} backups to the end: requests`, requests, Math.ceil(n / 100));
    report.target(`${product}: heap growth with ${n} backups shown`, grownMb, 'MB', '≤', 30, heapNote);

    // Normalise + node creation per page of 100, as ChildList does when a page arrives.
    const raws = list.items.map((b) => b.raw);
    const times: number[] = [];
    for (let i = 0; i < raws.length; i += 100) {
      const page = raws.slice(i, i + 100);
      const started = performance.now();
      big.open((action, scope) =>
        page.map((raw) => {
          const backup = action.normalise(raw, scope);
          return new BenchNode(owner, backup.id, backup);
        }),
      );
      times.push(performance.now() - started);
    }
    report.target(`${product}: 100 raw items → nodes, plain Node (median)`, median(times), 'ms', '≤', 20, `normalise + node creation, ${times.length} pages`);
    pages.push({ product, scope: scopes[product], raw: raws.slice(0, 100) });
  }
  return pages;
}
