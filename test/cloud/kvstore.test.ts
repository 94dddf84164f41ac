// Tair / Redis (r-kvstore 2015-01-01) against the emulator: raw wire bodies through the signing client, then the
// product's ListActions, windowed listing and policy through a CloudClient whose endpointOverrides name r-kvstore.
import * as assert from 'assert';
import OpenApiClient, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import { RuntimeOptions } from '@alicloud/tea-util';
import { CloudClient } from '../../src/cloud/client';
import { CredentialSource } from '../../src/cloud/credentials';
import { CloudError } from '../../src/cloud/errors';
import { fetchPage } from '../../src/cloud/paging';
import { listRegions } from '../../src/cloud/regions';
import type { Backup, Resource } from '../../src/cloud/models';
import { kvstoreBackups, kvstoreClusterBackups, kvstoreEntry, kvstoreInstances, kvstorePolicy, kvstoreRegions } from '../../src/products/kvstore';
import { createSampleDataset, HOSTILE_TEXT, SAMPLE_IDS, startEmulator, TEST_CREDENTIALS, type RunningEmulator } from '../emulator';
import { kvstoreBackupId } from '../emulator/kvstore';
import { apiFailure, rawApi, type Json, type Query, type RawApi } from './rawApi';

const V = '2015-01-01';
const HZ = 'cn-hangzhou';
const IDS = SAMPLE_IDS.kvstore;
const DAY = 86_400_000;
const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';
const list = (body: Json, outer: string, inner: string) => (body[outer] as Record<string, Json[]>)[inner];
const signal = () => new AbortController().signal;

