// Find by ID… against the emulator through the real signing client: a resource ID asks only its product, once per
// region and listing, with the list API's ID filter; a backup ID asks each resource at most once through the backup
// APIs' BackupId filter, stops at the first hit and when cancelled; what was searched is reported, failures too.
import * as assert from 'assert';
import { findById, findResource, type FindOptions, type FindResult } from '../../src/account/find';
import { CancelledError } from '../../src/cloud/errors';
import type { Backup, Resource } from '../../src/cloud/models';
import { fetchAll } from '../../src/cloud/paging';
import { PRODUCTS, kindEntry } from '../../src/products';
import { dbsIncrementBackups } from '../../src/products/dbs';
import { ID_SCAN_PAGES } from '../../src/products/listings';
import { createSampleDataset, SAMPLE_IDS, type RequestLogEntry } from '../emulator';
import { attachIncrements } from '../emulator/dbsIncrements';
import { sleep, until, useSuiteEmulator } from '../reliability/support';

const OPTIONS: FindOptions = { pageSize: 100, concurrency: 8, windowDays: 7 };
const BACKUP_LISTS = new Set(['DescribeBackups', 'DescribeFullBackupList', 'DescribeIncrementBackupList', 'DescribeClusterBackups', 'DescribeClusterBackupList']);
const DAY_MS = 24 * 60 * 60 * 1000;

/** The resource a backup request asks about (a MongoDB shard by its node). */
function askedResource(r: RequestLogEntry): string {
  const p = r.params;
  return [p.DBClusterId ?? p.DBInstanceId ?? p.InstanceId ?? p.BackupPlanId, p.NodeId].filter(Boolean).join('/');
}

/** Counts per key; the keys that occur more than `max` times. */
function over(keys: string[], max: number): string[] {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > max).map(([k, n]) => `${k} ×${n}`);
}

function expectResource(result: FindResult): Resource {
  assert.strictEqual(result.found, 'resource');
  return (result as Extract<FindResult, { found: 'resource' }>).resource;
}

function expectBackup(result: FindResult): { backup: Backup; owner: Resource } {
  assert.strictEqual(result.found, 'backup', `nothing found; searched ${JSON.stringify({ ...result.searched, failures: result.searched.failures.map((f) => f.error.describe()) })}`);
  return result as Extract<FindResult, { found: 'backup' }>;
}

