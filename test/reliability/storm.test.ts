// Load: a large account behind 50 ms of latency, and a storm of Load more clicks and refreshes in quick
// succession on the tree's paged lists. What must hold, read from the emulator itself:
//   - never more requests in flight than maxConcurrentRequests (stats().inFlightPeak);
//   - no page asked for twice: without refreshes not once; with them, a page at most once per refresh of its list;
//   - in the end every list holds exactly the account's data, in order, no item twice, no error or spinner left.
import * as assert from 'assert';
import { adbBackups, adbClusters } from '../../src/products/adb';
import type { CloudClient } from '../../src/cloud/client';
import { dbsFullBackups, dbsPlans } from '../../src/products/dbs';
import { ddsBackups, ddsInstances } from '../../src/products/dds';
import type { Backup, Resource } from '../../src/cloud/models';
import { fetchAll, type ListAction } from '../../src/cloud/paging';
import type { ProductId } from '../../src/cloud/types';
import { ChildList, listLoader } from '../../src/explorer/childList';
import { createLargeDataset, LARGE_BIG_IDS, type RequestLogEntry } from '../emulator';
import { fakeContext, ownerNode, sleep, statusRowsOf, until, useFigures, useSuiteEmulator, type FakeContext } from './support';

const LIMIT = 4;
const LATENCY_MS = 50;
const PAGE_SIZE = 30;

/** A small deterministic PRNG, so a failing storm can be replayed. */
function prng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

interface StormList {
  name: string;
  list: ChildList<Backup | Resource>;
  /** Does this emulator log entry belong to this list? */
  owns(entry: RequestLogEntry): boolean;
  pageOf(entry: RequestLogEntry): string;
  /** The same listing, fetched whole by an independent client. */
  expected(client: CloudClient): Promise<string[]>;
  expectedCount: number;
  resets: number;
  /** Bumped at each refresh of this list: a page may be asked again only in a later generation. */
  generation: number;
  /** Every page the list asked its loader for, with the generation it was asked in. */
  loads: Array<{ generation: number; index: number }>;
}