describe('Tair / Redis (r-kvstore 2015-01-01) through the signing client', () => {
  const NOW = Date.now();
  let emu: RunningEmulator;
  let api: RawApi;
  const client = (secret?: string) =>
    new CloudClient(
      { endpointOverrides: { 'r-kvstore': emu.url }, timeoutMs: 3000, maxConcurrentRequests: 4, retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 } },
      new CredentialSource({ ...TEST_CREDENTIALS.normal, accessKeySecret: secret ?? TEST_CREDENTIALS.normal.accessKeySecret }),
    );
  const instance = async (id: string, engine: 'Redis' | 'Tair' = 'Redis'): Promise<Resource> => {
    const page = await fetchPage(client(), kvstoreInstances, { region: HZ, engine }, 0, 50, signal());
    const found = page.items.find((r) => r.id === id);
    assert.ok(found, `${id} listed`);
    return found;
  };
  const lastWeek = async (r: Resource, pageSize = 100): Promise<Backup[]> => {
    const [listing] = kvstoreEntry.kinds[r.kind].children(r, undefined, { windowDays: 7 });
    const page = await listing.fetch(client(), 0, pageSize, signal());
    return page.items.flatMap((e) => (e.backup ? [e.backup] : []));
  };

  before(async () => {
    emu = await startEmulator({ dataset: createSampleDataset({ nowMs: NOW }) });
    api = rawApi(emu.endpoint);
  });
  after(async () => {
    await emu.close();
  });
  beforeEach(() => {
    emu.clearFaults();
    emu.clearRequests();
  });

  it('DescribeRegions answers RegionIds.KVStoreRegion[], which the product reads', async () => {
    const body = await api.call(V, 'DescribeRegions', { AcceptLanguage: 'en-US' });
    const regions = list(body, 'RegionIds', 'KVStoreRegion');
    assert.deepStrictEqual(regions.map((r) => r.RegionId), [HZ, 'cn-shanghai', 'ap-southeast-1']);
    assert.strictEqual(regions[0].LocalName, 'China (Hangzhou)');
    assert.ok(Array.isArray((regions[0].ZoneIdList as Json).ZoneId));
    const parsed = await listRegions(client(), kvstoreRegions);
    assert.deepStrictEqual(parsed.map((r) => r.id), [HZ, 'cn-shanghai', 'ap-southeast-1']);
  });

  it('DescribeInstances pages with an integer TotalCount; each engine is asked for by name', async () => {
    const instances = (q: Query) => api.call(V, 'DescribeInstances', { RegionId: HZ, ...q });
    const first = await instances({ InstanceType: 'Redis', PageSize: 2, PageNumber: 1 });
    const second = await instances({ InstanceType: 'Redis', PageSize: 2, PageNumber: 2 });
    assert.strictEqual(first.TotalCount, 4);
    assert.strictEqual(list(first, 'Instances', 'KVStoreInstance').length, 2);
    assert.strictEqual(list(second, 'Instances', 'KVStoreInstance').length, 2);
    // The emulator takes META24's default (Redis) when InstanceType is omitted: the reason both are named.
    assert.strictEqual((await instances({})).TotalCount, 4);
    const failure = await apiFailure(instances({ PageSize: 100 }));
    assert.strictEqual(failure.code, 'InvalidPageSize.Malformed');

    const page = await fetchPage(client(), kvstoreInstances, { region: HZ, engine: 'Redis' }, 0, 2, signal());
    assert.deepStrictEqual([page.total, page.loaded, page.hasMore], [4, 2, true]);
    const standard = await instance(IDS.standard);
    assert.deepStrictEqual([standard.kind, standard.summary, standard.name, standard.status], ['kvstoreInstance', 'Redis 7.0', 'sessions-cache', 'success']);
    // A cloud-native cluster (ComputingType Ecs) keeps cluster backups; a classic one only per-shard backups.
    assert.strictEqual((await instance(IDS.cluster)).kind, 'kvstoreCloudCluster');
    assert.strictEqual((await instance(IDS.classic)).kind, 'kvstoreCluster');
    assert.strictEqual((await instance(IDS.hostile)).name, HOSTILE_TEXT);
    assert.strictEqual((await instance(IDS.tair, 'Tair')).summary, 'Tair');
  });

  it("the entry's instance listings hold the page size to 50 and cover Redis and Tair", async () => {
    const listings = kvstoreEntry.resources(HZ);
    const pages = await Promise.all(listings.map((l) => l.fetch(client(), 0, 100, signal())));
    const ids = pages.flatMap((p) => p.items.map((e) => e.resource?.id)).sort();
    assert.deepStrictEqual(ids, [IDS.classic, IDS.cluster, IDS.hostile, IDS.standard, IDS.tair].sort());
    assert.ok(emu.requests().every((r) => r.params.PageSize === '50'));
  });

  it('DescribeBackups requires InstanceId, StartTime and EndTime, and checks their format', async () => {
    const base = { InstanceId: IDS.standard, StartTime: minute(NOW - 7 * DAY), EndTime: minute(NOW) };
    for (const name of ['InstanceId', 'StartTime', 'EndTime'] as const) {
      const failure = await apiFailure(api.call(V, 'DescribeBackups', { ...base, [name]: undefined }));
      assert.deepStrictEqual([failure.statusCode, failure.code], [400, 'MissingParameter'], name);
    }
    const bad = await apiFailure(api.call(V, 'DescribeBackups', { ...base, StartTime: '2026-01-01T00:00:00Z' }));
    assert.deepStrictEqual([bad.statusCode, bad.code], [400, 'InvalidStartTime.Malformed']);
    const body = await api.call(V, 'DescribeBackups', base);
    assert.strictEqual(body.TotalCount, 14);
    // The product's params always carry the window.
    const params = kvstoreBackups.params({ region: HZ, resourceId: IDS.standard, start: new Date(NOW - DAY), end: new Date(NOW) });
    assert.deepStrictEqual([params.StartTime, params.EndTime, params.InstanceId], [minute(NOW - DAY), minute(NOW), IDS.standard]);
  });

  it('the windowed listing reads the last 7 days: 14 backups, integer BackupIds kept exact as text', async () => {
    const raw = list(await api.call(V, 'DescribeBackups', { InstanceId: IDS.standard, StartTime: minute(NOW - DAY), EndTime: minute(NOW) }), 'Backups', 'Backup');
    assert.strictEqual(typeof raw[0].BackupId, 'number');
    const r = await instance(IDS.standard);
    const [listing] = kvstoreEntry.kinds[r.kind].children(r, undefined, { windowDays: 7 });
    const page = await listing.fetch(client(), 0, 30, signal());
    assert.strictEqual(page.items.length, 14);
    assert.ok(page.window?.older instanceof Date, 'an older window is offered');
    const inst = emu.data.kvstore.instances.find((i) => i.id === IDS.standard);
    assert.ok(inst);
    const newest = page.items[0].backup;
    // Sample IDs are ten digits, inside 2^53; a larger one would already be rounded by the SDK's JSON.parse.
    assert.strictEqual(newest?.id, String(kvstoreBackupId(inst, 79)));
    assert.strictEqual(newest?.nodeId, undefined, 'a standard instance has no shard');
    const older = await listing.fetch(client(), 1, 30, signal());
    assert.strictEqual(older.window?.index, 1);
    assert.strictEqual(older.items.length, 14);
  });

  it('a classic cluster instance lists one backup per shard, the shard in nodeId', async () => {
    const r = await instance(IDS.classic);
    const raw = await api.call(V, 'DescribeBackups', { InstanceId: IDS.classic, StartTime: minute(NOW - 7 * DAY), EndTime: minute(Math.ceil(NOW / 60_000) * 60_000), PageSize: 100 });
    const backups = await lastWeek(r);
    assert.ok(backups.length >= 10, `${backups.length} shard backups`);
    assert.strictEqual(backups.length, raw.TotalCount);
    assert.deepStrictEqual([...new Set(backups.map((b) => b.nodeId))].sort(), [`${IDS.classic}-db-0`, `${IDS.classic}-db-1`]);
    assert.strictEqual(new Set(backups.map((b) => b.id)).size, backups.length);
  });

  it('a cloud-native cluster lists cluster backups by GET, each made of its shards’ backups with their URLs', async () => {
    const r = await instance(IDS.cluster);
    const backups = await lastWeek(r);
    assert.strictEqual(backups.length, 14);
    const requests = emu.requests().filter((q) => q.action === 'DescribeClusterBackupList');
    assert.deepStrictEqual(requests.map((q) => [q.method, q.params.RegionId, q.params.InstanceId]), [['GET', HZ, IDS.cluster]]);
    const inst = emu.data.kvstore.instances.find((i) => i.id === IDS.cluster);
    assert.ok(inst);
    const newest = backups[0];
    assert.match(newest.id, /^cb-/);
    assert.deepStrictEqual(newest.parts?.map((p) => p.nodeId), [...IDS.clusterShards]);
    // Part IDs come as strings here and are the shards' DescribeBackups IDs.
    assert.deepStrictEqual(newest.parts?.map((p) => p.id), IDS.clusterShards.map((_, s) => String(kvstoreBackupId(inst, 79, s))));
    for (const b of backups) {
      const partsOk = (b.parts ?? []).every((p) => p.status === 'success');
      assert.strictEqual(b.status, partsOk ? 'success' : 'failed', `${b.id}: OK only when every shard is`);
      assert.strictEqual(b.sizeBytes, (b.parts ?? []).reduce((sum, p) => sum + (p.sizeBytes ?? 0), 0));
      for (const p of b.parts ?? []) {
        // The documented end time has no zone: it is read as UTC, so it never comes before the start.
        assert.ok(p.startTime && p.endTime && p.endTime >= p.startTime, `${p.id} times`);
        if (p.status === 'success') assert.match(p.downloadUrl ?? '', /^http:\/\/rdsbak-oss-cn-hangzhou\.aliyuncs\.com\/.+\.rdb\?Expires=\d+/);
      }
    }
    assert.ok(backups.some((b) => b.status === 'failed') && backups.some((b) => b.status === 'success'), 'both kinds in the window');
    // No total: a short page ends the window, and Load older reads the one before it.
    const [listing] = kvstoreEntry.kinds[r.kind].children(r, undefined, { windowDays: 7 });
    const first = await listing.fetch(client(), 0, 30, signal());
    assert.deepStrictEqual([first.totalUnknown, first.hasMore, first.window?.older instanceof Date], [true, false, true]);
    const older = await listing.fetch(client(), 1, 30, signal());
    assert.deepStrictEqual([older.window?.index, older.items.length], [1, 14]);
  });

  it('download URLs: public and intranet on successful backups, none on failed ones', async () => {
    const backups = await lastWeek(await instance(IDS.classic));
    const ok = backups.filter((b) => b.status === 'success');
    const failed = backups.filter((b) => b.status === 'failed');
    assert.ok(ok.length > 0, 'successful backups in the window');
    for (const b of ok) {
      assert.match(b.downloadUrl ?? '', /^http:\/\/rdsbak-oss-cn-hangzhou\.aliyuncs\.com\/.+\.rdb\?Expires=\d+/);
      assert.match(b.intranetDownloadUrl ?? '', /^http:\/\/rdsbak-oss-cn-hangzhou-internal\.aliyuncs\.com\//);
      assert.deepStrictEqual([b.type, b.method, typeof b.sizeBytes], ['FullBackup', 'Physical', 'number']);
      assert.ok(b.mode === 'Automated' || b.mode === 'Manual');
      assert.ok(b.startTime && b.endTime && b.endTime > b.startTime);
    }
    for (const b of failed) assert.deepStrictEqual([b.downloadUrl, b.intranetDownloadUrl], [undefined, undefined]);
  });

  it('DescribeBackupPolicy becomes retention, period, time and next backup rows', async () => {
    const { rows } = await kvstorePolicy(client(), await instance(IDS.standard), signal());
    const byLabel = new Map(rows.map(([label, value]) => [String(label), value]));
    assert.deepStrictEqual(byLabel.get('Retention'), { message: '{0} days', args: [7] });
    assert.match(String(byLabel.get('Backup period')), /^Monday,/);
    assert.strictEqual(byLabel.get('Backup time'), '02:00Z-03:00Z');
    const next = byLabel.get('Next backup');
    assert.ok(next instanceof Date && next.getTime() > NOW - 60_000 && next.getTime() <= NOW + DAY);
  });

  it('a wrong secret is SignatureDoesNotMatch, sent once and not retried', async () => {
    const err = await fetchPage(client('not-the-secret'), kvstoreInstances, { region: HZ, engine: 'Redis' }, 0, 30, signal()).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof CloudError);
    assert.strictEqual(err.code, 'SignatureDoesNotMatch');
    assert.strictEqual(emu.requests().length, 1);
  });

  it('faults apply: a throttled DescribeBackups is retried, matched by the instance region', async () => {
    emu.injectFault({ kind: 'throttle', product: 'r-kvstore', action: 'DescribeBackups', regionId: HZ, times: 1 });
    const backups = await lastWeek(await instance(IDS.standard));
    assert.strictEqual(backups.length, 14);
    assert.deepStrictEqual(emu.requests().filter((r) => r.action === 'DescribeBackups').map((r) => r.code), ['Throttling.User', undefined]);
  });

  describe('DescribeClusterBackupList (GET only)', () => {
    const call = async (method: 'GET' | 'POST', query: Query): Promise<Json> => {
      const raw = new OpenApiClient(new Config({ ...TEST_CREDENTIALS.normal, endpoint: emu.endpoint, protocol: 'http' }));
      const params = new Params({ action: 'DescribeClusterBackupList', version: V, protocol: 'HTTP', pathname: '/', method, authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
      const defined = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
      const result = (await raw.callApi(params, new OpenApiRequest({ query: OpenApiUtil.query(defined) }), new RuntimeOptions({}))) as { body: Json };
      return result.body;
    };
    const query = { RegionId: HZ, InstanceId: IDS.cluster, StartTime: minute(NOW - 7 * DAY), EndTime: minute(NOW), PageSize: 30 };

    it('answers GET with a bare ClusterBackups array, no TotalCount, per-shard Backups with string IDs', async () => {
      const body = await call('GET', query);
      assert.strictEqual(body.TotalCount, undefined);
      const clusterBackups = body.ClusterBackups as Json[];
      assert.strictEqual(clusterBackups.length, 14);
      assert.strictEqual(body.MaxResults, 14);
      const parts = clusterBackups[0].Backups as Json[];
      assert.deepStrictEqual(parts.map((p) => p.InstanceName), [...IDS.clusterShards]);
      assert.strictEqual(typeof parts[0].BackupId, 'string');
    });

    it('the product sends it as GET with RegionId and narrows by a cluster backup ID only', async () => {
      const scope = { region: HZ, resourceId: IDS.cluster, start: new Date(NOW - DAY), end: new Date(NOW) };
      assert.strictEqual(kvstoreClusterBackups.method, 'GET');
      assert.strictEqual(kvstoreClusterBackups.params(scope).RegionId, HZ);
      assert.strictEqual(kvstoreClusterBackups.params({ ...scope, filter: { backupId: 'cb-x' } }).ClusterBackupId, 'cb-x');
      assert.strictEqual(kvstoreClusterBackups.params({ ...scope, filter: { backupId: '1160000001' } }).ClusterBackupId, undefined);
    });

    it('refuses POST, and RegionId is required', async () => {
      assert.strictEqual((await apiFailure(call('POST', query))).code, 'UnsupportedHTTPMethod');
      assert.strictEqual((await apiFailure(call('GET', { ...query, RegionId: undefined }))).code, 'MissingParameter');
    });
  });
});