describe('Find by ID', function () {
  this.timeout(60_000);
  const s = useSuiteEmulator();

  /** One lookup per region and listing: the requests of a product's list API, keyed by region and type or engine. */
  const lookups = (product: string, action: string): string[] =>
    s.emulator
      .requests()
      .filter((r) => r.product === product && r.action === action)
      .map((r) => [r.params.RegionId ?? r.params.Region, r.params.DBInstanceType ?? r.params.InstanceType].filter(Boolean).join('/'));

  const one = (): number => 1;
  const CASES = [
    { product: 'adb', action: 'DescribeDBClusters', id: SAMPLE_IDS.adb.big, perRegion: one },
    { product: 'adb', action: 'DescribeDBClusters', id: SAMPLE_IDS.adb.lakehouse, perRegion: one },
    // DBInstanceType defaults to replicate: each type is asked for by name (serverless in China regions only).
    { product: 'dds', action: 'DescribeDBInstances', id: SAMPLE_IDS.dds.sharded, perRegion: (region: string) => (region.startsWith('cn-') ? 3 : 2) },
    { product: 'dbs', action: 'DescribeBackupPlanList', id: SAMPLE_IDS.dbs.big, perRegion: one },
    { product: 'rds', action: 'DescribeDBInstances', id: SAMPLE_IDS.rds.readOnly, perRegion: one },
    { product: 'polardb', action: 'DescribeDBClusters', id: SAMPLE_IDS.polardb.mysql, perRegion: one },
    // Redis and Tair are asked for by name, as the tree lists them.
    { product: 'r-kvstore', action: 'DescribeInstances', id: SAMPLE_IDS.kvstore.tair, perRegion: (): number => 2 },
  ];

  for (const c of CASES) {
    it(`finds ${c.product} resource ${c.id} through the ID filter, asking that product alone, once per region and listing`, async () => {
      const resource = expectResource(await findById(s.client(), PRODUCTS, c.id, OPTIONS));
      assert.strictEqual(resource.id, c.id);
      assert.strictEqual(resource.product, c.product);
      const sent = s.emulator.requests().filter((r) => r.action !== 'DescribeRegions');
      assert.deepStrictEqual(sent.filter((r) => r.product !== c.product || r.action !== c.action).map((r) => `${r.product} ${r.action}`), []);
      assert.ok(sent.every((r) => Object.values(r.params).includes(c.id)), 'every lookup carries the ID filter');
      assert.deepStrictEqual(over(lookups(c.product, c.action), 1), [], 'no region and listing asked twice');
    });

    it(`asks every region of ${c.product} exactly once per listing when no resource has the ID`, async () => {
      const unknown = `${c.id.slice(0, c.id.indexOf('-') + 1) || 'dbs'}zz9missing0001`;
      const product = PRODUCTS.filter((p) => p.id === c.product);
      const result = await findResource(s.client(), product, unknown, OPTIONS);
      assert.strictEqual(result.resource, undefined);
      const asked = lookups(c.product, c.action);
      const regions = result.searched.regions;
      assert.ok(regions.length > 1, `${regions.length} regions`);
      assert.deepStrictEqual(over(asked, 1), []);
      assert.deepStrictEqual([...new Set(asked.map((k) => k.split('/')[0]))].sort(), [...regions].sort());
      assert.strictEqual(asked.length, regions.reduce((n, region) => n + c.perRegion(region), 0));
    });
  }

  it('finds a shard node under its sharded cluster', async () => {
    const [, node] = SAMPLE_IDS.dds.shardNodes;
    const resource = expectResource(await findById(s.client(), PRODUCTS, node, OPTIONS));
    assert.deepStrictEqual([resource.kind, resource.id, resource.parentId, resource.region], ['ddsShardNode', node, SAMPLE_IDS.dds.sharded, 'cn-hangzhou']);
    assert.deepStrictEqual(over(lookups('dds', 'DescribeDBInstances'), 1), []);
    assert.ok(s.emulator.requests().filter((r) => r.action === 'DescribeDBInstances').every((r) => r.params.DBInstanceType === 'sharding'));
  });

  /** The oldest backup on the first page of a resource's history: one the default 7-day window does not reach. */
  async function oldBackupOf(resourceId: string, pick: (b: Backup) => boolean = () => true): Promise<{ resource: Resource; backup: Backup }> {
    const resource = expectResource(await findById(s.client(), PRODUCTS, resourceId, OPTIONS));
    const filter = { start: new Date(Date.now() - 3650 * DAY_MS) };
    const backups: Backup[] = [];
    for (const listing of kindEntry(resource)?.children(resource, filter, OPTIONS) ?? []) {
      const page = await listing.fetch(s.client(), 0, 100, new AbortController().signal);
      for (const entry of page.items) if (entry.backup && pick(entry.backup)) backups.push(entry.backup);
    }
    const backup = backups[backups.length - 1];
    assert.ok(backup, `no backups of ${resourceId}`);
    s.emulator.clearRequests();
    return { resource, backup };
  }

  const BACKUP_CASES: Array<[string, string, ((b: Backup) => boolean)?]> = [
    ['AnalyticDB 3.0', SAMPLE_IDS.adb.big],
    ['AnalyticDB 5.0, weeks old', SAMPLE_IDS.adb.lakehouse],
    ['MongoDB replica set', SAMPLE_IDS.dds.replica1],
    ['MongoDB shard node', SAMPLE_IDS.dds.shardNodes[1]],
    ['MongoDB cluster backup (cb-…)', SAMPLE_IDS.dds.clusterBackup],
    ['DBS full backup set', SAMPLE_IDS.dbs.big, (b) => b.type !== 'Incremental'],
    ['RDS, deep in a long list', SAMPLE_IDS.rds.mysql],
    ['PolarDB, weeks old', SAMPLE_IDS.polardb.mysql],
    ['Tair, weeks old', SAMPLE_IDS.kvstore.standard],
    ['Tair cluster backup (cb-…)', SAMPLE_IDS.kvstore.cluster],
  ];

  for (const [what, resourceId, pick] of BACKUP_CASES) {
    it(`finds a backup by ID: ${what}, asking each resource at most once`, async () => {
      const { resource, backup } = await oldBackupOf(resourceId, pick);
      if (what.includes('weeks old')) assert.ok((backup.startTime?.getTime() ?? Infinity) < Date.now() - 14 * DAY_MS, 'outside the first window');
      const hit = expectBackup(await findById(s.client(), PRODUCTS, backup.id, OPTIONS));
      assert.strictEqual(hit.backup.id, backup.id);
      assert.strictEqual(hit.owner.id, resource.id);
      const asked = s.emulator.requests().filter((r) => BACKUP_LISTS.has(r.action));
      assert.deepStrictEqual(over(asked.map(askedResource), 1), [], 'one backup request per resource at most');
      assert.ok(asked.every((r) => Object.values(r.params).includes(backup.id) || (r.action.startsWith('DescribeClusterBackup') && !backup.id.startsWith('cb-'))), 'every backup request carries the BackupId filter');
    });
  }

  it('finds a node\'s part of a MongoDB cluster backup among its cluster\'s newest cluster backups', async () => {
    const { resource, backup } = await oldBackupOf(SAMPLE_IDS.dds.clusterBackup, (b) => (b.parts?.length ?? 0) > 0);
    const part = backup.parts?.[0];
    assert.ok(part && !part.id.startsWith('cb-'));
    const hit = expectBackup(await findById(s.client(), PRODUCTS, part.id, OPTIONS));
    assert.deepStrictEqual([hit.backup.id, hit.owner.id], [part.id, resource.id]);
  });

  it('finds a DBS incremental backup (a binlog file) by its ID: the plan\'s increments paged and matched here', async () => {
    const files = await fetchAll(s.client(), dbsIncrementBackups, { region: 'cn-hangzhou', planId: SAMPLE_IDS.dbs.big }, 100);
    const oldest = files[files.length - 1];
    s.emulator.clearRequests();
    // Pages of 30: the oldest of the plan's 75 files is on the third.
    const hit = expectBackup(await findById(s.client(), PRODUCTS, oldest.id, { ...OPTIONS, pageSize: 30 }));
    assert.deepStrictEqual([hit.backup.id, hit.backup.type, hit.backup.resourceId, hit.owner.id, hit.owner.kind], [oldest.id, 'Incremental', SAMPLE_IDS.dbs.big, SAMPLE_IDS.dbs.big, 'dbsPlan']);
    const asked = s.emulator.requests().filter((r) => BACKUP_LISTS.has(r.action));
    assert.ok(asked.every((r) => r.action === 'DescribeIncrementBackupList'), `a binlog name is no full backup set's: ${asked.map((r) => r.action).join(', ')}`);
    const pages = asked.filter((r) => r.params.BackupPlanId === SAMPLE_IDS.dbs.big).map((r) => r.params.PageNum);
    assert.deepStrictEqual(pages, ['0', '1', '2'], 'each page of the plan once, up to the hit');
  });

  it('finds nothing for an unknown backup ID, and says how many resources, products and regions it searched', async () => {
    const data = s.emulator.data;
    const result = await findById(s.client(), PRODUCTS, '4242424242424', OPTIONS);
    assert.strictEqual(result.found, 'nothing');
    const { searched } = result;
    assert.deepStrictEqual(searched.failures, []);
    assert.ok(searched.asBackup && !searched.asResource);
    assert.strictEqual(searched.products.length, PRODUCTS.length);
    const shards = data.dds.instances.flatMap((i) => (i.clusterBackups === undefined ? i.shards : []));
    const resources = data.adb.clusters.length + data.adb5.length + data.dds.instances.length + shards.length + data.dbs.plans.length + data.rds.instances.length + data.polardb.length + data.kvstore.instances.length;
    assert.strictEqual(searched.resources, resources);
    const regions = new Set([...data.adb.regions, ...data.dds.regions, ...data.dbs.regions, ...data.rds.regions, ...data.kvstore.regions].map((r) => r.regionId));
    assert.ok(searched.regions.length >= regions.size, `${searched.regions.length} regions searched`);
  });

  it('stops at the first hit', async () => {
    const options = { ...OPTIONS, concurrency: 1 };
    await findById(s.client(), PRODUCTS, '4242424242424', options);
    const whole = s.emulator.requests().length;
    const { backup } = await oldBackupOf(SAMPLE_IDS.adb.big);
    expectBackup(await findById(s.client(), PRODUCTS, backup.id, options));
    const requests = s.emulator.requests();
    // How many come before the hit depends on the order resources are searched in; none may come after it.
    assert.ok(requests.length < whole, `${requests.length} requests to the hit, ${whole} for a whole search`);
    const last = requests.filter((r) => BACKUP_LISTS.has(r.action)).pop();
    assert.strictEqual(last?.params.DBClusterId, SAMPLE_IDS.adb.big, 'no backup request after the hit');
  });

  it('stops when cancelled, with CancelledError and far fewer requests', async () => {
    await findById(s.client(), PRODUCTS, '4242424242424', OPTIONS);
    const whole = s.emulator.requests().length;
    s.emulator.clearRequests();
    const controller = new AbortController();
    const progress: number[] = [];
    const search = findById(s.client(), PRODUCTS, '4242424242424', {
      ...OPTIONS,
      concurrency: 1,
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p.done);
        if (p.of === 'resources' && p.done >= 2) controller.abort();
      },
    });
    await assert.rejects(search, CancelledError);
    assert.ok(s.emulator.requests().length < whole / 2, `${s.emulator.requests().length} requests after cancelling, ${whole} for a whole search`);
    assert.ok(progress.length > 0, 'progress was reported');
  });

  it('reports progress as resources searched of those listed', async () => {
    const seen: string[] = [];
    await findById(s.client(), PRODUCTS, '4242424242424', { ...OPTIONS, onProgress: (p) => seen.push(`${p.done}/${p.total} ${p.of}`) });
    assert.match(seen[seen.length - 1], /^(\d+)\/\1 resources$/);
    const behind = seen.filter((p) => {
      const [done, total] = p.split(' ')[0].split('/').map(Number);
      return done < total;
    });
    assert.ok(behind.length > 0, 'progress is reported while the search goes on');
  });

  it('a failing region does not stop the search: the rest is searched and the failure reported with its code', async () => {
    const { backup } = await oldBackupOf(SAMPLE_IDS.rds.shanghai);
    s.emulator.injectFault({ kind: 'unavailable', product: 'rds', action: 'DescribeDBInstances', regionId: 'cn-hangzhou' });
    const hit = expectBackup(await findById(s.client(), PRODUCTS, backup.id, { ...OPTIONS, concurrency: 1 }));
    assert.strictEqual(hit.owner.id, SAMPLE_IDS.rds.shanghai);

    const missed = await findById(s.client(), PRODUCTS, '4242424242424', OPTIONS);
    assert.strictEqual(missed.found, 'nothing');
    const failures = missed.searched.failures;
    assert.ok(failures.length > 0, 'the failure is reported');
    assert.ok(failures.every((f) => f.product === 'rds' && f.region === 'cn-hangzhou' && f.error.code === 'ServiceUnavailable' && f.error.requestId), JSON.stringify(failures.map((f) => f.error.describe())));
    assert.ok(missed.searched.resources > 0);
  });

  it('a failing region does not stop a resource lookup', async () => {
    s.emulator.injectFault({ kind: 'unavailable', product: 'polardb', action: 'DescribeDBClusters', regionId: 'cn-beijing' });
    const resource = expectResource(await findById(s.client(), PRODUCTS, SAMPLE_IDS.polardb.mysql, { ...OPTIONS, concurrency: 1 }));
    assert.strictEqual(resource.id, SAMPLE_IDS.polardb.mysql);
    const missed = await findById(s.client(), PRODUCTS, 'pc-zz9missing0001', OPTIONS);
    assert.deepStrictEqual(missed.searched.failures.map((f) => [f.product, f.region, f.error.code]), [['polardb', 'cn-beijing', 'ServiceUnavailable']]);
  });
});

