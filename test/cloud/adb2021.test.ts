import * as assert from 'assert';
import { buildAdb5Clusters } from '../emulator/adb2021';
import { createSampleDataset, SAMPLE_IDS, startEmulator, type RunningEmulator } from '../emulator';
import { apiFailure, items, rawApi, type Json, type Query, type RawApi } from './rawApi';

const V2021 = '2021-12-01';
const V2019 = '2019-03-15';
const HZ = 'cn-hangzhou';
const LAKEHOUSE = SAMPLE_IDS.adb.lakehouse;
const BASIC = SAMPLE_IDS.adb.basic;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GIB = 1024 * 1024 * 1024;

/** `yyyy-MM-ddTHH:mmZ`, the format both ADB versions take, truncated to the minute. */
const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';
/** Parses the no-seconds form the API returns. */
const fromMinute = (s: unknown) => Date.parse(String(s).replace(/Z$/, ':00Z'));

const BACKUP_FIELDS = [
  'BackupEndTime',
  'BackupExpiredTime',
  'BackupId',
  'BackupMethod',
  'BackupRegion',
  'BackupSize',
  'BackupStartTime',
  'BackupStatus',
  'BackupType',
  'DBClusterId',
  'ParentBackupId',
];

describe('AnalyticDB 2021-12-01 (5.0 clusters) through the signing client', () => {
  // The dataset's clock for the 5.0 backups, pinned so expectations are exact.
  const NOW = Date.now();
  let emu: RunningEmulator;
  let api: RawApi;

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

  const clusters = (query: Query) => api.call(V2021, 'DescribeDBClusters', { RegionId: HZ, ...query });
  const backups = (query: Query) => api.call(V2021, 'DescribeBackups', query);
  /** Backups of a cluster over a wide window, every page. */
  const allBackups = async (clusterId: string, query: Query = {}): Promise<{ total: string; list: Json[] }> => {
    const list: Json[] = [];
    let total = '';
    for (let page = 1; page < 100; page++) {
      const body = await backups({
        DBClusterId: clusterId,
        StartTime: minute(NOW - 60 * DAY),
        EndTime: minute(NOW + DAY),
        PageSize: 30,
        PageNumber: page,
        ...query,
      });
      total = String(body.TotalCount);
      const got = items(body, 'Backup');
      list.push(...got);
      if (got.length < 30) {
        break;
      }
    }
    return { total, list };
  };

  describe('DescribeRegions', () => {
    it('answers Regions.Region[] like 2019-03-15, with endpoints and zones', async () => {
      const body = await api.call(V2021, 'DescribeRegions', { AcceptLanguage: 'en-US' });
      const regions = (body.Regions as { Region: Json[] }).Region;
      const hz = regions.find((r) => r.RegionId === HZ);
      assert.ok(hz, 'cn-hangzhou listed');
      assert.strictEqual(hz.LocalName, 'China (Hangzhou)');
      assert.strictEqual(hz.RegionEndpoint, 'adb.aliyuncs.com');
      const zones = (hz.Zones as { Zone: Json[] }).Zone;
      assert.ok(zones.length > 0 && zones.every((z) => typeof z.ZoneId === 'string' && z.VpcEnabled === true));
      assert.deepStrictEqual(body.Regions, (await api.call(V2019, 'DescribeRegions', { AcceptLanguage: 'en-US' })).Regions);
    });
  });

  describe('DescribeDBClusters', () => {
    it('defaults to 5.0 clusters, with integer totals and the 5.0 fields and string types', async () => {
      const body = await clusters({});
      assert.deepStrictEqual([body.TotalCount, body.PageNumber, body.PageSize], [2, 1, 30]);
      const list = items(body, 'DBCluster');
      assert.deepStrictEqual(list.map((c) => c.DBClusterId).sort(), [BASIC, LAKEHOUSE].sort());
      const lake = list.find((c) => c.DBClusterId === LAKEHOUSE) as Json;
      assert.strictEqual(lake.DBClusterDescription, 'lakehouse-prod');
      assert.strictEqual(lake.DBVersion, '5.0');
      assert.strictEqual(lake.ProductVersion, 'EnterpriseVersion');
      assert.strictEqual(lake.ProductForm, 'IntegrationForm');
      assert.strictEqual(lake.Mode, 'flexible');
      assert.strictEqual(lake.Engine, 'AnalyticDB');
      assert.strictEqual(lake.DBClusterStatus, 'Running');
      assert.strictEqual(lake.Expired, 'false');
      assert.strictEqual(lake.Port, '3306');
      assert.strictEqual(lake.ReservedACU, '24ACU');
      assert.strictEqual(typeof lake.DBNodeStorage, 'number');
      assert.strictEqual(typeof lake.DBNodeCount, 'number');
      assert.ok(typeof lake.Category === 'string');
      assert.match(String(lake.CreateTime), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      // Pay-as-you-go: empty, no 2999 sentinel in this version.
      assert.strictEqual(lake.ExpireTime, '');
      const basic = list.find((c) => c.DBClusterId === BASIC) as Json;
      assert.strictEqual(basic.ProductVersion, 'BasicVersion');
      assert.strictEqual(basic.PayType, 'Prepaid');
      assert.ok(Date.parse(String(basic.ExpireTime)) > NOW, 'a subscription expires in the future');
    });

    it('DBClusterVersion 3.0 lists the am- clusters, All lists both, 5.0 first', async () => {
      const v3 = await clusters({ DBClusterVersion: '3.0' });
      const v3List = items(v3, 'DBCluster');
      const hz3 = emu.data.adb.clusters.filter((c) => c.regionId === HZ).map((c) => c.id);
      assert.deepStrictEqual(v3List.map((c) => c.DBClusterId), hz3);
      assert.strictEqual(v3.TotalCount, hz3.length);
      assert.ok(v3List.every((c) => c.DBVersion === '3.0' && String(c.DBClusterId).startsWith('am-')));
      // The 2019 sentinel does not appear here: pay-as-you-go clusters have an empty ExpireTime.
      assert.ok(v3List.every((c) => (c.PayType === 'Postpaid' ? c.ExpireTime === '' : c.ExpireTime !== '')));

      const all = await clusters({ DBClusterVersion: 'All' });
      assert.strictEqual(all.TotalCount, hz3.length + 2);
      assert.deepStrictEqual(
        items(all, 'DBCluster').map((c) => c.DBClusterId),
        [LAKEHOUSE, BASIC, ...hz3],
      );
      const v5 = await clusters({ DBClusterVersion: '5.0' });
      assert.deepStrictEqual(items(v5, 'DBCluster').map((c) => c.DBClusterId), [LAKEHOUSE, BASIC]);
    });

    it('filters by ProductVersion and DBClusterIds; the 2019 API does not list 5.0 clusters', async () => {
      const basic = await clusters({ ProductVersion: 'BasicVersion', DBClusterVersion: 'All' });
      assert.deepStrictEqual(items(basic, 'DBCluster').map((c) => c.DBClusterId), [BASIC]);
      const byId = await clusters({ DBClusterIds: `${LAKEHOUSE},${SAMPLE_IDS.adb.big}`, DBClusterVersion: 'All' });
      assert.deepStrictEqual(items(byId, 'DBCluster').map((c) => c.DBClusterId), [LAKEHOUSE, SAMPLE_IDS.adb.big]);
      const old = await api.call(V2019, 'DescribeDBClusters', { RegionId: HZ, PageSize: 100 });
      assert.ok(items(old, 'DBCluster').every((c) => String(c.DBClusterId).startsWith('am-')));
    });

    it('rejects a bad DBClusterVersion, ProductVersion or PageSize, an unknown region, and a missing RegionId', async () => {
      for (const [query, code, status] of [
        [{ DBClusterVersion: '4.0' }, 'InvalidParameter', 400],
        [{ ProductVersion: 'LakehouseVersion' }, 'InvalidParameter', 400],
        [{ PageSize: 20 }, 'InvalidParameter', 400],
        [{ PageNumber: 0 }, 'InvalidParameter', 400],
        [{ RegionId: 'xx-nowhere-1' }, 'InvalidRegionId.NotFound', 400],
      ] as const) {
        const err = await apiFailure(clusters(query));
        assert.deepStrictEqual([err.code, err.statusCode], [code, status], JSON.stringify(query));
      }
      const missing = await apiFailure(api.call(V2021, 'DescribeDBClusters', {}));
      assert.deepStrictEqual([missing.code, missing.statusCode], ['MissingParameter', 400]);
      assert.match(missing.message, /RegionId/);
    });

    it('pages 1-based up to the integer TotalCount', async () => {
      const data = createSampleDataset({ nowMs: NOW });
      const specs = Array.from({ length: 65 }, (_, n) => ({
        id: `amv-2ze${String(n).padStart(13, '0')}`,
        regionId: 'cn-beijing',
        description: `bj-${n}`,
        productVersion: n % 3 === 0 ? ('BasicVersion' as const) : ('EnterpriseVersion' as const),
        backups: 1,
        stepHours: 24,
        retentionDays: 7,
      }));
      data.adb5.push(...buildAdb5Clusters(specs, NOW));
      const big = await startEmulator({ dataset: data });
      try {
        const client = rawApi(big.endpoint);
        const seen: unknown[] = [];
        const sizes: number[] = [];
        for (let page = 1; page <= 4; page++) {
          const body = await client.call(V2021, 'DescribeDBClusters', { RegionId: 'cn-beijing', PageNumber: page, PageSize: 30 });
          assert.deepStrictEqual([body.TotalCount, body.PageNumber, body.PageSize], [65, page, 30]);
          const list = items(body, 'DBCluster');
          sizes.push(list.length);
          seen.push(...list.map((c) => c.DBClusterId));
        }
        assert.deepStrictEqual(sizes, [30, 30, 5, 0]);
        assert.strictEqual(new Set(seen).size, 65);
        const basic = await client.call(V2021, 'DescribeDBClusters', { RegionId: 'cn-beijing', ProductVersion: 'BasicVersion', PageSize: 50 });
        assert.strictEqual(basic.TotalCount, 22);
      } finally {
        await big.close();
      }
    });
  });

  describe('DescribeBackups', () => {
    it('requires DBClusterId, StartTime and EndTime (400 MissingParameter naming the parameter)', async () => {
      const full = { DBClusterId: LAKEHOUSE, StartTime: minute(NOW - 7 * DAY), EndTime: minute(NOW) };
      for (const name of ['DBClusterId', 'StartTime', 'EndTime'] as const) {
        const err = await apiFailure(backups({ ...full, [name]: undefined }));
        assert.deepStrictEqual([err.code, err.statusCode], ['MissingParameter', 400], name);
        assert.match(err.message, new RegExp(name));
      }
      // The client sends an empty value as `Key=`; that is missing too.
      const empty = await apiFailure(backups({ ...full, EndTime: '' }));
      assert.strictEqual(empty.code, 'MissingParameter');
    });

    it('rejects times with seconds, impossible dates, reversed ranges and bad paging or Remote (400 InvalidParameter)', async () => {
      const base = { DBClusterId: LAKEHOUSE, StartTime: minute(NOW - 7 * DAY), EndTime: minute(NOW) };
      for (const bad of [
        { StartTime: '2026-11-01T00:00:00Z' },
        { EndTime: '2026-11-01' },
        { EndTime: '2026-02-30T00:00Z' },
        { StartTime: minute(NOW), EndTime: minute(NOW) },
        { StartTime: minute(NOW), EndTime: minute(NOW - DAY) },
        { PageSize: 10 },
        { PageNumber: 0 },
        { Remote: 'yes' },
      ]) {
        const err = await apiFailure(backups({ ...base, ...bad }));
        assert.deepStrictEqual([err.code, err.statusCode], ['InvalidParameter', 400], JSON.stringify(bad));
      }
    });

    it('serves string TotalCount/PageNumber/PageSize, integer sizes, no-seconds times and no URL fields', async () => {
      const body = await backups({ DBClusterId: LAKEHOUSE, StartTime: minute(NOW - 7 * DAY), EndTime: minute(NOW) });
      assert.deepStrictEqual([body.TotalCount, body.PageNumber, body.PageSize], ['14', '1', '30']);
      assert.ok(Number.isInteger(body.TotalBackupSize) && Number.isInteger(body.FreeBackupSize));
      assert.ok((body.TotalBackupSize as number) > 2 ** 32, 'TotalBackupSize beyond 32 bits');
      const list = items(body, 'Backup');
      for (const b of list) {
        assert.deepStrictEqual(Object.keys(b).sort(), BACKUP_FIELDS);
        assert.strictEqual(b.DBClusterId, LAKEHOUSE);
        assert.match(String(b.BackupId), /^\d+$/);
        assert.ok(['FullBackup', 'IncrementalBackup'].includes(String(b.BackupType)));
        assert.strictEqual(b.BackupMethod, 'Snapshot');
        assert.ok(Number.isSafeInteger(b.BackupSize));
        assert.match(String(b.BackupStartTime), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
        assert.match(String(b.BackupExpiredTime), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
        assert.strictEqual(b.BackupRegion, HZ);
      }
      assert.ok(list.some((b) => (b.BackupSize as number) > 2 * GIB), 'some sizes above 2 GiB');
      const [newest, ...older] = list;
      // The newest is still running and has no end yet; the others have one, after their start.
      assert.deepStrictEqual([newest.BackupStatus, newest.BackupEndTime], ['Running', '']);
      for (const b of older) {
        assert.strictEqual(b.BackupStatus, 'Finished');
        assert.match(String(b.BackupEndTime), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
        assert.ok(fromMinute(b.BackupEndTime) > fromMinute(b.BackupStartTime));
      }
    });

    it('the last 7 days hold 14 backups, newest first, and older windows hold the rest', async () => {
      const series = emu.data.findAdb5Cluster(LAKEHOUSE)?.backups;
      assert.ok(series);
      const recent = items(await backups({ DBClusterId: LAKEHOUSE, StartTime: minute(NOW - 7 * DAY), EndTime: minute(NOW) }), 'Backup');
      assert.strictEqual(recent.length, 14);
      const starts = recent.map((b) => fromMinute(b.BackupStartTime));
      assert.deepStrictEqual(starts, [...starts].sort((a, b) => b - a));
      assert.ok(starts.every((t) => t >= NOW - 7 * DAY - 60_000 && t < NOW));
      assert.ok(NOW - starts[0] >= 3 * HOUR && NOW - starts[0] <= 6 * HOUR + 120_000, 'the newest started 3 to 6 hours ago');
      const before = await backups({ DBClusterId: LAKEHOUSE, StartTime: minute(NOW - 60 * DAY), EndTime: minute(NOW - 7 * DAY) });
      assert.strictEqual(Number(before.TotalCount), series.count - 14);
      assert.ok(Number(before.TotalCount) > 14);
      const whole = await allBackups(LAKEHOUSE);
      assert.deepStrictEqual([whole.total, whole.list.length], ['80', 80]);
      const span = fromMinute(whole.list[0].BackupStartTime) - fromMinute(whole.list[79].BackupStartTime);
      assert.ok(span > 38 * DAY && span < 41 * DAY, `about 40 days: ${span / DAY}`);
    });

    it('includes a backup starting at StartTime and excludes one starting at EndTime', async () => {
      const list = (await allBackups(LAKEHOUSE)).list;
      const target = list[20];
      const at = String(target.BackupStartTime);
      const from = await backups({ DBClusterId: LAKEHOUSE, StartTime: at, EndTime: minute(fromMinute(at) + 60_000) });
      assert.deepStrictEqual(items(from, 'Backup').map((b) => b.BackupId), [target.BackupId]);
      const upTo = await backups({ DBClusterId: LAKEHOUSE, StartTime: minute(fromMinute(at) - HOUR), EndTime: at });
      assert.deepStrictEqual(items(upTo, 'Backup'), []);
      assert.strictEqual(upTo.TotalCount, '0');
    });

    it('pages 1-based to the string TotalCount with no backup twice', async () => {
      const sizes: number[] = [];
      const ids = new Set<unknown>();
      for (let page = 1; page <= 4; page++) {
        const body = await backups({
          DBClusterId: LAKEHOUSE,
          StartTime: minute(NOW - 60 * DAY),
          EndTime: minute(NOW),
          PageSize: 30,
          PageNumber: page,
        });
        assert.deepStrictEqual([body.TotalCount, body.PageNumber, body.PageSize], ['80', String(page), '30']);
        const list = items(body, 'Backup');
        sizes.push(list.length);
        list.forEach((b) => ids.add(b.BackupId));
      }
      assert.deepStrictEqual(sizes, [30, 30, 20, 0]);
      assert.strictEqual(ids.size, 80);
      const big = await backups({ DBClusterId: LAKEHOUSE, StartTime: minute(NOW - 60 * DAY), EndTime: minute(NOW), PageSize: 100 });
      assert.deepStrictEqual([big.PageSize, items(big, 'Backup').length], ['100', 80]);
    });

    it('incremental backups name the full backup they build on; BackupId picks one', async () => {
      const list = (await allBackups(LAKEHOUSE)).list;
      const byId = new Map(list.map((b) => [b.BackupId, b]));
      const incrementals = list.filter((b) => b.BackupType === 'IncrementalBackup');
      assert.ok(incrementals.length > 0 && incrementals.length < list.length);
      for (const b of incrementals) {
        const parent = byId.get(b.ParentBackupId);
        assert.strictEqual(parent?.BackupType, 'FullBackup');
        assert.ok(fromMinute(parent.BackupStartTime) < fromMinute(b.BackupStartTime));
      }
      assert.ok(list.filter((b) => b.BackupType === 'FullBackup').every((b) => b.ParentBackupId === ''));
      const one = await backups({ DBClusterId: LAKEHOUSE, BackupId: String(list[5].BackupId), StartTime: minute(NOW - 60 * DAY), EndTime: minute(NOW) });
      assert.deepStrictEqual(items(one, 'Backup'), [list[5]]);
    });

    it('the Basic cluster has three backups in the last 7 days and one older', async () => {
      const recent = await backups({ DBClusterId: BASIC, StartTime: minute(NOW - 7 * DAY), EndTime: minute(NOW) });
      assert.strictEqual(recent.TotalCount, '3');
      const older = items(await backups({ DBClusterId: BASIC, StartTime: minute(NOW - 30 * DAY), EndTime: minute(NOW - 7 * DAY) }), 'Backup');
      assert.strictEqual(older.length, 1);
      const age = NOW - fromMinute(older[0].BackupStartTime);
      assert.ok(age > 7.4 * DAY && age <= 8 * DAY + 60_000, `age ${age / DAY} days`);
      const all = await allBackups(BASIC);
      assert.ok(all.list.every((b) => b.BackupStatus === 'Finished'));
      assert.ok(all.list.some((b) => (b.BackupSize as number) > 2 * GIB));
    });

    it('Remote=true lists the cross-region copies; Remote=false is the default', async () => {
      const remote = await allBackups(LAKEHOUSE, { Remote: true });
      assert.deepStrictEqual([remote.total, remote.list.length], ['20', 20]);
      assert.ok(remote.list.every((b) => b.BackupRegion === 'cn-shanghai' && b.BackupType === 'FullBackup'));
      const local = await allBackups(LAKEHOUSE, { Remote: false });
      assert.deepStrictEqual(local, await allBackups(LAKEHOUSE));
      const basicRemote = await allBackups(BASIC, { Remote: true });
      assert.deepStrictEqual([basicRemote.total, basicRemote.list.length], ['0', 0]);
    });

    it('an am- cluster is unknown to 2021-12-01 and an amv- cluster to 2019-03-15 (404 InvalidDBCluster.NotFound)', async () => {
      const window = { StartTime: minute(NOW - 7 * DAY), EndTime: minute(NOW) };
      const old = await apiFailure(backups({ DBClusterId: SAMPLE_IDS.adb.big, ...window }));
      assert.deepStrictEqual([old.code, old.statusCode], ['InvalidDBCluster.NotFound', 404]);
      const unknown = await apiFailure(backups({ DBClusterId: 'amv-doesnotexist', ...window }));
      assert.deepStrictEqual([unknown.code, unknown.statusCode], ['InvalidDBCluster.NotFound', 404]);
      const newer = await apiFailure(api.call(V2019, 'DescribeBackups', { DBClusterId: LAKEHOUSE, RegionId: HZ }));
      assert.deepStrictEqual([newer.code, newer.statusCode], ['InvalidDBCluster.NotFound', 404]);
      // The 2019 API still serves its own clusters.
      const fine = await api.call(V2019, 'DescribeBackups', { DBClusterId: SAMPLE_IDS.adb.small1, RegionId: HZ });
      assert.strictEqual(fine.TotalCount, '12');
    });

    it('verifies legacy v2 signatures too, and logs the version asked for', async () => {
      const v2 = rawApi(emu.endpoint, { signatureAlgorithm: 'v2' });
      const body = await v2.call(V2021, 'DescribeBackups', { DBClusterId: BASIC, StartTime: minute(NOW - 7 * DAY), EndTime: minute(NOW) });
      assert.strictEqual(body.TotalCount, '3');
      const entry = emu.requests().at(-1);
      assert.deepStrictEqual([entry?.product, entry?.version, entry?.action, entry?.status], ['adb', V2021, 'DescribeBackups', 200]);
    });

    it('backups added through the control API appear newest first', async () => {
      const other = await startEmulator({ dataset: createSampleDataset({ nowMs: NOW - DAY }) });
      try {
        const client = rawApi(other.endpoint);
        const window = { DBClusterId: BASIC, StartTime: minute(NOW - 30 * DAY), EndTime: minute(NOW + 30 * DAY) };
        const before = await client.call(V2021, 'DescribeBackups', window);
        const added = await fetch(`${other.url}/__emulator/backups`, {
          method: 'POST',
          body: JSON.stringify({ product: 'adb', resourceId: BASIC, count: 2 }),
        });
        assert.deepStrictEqual(await added.json(), { ok: true, total: 6 });
        const after = await client.call(V2021, 'DescribeBackups', window);
        assert.deepStrictEqual([before.TotalCount, after.TotalCount], ['4', '6']);
        assert.deepStrictEqual(items(after, 'Backup').slice(2), items(before, 'Backup'));
      } finally {
        await other.close();
      }
    });
  });

  describe('faults', () => {
    it('match 2021 actions by product and action, and DescribeBackups by the cluster’s region', async () => {
      const window = { DBClusterId: LAKEHOUSE, StartTime: minute(NOW - 7 * DAY), EndTime: minute(NOW) };
      emu.injectFault({ kind: 'throttle', product: 'adb', action: 'DescribeBackups', regionId: 'cn-beijing' });
      assert.strictEqual((await backups(window)).TotalCount, '14', 'a Beijing fault leaves a Hangzhou cluster alone');
      emu.clearFaults();
      emu.injectFault({ kind: 'throttle', product: 'adb', action: 'DescribeBackups', regionId: HZ, times: 1 });
      const err = await apiFailure(backups(window));
      assert.deepStrictEqual([err.code, err.statusCode], ['Throttling.User', 400]);
      assert.strictEqual((await backups(window)).TotalCount, '14', 'times: 1 is used up');
      emu.injectFault({ kind: 'unavailable', product: 'adb', action: 'DescribeDBClusters', times: 1 });
      const down = await apiFailure(clusters({ DBClusterVersion: 'All' }));
      assert.deepStrictEqual([down.code, down.statusCode], ['ServiceUnavailable', 503]);
      const log = emu.requests().filter((e) => e.version === V2021).map((e) => e.code);
      assert.deepStrictEqual(log, [undefined, 'Throttling.User', undefined, 'ServiceUnavailable']);
    });

    it('truncatedJson and oversizedPage act on the 2021 body', async () => {
      emu.injectFault({ kind: 'oversizedPage', product: 'adb', action: 'DescribeBackups', times: 1 });
      const body = await backups({ DBClusterId: LAKEHOUSE, StartTime: minute(NOW - 7 * DAY), EndTime: minute(NOW) });
      assert.strictEqual(items(body, 'Backup').length, 10_000);
      emu.injectFault({ kind: 'truncatedJson', product: 'adb', times: 1 });
      await assert.rejects(clusters({}));
    });
  });

  it('the default sample dataset counts the 5.0 backups back from the real clock', () => {
    const before = Date.now();
    const data = createSampleDataset();
    const series = data.findAdb5Cluster(LAKEHOUSE)?.backups;
    assert.ok(series);
    const newest = series.startMs(series.count - 1);
    assert.ok(newest >= before - 6 * HOUR - 120_000 && newest <= Date.now() - 3 * HOUR, new Date(newest).toISOString());
    // Everything else keeps the fixed base time.
    assert.deepStrictEqual(
      createSampleDataset().findAdbCluster(SAMPLE_IDS.adb.big)?.backups.startMs(0),
      data.findAdbCluster(SAMPLE_IDS.adb.big)?.backups.startMs(0),
    );
  });
});