describe('Reliability: refresh and Load more storm on a large account (50 ms latency)', function () {
  this.timeout(120_000);
  const figures = useFigures('load');
  const dataset = createLargeDataset({ regions: 3, resourcesPerRegion: 40, backupsPerResource: 4, bigResourceBackups: 600 });
  const s = useSuiteEmulator({ dataset, latencyMs: LATENCY_MS });
  const regions = dataset.adb.regions.map((r) => r.regionId);

  function build(ctx: FakeContext): StormList[] {
    const lists: StormList[] = [];
    const add = <Scope, Item extends Backup | Resource>(
      name: string,
      product: ProductId,
      action: ListAction<Scope, Item>,
      scope: Scope,
      owns: (e: RequestLogEntry) => boolean,
      expectedCount: number,
    ): void => {
      const inner = listLoader(ctx, action, scope);
      const entry = { generation: 0, loads: [] as StormList['loads'] };
      const list = new ChildList<Item>(ownerNode(name), ctx, { product, action: action.action }, (index, pageSize, signal) => {
        entry.loads.push({ generation: entry.generation, index });
        return inner(index, pageSize, signal);
      }) as unknown as ChildList<Backup | Resource>;
      const rest: Omit<StormList, 'generation' | 'loads'> = {
        name,
        list,
        owns: (e) => e.action === action.action && owns(e),
        pageOf: (e) => String(Number(e.params[action.paging.pageParam]) - action.paging.firstPage),
        expected: async (client) => (await fetchAll(client, action, scope, 100)).map((i) => i.id),
        expectedCount,
        resets: 0,
      };
      lists.push(Object.assign(entry, rest));
    };
    const home = regions[0];
    add('adb huge backups', 'adb', adbBackups, { region: home, clusterId: LARGE_BIG_IDS.adb }, (e) => e.params.DBClusterId === LARGE_BIG_IDS.adb, dataset.backupCount('adb', LARGE_BIG_IDS.adb));
    add('dds huge backups', 'dds', ddsBackups, { region: home, instanceId: LARGE_BIG_IDS.dds }, (e) => e.params.DBInstanceId === LARGE_BIG_IDS.dds, dataset.backupCount('dds', LARGE_BIG_IDS.dds));
    add('dbs huge backups', 'dbs', dbsFullBackups, { region: home, planId: LARGE_BIG_IDS.dbs }, (e) => e.params.BackupPlanId === LARGE_BIG_IDS.dbs, dataset.backupCount('dbs', LARGE_BIG_IDS.dbs));
    for (const region of regions) {
      add(`adb clusters ${region}`, 'adb', adbClusters, { region }, (e) => e.params.RegionId === region, dataset.adb.clusters.filter((c) => c.regionId === region).length);
      add(`dds replica sets ${region}`, 'dds', ddsInstances, { region, type: 'replicate' }, (e) => e.params.RegionId === region && e.params.DBInstanceType === 'replicate', dataset.dds.instances.filter((c) => c.regionId === region && c.type === 'replicate').length);
      add(`dbs plans ${region}`, 'dbs', dbsPlans, { region }, (e) => e.params.Region === region, dataset.dbs.plans.filter((c) => c.regionId === region).length);
    }
    return lists;
  }

  function refresh(l: StormList): void {
    l.list.reset();
    l.resets++;
    l.generation++;
  }

  /** What a click on the list's last row does in the tree: Load more when it is there, else expand. */
  function click(l: StormList): void {
    const more = statusRowsOf(l.list.render()).find((r) => r.kind === 'loadMore');
    if (more?.loadMore) more.loadMore();
    else void l.list.ensureLoaded();
  }

  async function settle(ctx: FakeContext): Promise<void> {
    await until(() => ctx.progress.active === 0 && s.emulator.stats().inFlight === 0, 'the storm to settle', 60_000);
  }

  /** Requests per (list, page), in the emulator's log. */
  function pageCounts(lists: StormList[]): Map<string, { list: StormList; count: number }> {
    const counts = new Map<string, { list: StormList; count: number }>();
    for (const entry of s.emulator.requests()) {
      const owner = lists.filter((l) => l.owns(entry));
      assert.strictEqual(owner.length, 1, `request ${entry.action} ${JSON.stringify(entry.params)} belongs to exactly one list`);
      const key = `${owner[0].name} page ${owner[0].pageOf(entry)}`;
      const c = counts.get(key) ?? { list: owner[0], count: 0 };
      c.count++;
      counts.set(key, c);
    }
    return counts;
  }

  it(`never more than maxConcurrentRequests (${LIMIT}) in flight, no duplicate page requests, and the final tree matches the data`, async () => {
    const client = s.client({ settings: { maxConcurrentRequests: LIMIT } });
    const ctx = fakeContext(client, { pageSize: PAGE_SIZE, maxConcurrentRequests: LIMIT });
    const lists = build(ctx);
    const random = prng(20261122);
    const pick = (): StormList => lists[Math.floor(random() * lists.length)];
    let clicks = 0;
    let refreshes = 0;

    // Phase 1: Load more clicked as fast as a person can (and faster), no refresh: no page is ever asked twice.
    for (let i = 0; i < 300; i++) {
      click(pick());
      clicks++;
      if (random() < 0.3) await sleep(Math.floor(random() * 4));
    }
    await settle(ctx);
    const phase1 = pageCounts(lists);
    const dup1 = [...phase1].filter(([, c]) => c.count > 1).map(([k, c]) => `${k} ×${c.count}`);
    assert.deepStrictEqual(dup1, [], 'without a refresh, no page is requested twice');
    assert.ok(s.emulator.stats().inFlightPeak <= LIMIT, `phase 1 peak ${s.emulator.stats().inFlightPeak} > ${LIMIT}`);

    // Phase 2: the storm: Load more, refresh of one list, refresh of everything, expand, all interleaved.
    for (let i = 0; i < 500; i++) {
      const r = random();
      if (r < 0.68) {
        click(pick());
        clicks++;
      } else if (r < 0.92) {
        refresh(pick());
        refreshes++;
      } else if (r < 0.96) {
        for (const l of lists) refresh(l);
        refreshes++;
      } else {
        void pick().list.ensureLoaded();
      }
      if (random() < 0.25) await sleep(Math.floor(random() * 6));
    }
    await settle(ctx);

    // Then everything is loaded to the end, one Load more at a time, as a person finishing the job would.
    for (const l of lists) {
      await l.list.ensureLoaded();
      for (let guard = 0; statusRowsOf(l.list.render()).some((row) => row.kind === 'loadMore'); guard++) {
        assert.ok(guard < 100, `${l.name}: Load more never ends`);
        await l.list.loadNext();
        clicks++;
      }
    }
    await settle(ctx);

    const stats = s.emulator.stats();
    const counts = pageCounts(lists);
    const unexplained = [...counts].filter(([, c]) => c.count > 1 + c.list.resets).map(([k, c]) => `${k} ×${c.count} with ${c.list.resets} refreshes`);
    for (const l of lists) {
      // Within one generation (between two refreshes) a page is asked for once…
      const keys = l.loads.map((x) => `${x.generation}/${x.index}`);
      const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
      if (twice.length) unexplained.push(`${l.name}: generation/page asked twice: ${[...new Set(twice)].join(', ')}`);
      // …and the server saw each page at most once per generation that asked for it (a load cancelled while it
      // waited for a slot never reaches the server, so it may see fewer).
      for (const [key, c] of counts) {
        if (c.list !== l) continue;
        const index = Number(key.slice(key.lastIndexOf(' ') + 1));
        const generations = new Set(l.loads.filter((x) => x.index === index).map((x) => x.generation)).size;
        if (c.count > generations) unexplained.push(`${key}: ${c.count} requests at the server for ${generations} generations that asked`);
      }
    }
    const checker = s.client({ settings: { maxConcurrentRequests: LIMIT } });
    for (const l of lists) {
      const ids = l.list.items.map((i) => i.id);
      assert.deepStrictEqual(statusRowsOf(l.list.render()), [], `${l.name}: no error or Load more row left`);
      assert.strictEqual(ids.length, l.expectedCount, `${l.name}: as many items as the dataset has`);
      assert.strictEqual(new Set(ids).size, ids.length, `${l.name}: no item twice`);
      assert.deepStrictEqual(ids, await l.expected(checker), `${l.name}: the same items in the same order as a fresh listing`);
    }
    figures.load = {
      scenario: `${clicks} Load more clicks and ${refreshes} refreshes on ${lists.length} paged lists of a large account (3 regions × 40 resources per product, 600 backups in each big resource)`,
      peakInFlight: stats.inFlightPeak,
      limit: LIMIT,
      requests: stats.total,
      duplicateRequests: unexplained.length,
      clicks,
      refreshes,
      latencyMs: LATENCY_MS,
      passed: false,
    };
    assert.ok(stats.inFlightPeak <= LIMIT, `the emulator saw ${stats.inFlightPeak} requests in flight at once, limit ${LIMIT}`);
    assert.ok(client.peakConcurrency <= LIMIT);
    assert.ok(stats.inFlightPeak >= 2, 'the storm did run requests in parallel');
    assert.deepStrictEqual(unexplained, [], 'a page is requested again only after its list was refreshed');
    assert.strictEqual(ctx.progress.active, 0, 'no progress left running');
    figures.load.passed = true;
  });
});
