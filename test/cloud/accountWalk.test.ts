// The account layer against the emulator through the real signing client: the whole-account walk sees every
// resource once, stays within its bounds, streams, survives a failing listing and stops when cancelled; the latest
// backup of a resource costs one request per listing.
import * as assert from 'assert';
import { walkAccount, latestBackup, type WalkEvent, type WalkOptions } from '../../src/account/walk';
import type { Resource } from '../../src/cloud/models';
import { PRODUCTS } from '../../src/products';
import { SAMPLE_IDS } from '../emulator';
import { useSuiteEmulator } from '../reliability/support';

const OPTIONS: WalkOptions = { pageSize: 30, concurrency: 16, windowDays: 7 };

async function collect(walk: AsyncGenerator<WalkEvent>): Promise<WalkEvent[]> {
  const events: WalkEvent[] = [];
  for await (const event of walk) events.push(event);
  return events;
}

const resourcesOf = (events: WalkEvent[]): Resource[] => events.flatMap((e) => (e.type === 'resource' ? [e.resource] : []));

describe('account walk', function () {
  this.timeout(60_000);
  const s = useSuiteEmulator();

  it('sees every resource of every served region once, shard nodes included, with the first page of its backups', async () => {
    const events = await collect(walkAccount(s.client(), PRODUCTS, OPTIONS));
    assert.deepStrictEqual(events.filter((e) => e.type === 'failure'), []);
    const data = s.emulator.data;
    const expected = [
      ...data.adb.clusters.map((c) => c.id),
      ...data.adb5.map((c) => c.id),
      ...data.dds.instances.flatMap((i) => [i.id, ...(i.clusterBackups === undefined ? i.shards.map((n) => n.nodeId) : [])]),
      ...data.dbs.plans.map((p) => p.id),
      ...data.rds.instances.map((i) => i.id),
      ...data.polardb.map((c) => c.id),
      ...data.kvstore.instances.map((i) => i.id),
    ].sort();
    const seen = resourcesOf(events).map((r) => r.id).sort();
    assert.deepStrictEqual(seen, expected);
    const big = events.find((e) => e.type === 'resource' && e.resource.id === SAMPLE_IDS.adb.big);
    assert.ok(big?.type === 'resource' && big.backups.length === 30, 'the first page of backups comes with each resource');
  });

  it('keeps within the client\'s cap on requests in flight', async () => {
    const client = s.client({ settings: { maxConcurrentRequests: 3 } });
    await collect(walkAccount(client, PRODUCTS, { ...OPTIONS, concurrency: 64 }));
    assert.ok(s.emulator.stats().inFlightPeak <= 3, `peak ${s.emulator.stats().inFlightPeak}`);
  });

  it('streams: the first resource arrives before the walk has asked for everything', async () => {
    let atFirst = 0;
    for await (const event of walkAccount(s.client(), PRODUCTS, OPTIONS)) {
      if (event.type === 'resource' && atFirst === 0) atFirst = s.emulator.requests().length;
    }
    const total = s.emulator.requests().length;
    assert.ok(atFirst > 0 && atFirst < total, `${atFirst} requests before the first resource, ${total} for a whole walk`);
  });

  it('a listing that fails is one failure event; every other region and product is still walked', async () => {
    s.emulator.injectFault({ kind: 'unavailable', product: 'dds', action: 'DescribeDBInstances', regionId: 'cn-hangzhou' });
    const events = await collect(walkAccount(s.client(), PRODUCTS, OPTIONS));
    const failures = events.filter((e) => e.type === 'failure');
    assert.ok(failures.length >= 1 && failures.every((f) => f.type === 'failure' && f.product.id === 'dds' && f.region === 'cn-hangzhou' && f.error.code === 'ServiceUnavailable'));
    const seen = new Set(resourcesOf(events).map((r) => r.id));
    assert.ok(seen.has(SAMPLE_IDS.adb.big) && seen.has(SAMPLE_IDS.dbs.big), 'the other products are walked');
    assert.ok(!seen.has(SAMPLE_IDS.dds.replica1), 'the failed listing yields nothing');
  });

  it('stops when cancelled, and asks for far less', async () => {
    const full = s.emulator.requests().length;
    await collect(walkAccount(s.client(), PRODUCTS, OPTIONS));
    const whole = s.emulator.requests().length - full;
    s.emulator.clearRequests();
    const controller = new AbortController();
    let resources = 0;
    for await (const event of walkAccount(s.client(), PRODUCTS, { ...OPTIONS, concurrency: 2, signal: controller.signal })) {
      if (event.type === 'resource' && ++resources === 2) controller.abort();
    }
    assert.ok(s.emulator.requests().length < whole / 2, `${s.emulator.requests().length} requests after cancelling, ${whole} for a whole walk`);
  });

  it('the latest backup of a resource is the newest one, in one request per listing', async () => {
    const cluster: Resource = { product: 'adb', kind: 'adbCluster', region: 'cn-hangzhou', id: SAMPLE_IDS.adb.big, status: 'success', raw: {} };
    const latest = await latestBackup(s.client(), cluster, OPTIONS);
    const series = s.emulator.data.findAdbCluster(SAMPLE_IDS.adb.big)?.backups;
    assert.ok(series);
    assert.strictEqual(latest?.id, String(series.id(series.count - 1)));
    assert.strictEqual(s.emulator.requests().length, 1);
  });
});