describe('Find by ID: DBS incremental backups past the bound', function () {
  this.timeout(60_000);
  const plan = SAMPLE_IDS.dbs.frankfurt;
  // More binlog files than ID_SCAN_PAGES pages of 30 hold: a search for one that is not there stops at the bound.
  const dataset = createSampleDataset();
  attachIncrements(dataset.dbs.plans, [{ planId: plan, count: ID_SCAN_PAGES * 30 + 50, stepHours: 1 }]);
  const s = useSuiteEmulator({ dataset, latencyMs: 5 });
  const DBS = PRODUCTS.filter((p) => p.id === 'dbs');
  const OPTIONS: FindOptions = { pageSize: 30, concurrency: 4, windowDays: 7 };
  const pagesOf = (planId: string): string[] =>
    s.emulator.requests().filter((r) => r.action === 'DescribeIncrementBackupList' && r.params.BackupPlanId === planId).map((r) => r.params.PageNum);

  it('reads a plan\'s newest pages only, and reports it as not searched fully, like a list that failed', async () => {
    const result = await findById(s.client(), DBS, 'mysql-bin.999999', OPTIONS);
    assert.strictEqual(result.found, 'nothing');
    assert.strictEqual(pagesOf(plan).length, ID_SCAN_PAGES);
    assert.deepStrictEqual(
      result.searched.failures.map((f) => [f.product, f.region, f.resourceId, f.error.kind, f.error.code]),
      [['dbs', 'eu-central-1', plan, 'limitReached', 'SearchLimitReached']],
    );
    assert.match(result.searched.failures[0].error.describe(), /mysql-bin\.999999 is not among the newest 600 items \(20 requests\)/);
    assert.deepStrictEqual(pagesOf(SAMPLE_IDS.dbs.big), ['0', '1', '2'], 'a plan within the bound is read to its end');
  });

  it('stops reading a plan\'s pages when cancelled', async () => {
    const controller = new AbortController();
    const search = findById(s.client(), DBS, 'mysql-bin.999999', { ...OPTIONS, signal: controller.signal });
    await until(() => pagesOf(plan).length >= 3, `three pages of ${plan} read`);
    controller.abort();
    const read = pagesOf(plan).length;
    await assert.rejects(search, CancelledError);
    await sleep(100);
    // The page in flight when it was cancelled may still reach the emulator; none after it.
    assert.ok(pagesOf(plan).length <= read + 1, `${read} pages read when cancelled, ${pagesOf(plan).length} in the end`);
    assert.ok(read < ID_SCAN_PAGES, `${read} pages read`);
  });
});
