// Figure 3: one huge backup list paged into the tree to the end: what it costs in requests and heap, and how
// long one page of raw items takes to become tree rows.
import { adbBackups } from '../../src/products/adb';
import { dbsFullBackups } from '../../src/products/dbs';
import { ddsBackups } from '../../src/products/dds';
import type { Backup } from '../../src/cloud/models';
import type { ExplorerContext } from '../../src/explorer/node';
import type { ListAction } from '../../src/cloud/paging';
import type { RawObject } from '../../src/cloud/types';
import type { Entry, Listing } from '../../src/products/catalog';
import { backupListing, entryId } from '../../src/products/listings';
import { LARGE_BIG_IDS } from '../emulator';
import type { BenchEmulator } from './emulator';
import type { RawPage } from './extensionHost';
import { countRequests } from './paging';
import { median, type Report } from './report';
import { BenchNode, DEFAULT_TIMEOUT_MS, benchContext, loadAll, treeList } from './tree';

const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

/** The client's timeout here: short, because reading the heap waits it out. */
const TIMEOUT_MS = 2_000;

/**
 * The heap once every response body is unreachable. Each stays reachable until its request's timeout timer fires
 * (the timer carries the request's AsyncLocalStorage store, whose response cap reaches the settled promise), so
 * without the wait a baseline would hold the previous list's bodies, which are then freed during this load.
 */
async function settledHeap(timeoutMs = TIMEOUT_MS): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, timeoutMs + 250));
  gc?.();
  return process.memoryUsage().heapUsed;
}

/** A big backup list: the tree's listing of it, and the normalising that listing does to each raw item. */
interface BigList {
  product: 'adb' | 'dds' | 'dbs';
  scope: object;
  listing: Listing;
  normalise(raw: RawObject): Backup;
}

function bigList<Scope extends object>(product: BigList['product'], action: ListAction<Scope, Backup>, scope: Scope): BigList {
  return { product, scope, listing: backupListing('backups', action, scope), normalise: (raw) => action.normalise(raw, scope) };
}

export async function largeListFigures(report: Report, emu: BenchEmulator, concurrency: number): Promise<RawPage[]> {
  const ctx = benchContext(emu.url, concurrency, TIMEOUT_MS);
  const owner = new BenchNode(undefined, 'large');
  const region = emu.bigRegion;
  const lists = [
    bigList('adb', adbBackups, { region, clusterId: LARGE_BIG_IDS.adb }),
    bigList('dds', ddsBackups, { region, instanceId: LARGE_BIG_IDS.dds }),
    bigList('dbs', dbsFullBackups, { region, planId: LARGE_BIG_IDS.dbs }),
  ];
  // The first request builds the client's connection and code paths, which are not the list's to pay for.
  await treeList(ctx, owner, lists[0].listing).ensureLoaded();
  // Earlier sections' clients keep their bodies longer.
  await settledHeap(DEFAULT_TIMEOUT_MS);

  const pages: RawPage[] = [];
  for (const big of lists) pages.push(await listFigures(report, emu, ctx, owner, big));
  report.check('failed loads', ctx.failures.length, 0, '', ctx.failures.length ? String(ctx.failures[0]) : undefined);
  return pages;
}

/**
 * Requests, heap and conversion time of one big list. In a call of its own: a suspended async frame keeps stale
 * values alive, and a previous list kept by the caller's frame would be counted in the baseline.
 */
async function listFigures(report: Report, emu: BenchEmulator, ctx: ExplorerContext, owner: BenchNode, big: BigList): Promise<RawPage> {
  const before = await settledHeap();
  const list = treeList(ctx, owner, big.listing);
  const requests = await countRequests(emu, () => loadAll(list));
  const grownMb = ((await settledHeap()) - before) / MB;
  const n = list.items.length;
  report.check(`${big.product}: list ${n} backups to the end: requests`, requests, Math.ceil(n / 100));
  report.target(`${big.product}: heap growth with ${n} backups shown`, grownMb, 'MB', '≤', 30, gc ? undefined : 'run with --expose-gc for a stable figure');
  const conversion = convertPages(big, owner, list.items);
  report.target(`${big.product}: 100 raw items → nodes, plain Node (median)`, median(conversion.times), 'ms', '≤', 20, `normalise + node creation, ${conversion.times.length} pages`);
  return { product: big.product, scope: big.scope, raw: conversion.firstPage };
}

/** Normalise + row + node creation per page of 100, as the listing and ChildList do when a page arrives. */
function convertPages(big: BigList, owner: BenchNode, entries: readonly Entry[]): { times: number[]; firstPage: RawObject[] } {
  const raws = entries.flatMap((entry) => (entry.backup ? [entry.backup.raw] : []));
  const times: number[] = [];
  for (let i = 0; i < raws.length; i += 100) {
    const page = raws.slice(i, i + 100);
    const started = performance.now();
    page.map((raw) => {
      const entry: Entry = { backup: big.normalise(raw) };
      return new BenchNode(owner, entryId(entry), entry);
    });
    times.push(performance.now() - started);
  }
  return { times, firstPage: raws.slice(0, 100) };
}
