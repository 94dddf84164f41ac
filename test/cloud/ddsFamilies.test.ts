// The emulator's MongoDB families beyond replica sets and per-shard backups, called through the real signing client
// (@alicloud/openapi-client, V3 signatures): DescribeClusterBackups for a cluster in cluster-backup mode,
// serverless listing (China regions only) and a single-node instance listed under `replicate`.
// These are raw calls: they pin the wire contract (types, envelopes, errors) the extension's parsers are written to.
import * as assert from 'assert';
import OpenApiClient, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import { RuntimeOptions } from '@alicloud/tea-util';
import { SAMPLE_IDS, startEmulator, TEST_CREDENTIALS, type RunningEmulator } from '../emulator';
import { ddsClusterBackupTraits } from '../emulator/dds';
import { DDS_FAMILY_COUNTS } from '../emulator/ddsFamilies';

type Json = Record<string, unknown>;

const IDS = SAMPLE_IDS.dds;
const CLUSTER = IDS.clusterBackup;
const HZ = 'cn-hangzhou';
const SECONDS_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

interface CallFailure {
  code: string;
  statusCode: number;
  message: string;
}

function isJson(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function obj(v: unknown, what: string): Json {
  assert.ok(isJson(v), `${what} is an object: ${JSON.stringify(v)}`);
  return v;
}

function arr(v: unknown, what: string): Json[] {
  assert.ok(Array.isArray(v), `${what} is a bare array: ${JSON.stringify(v)}`);
  return v.map((x, i) => obj(x, `${what}[${i}]`));
}

/** `yyyy-MM-ddTHH:mmZ` of an ISO time with seconds: the minute it falls in. */
function minuteOf(iso: string): string {
  return `${iso.slice(0, 16)}Z`;
}

describe('MongoDB families in the emulator, through the signing client: cluster backups, serverless, standalone', () => {
  let emu: RunningEmulator;
  let client: OpenApiClient;

  before(async () => {
    emu = await startEmulator();
    client = new OpenApiClient(new Config({ ...TEST_CREDENTIALS.normal, endpoint: emu.endpoint, protocol: 'http' }));
  });
  after(async () => {
    await emu.close();
  });
  beforeEach(() => {
    emu.clearFaults();
    emu.clearRequests();
  });

  /** One dds action the way the SDK sends it: POST, every parameter in the query, V3-signed. */
  async function call(action: string, query: Record<string, string | number>): Promise<Json> {
    const params = new Params({
      action,
      version: '2015-12-01',
      protocol: 'HTTP',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });
    const response: unknown = await client.callApi(params, new OpenApiRequest({ query: OpenApiUtil.query(query) }), new RuntimeOptions({}));
    return obj(obj(response, 'response').body, 'body');
  }

  async function failure(action: string, query: Record<string, string | number>): Promise<CallFailure> {
    try {
      await call(action, query);
    } catch (err) {
      const e = err as { code?: unknown; statusCode?: unknown; message?: unknown };
      return { code: String(e.code), statusCode: Number(e.statusCode), message: String(e.message) };
    }
    throw new Error(`${action} ${JSON.stringify(query)} succeeded; a failure was expected`);
  }

  const clusterBackups = (query: Record<string, string | number> = {}) =>
    call('DescribeClusterBackups', { DBInstanceId: CLUSTER, ...query });

  /** Every cluster backup, newest first, read with PageNo at PageSize 100. */
  async function allClusterBackups(): Promise<Json[]> {
    return arr((await clusterBackups({ PageNo: 1, PageSize: 100 })).ClusterBackups, 'ClusterBackups');
  }

  describe('DescribeClusterBackups', () => {
    it('DescribeDBInstanceAttribute says UseClusterBackup: true and gives the shard list; sharding lists the cluster', async () => {
      const attr = arr(obj((await call('DescribeDBInstanceAttribute', { DBInstanceId: CLUSTER })).DBInstances, 'DBInstances').DBInstance, 'DBInstance')[0];
      assert.strictEqual(attr.UseClusterBackup, true);
      const shards = arr(obj(attr.ShardList, 'ShardList').ShardAttribute, 'ShardAttribute');
      assert.deepStrictEqual(shards.map((s) => s.NodeId), [...IDS.clusterBackupShardNodes]);
      const plain = arr(obj((await call('DescribeDBInstanceAttribute', { DBInstanceId: IDS.sharded })).DBInstances, 'DBInstances').DBInstance, 'DBInstance')[0];
      assert.strictEqual(plain.UseClusterBackup, false);
      const sharding = await call('DescribeDBInstances', { RegionId: HZ, DBInstanceType: 'sharding', PageSize: 100 });
      const ids = arr(obj(sharding.DBInstances, 'DBInstances').DBInstance, 'DBInstance').map((d) => d.DBInstanceId);
      assert.ok(ids.includes(CLUSTER) && ids.includes(IDS.sharded));
    });

    it('pages with PageNo: page 1 of 30 is full, page 2 short, page 3 empty; MaxResults counts the page; no TotalCount', async () => {
      const total = DDS_FAMILY_COUNTS.clusterBackups;
      const pages = [];
      for (const pageNo of [1, 2, 3]) {
        const body = await clusterBackups({ PageNo: pageNo, PageSize: 30 });
        assert.ok(!('TotalCount' in body), 'no TotalCount');
        assert.strictEqual(body.PageNumber, pageNo);
        assert.strictEqual(body.PageSize, 30);
        const items = arr(body.ClusterBackups, 'ClusterBackups');
        assert.strictEqual(body.MaxResults, items.length, 'MaxResults is the number of items on the page');
        pages.push(items);
      }
      assert.deepStrictEqual(pages.map((p) => p.length), [30, total - 30, 0]);
      const ids = pages.flat().map((c) => String(c.ClusterBackupId));
      assert.strictEqual(new Set(ids).size, total, 'every cluster backup once');
      const sent = emu.requests().map((r) => r.params);
      assert.deepStrictEqual(sent.map((p) => p.PageNo), ['1', '2', '3']);
      assert.ok(sent.every((p) => !('RegionId' in p) && !('PageNumber' in p)));
    });

    it('PageNumber is not its page parameter: it is ignored; PageSize defaults to 20 and also takes 5/10/20', async () => {
      const first = arr((await clusterBackups({ PageSize: 30 })).ClusterBackups, 'page 1');
      const ignored = await clusterBackups({ PageNumber: 2, PageSize: 30 });
      assert.strictEqual(ignored.PageNumber, 1);
      assert.deepStrictEqual(arr(ignored.ClusterBackups, 'ignored').map((c) => c.ClusterBackupId), first.map((c) => c.ClusterBackupId));
      const byDefault = await clusterBackups();
      assert.strictEqual(byDefault.PageSize, 20);
      assert.strictEqual(byDefault.MaxResults, 20);
      for (const size of [5, 10, 20, 50, 100]) {
        const body = await clusterBackups({ PageSize: size });
        assert.strictEqual(body.MaxResults, Math.min(size, DDS_FAMILY_COUNTS.clusterBackups));
      }
      const bad = await failure('DescribeClusterBackups', { DBInstanceId: CLUSTER, PageSize: 42 });
      assert.deepStrictEqual([bad.statusCode, bad.code], [400, 'InvalidPageSize.Malformed']);
      const zero = await failure('DescribeClusterBackups', { DBInstanceId: CLUSTER, PageNo: 0 });
      assert.deepStrictEqual([zero.statusCode, zero.code], [400, 'InvalidPageNo.Malformed']);
    });

    it('wire types: cluster sizes are strings, cluster IsAvail an integer, node IsAvail "0"/"1" strings, ExtraInfo objects', async () => {
      const items = await allClusterBackups();
      const shardIds: readonly string[] = IDS.clusterBackupShardNodes;
      let urls = 0;
      let emptyUrls = 0;
      for (const c of items) {
        assert.match(String(c.ClusterBackupId), /^cb-[a-z0-9]{15}$/);
        assert.strictEqual(typeof c.ClusterBackupSize, 'string');
        assert.match(String(c.ClusterBackupSize), /^\d+$/);
        assert.ok(c.IsAvail === 0 || c.IsAvail === 1, `IsAvail is an integer: ${JSON.stringify(c.IsAvail)}`);
        assert.ok(['OK', 'Running', 'Failed'].includes(String(c.ClusterBackupStatus)));
        assert.ok(['Automated', 'Manual'].includes(String(c.ClusterBackupMode)));
        assert.match(String(c.ClusterBackupStartTime), SECONDS_TIME);
        assert.match(String(c.BackupExpireTime), SECONDS_TIME);
        assert.ok(['Init', 'No_Need', 'Running', 'Ready', 'Failed'].includes(String(c.AttachLogStatus)));
        assert.strictEqual(typeof c.EngineVersion, 'string');
        assert.ok(['0', '1'].includes(String(obj(c.ExtraInfo, 'ExtraInfo').RegistryFromHistory)));
        const nodes = arr(c.Backups, 'Backups');
        assert.ok(nodes.length >= 1);
        for (const n of nodes) {
          assert.ok(n.IsAvail === '0' || n.IsAvail === '1', `node IsAvail is a string: ${JSON.stringify(n.IsAvail)}`);
          assert.strictEqual(typeof n.BackupSize, 'string');
          assert.match(String(n.BackupSize), /^\d+$/);
          assert.match(String(n.BackupId), /^\d+$/);
          assert.strictEqual(n.BackupName, `${String(n.BackupId)}.tar.gz`);
          assert.ok(['Success', 'Failed'].includes(String(n.BackupStatus)));
          assert.ok(shardIds.includes(String(n.InstanceName)));
          assert.match(String(n.BackupStartTime), SECONDS_TIME);
          assert.match(String(n.BackupEndTime), SECONDS_TIME);
          const extra = obj(n.ExtraInfo, 'node ExtraInfo');
          assert.strictEqual(extra.NodeType, 'db');
          assert.strictEqual(extra.NodeId, n.InstanceName);
          assert.strictEqual(typeof extra.InstanceClass, 'string');
          assert.match(String(extra.StorageSize), /^\d+$/);
          for (const url of [n.BackupDownloadURL, n.BackupIntranetDownloadURL]) {
            assert.strictEqual(typeof url, 'string');
            if (url === '') {
              emptyUrls++;
            } else {
              urls++;
              const u = new URL(String(url));
              assert.ok(Number(u.searchParams.get('Expires')) > Date.now() / 1000, 'a future Expires');
              assert.ok(u.searchParams.get('Signature') && u.searchParams.get('OSSAccessKeyId'));
            }
          }
        }
        const sum = nodes.reduce((s, n) => s + Number(n.BackupSize), 0);
        assert.strictEqual(Number(c.ClusterBackupSize), sum, 'the cluster size is the sum of its nodes');
      }
      assert.ok(urls > 0 && emptyUrls > 0, `signed URLs (${urls}) and empty ones (${emptyUrls})`);
      const starts = items.map((c) => Date.parse(String(c.ClusterBackupStartTime)));
      assert.ok(starts.every((t, i) => i === 0 || t < starts[i - 1]), 'newest first');
      assert.ok(items.some((c) => c.BackupExpireTime === '9999-01-01T00:00:00Z' && c.ClusterBackupMode === 'Manual'), 'kept forever');
    });

    it('the newest is Running with a Progress; one Failed has IsAvail 0 and a failed node; the rest are OK without Progress', async () => {
      const items = await allClusterBackups();
      const [running, ...rest] = items;
      assert.strictEqual(running.ClusterBackupStatus, 'Running');
      assert.strictEqual(running.IsAvail, 0);
      assert.strictEqual(typeof running.Progress, 'string');
      assert.match(String(running.Progress), /^\d{1,2}$/);
      assert.strictEqual(running.ClusterBackupEndTime, '');
      assert.ok(rest.every((c) => !('Progress' in c)), 'Progress only while running');
      const failed = rest.filter((c) => c.ClusterBackupStatus === 'Failed');
      const count = DDS_FAMILY_COUNTS.clusterBackups;
      const expectedFailed = Array.from({ length: count - 1 }, (_, k) => k).filter(ddsClusterBackupTraits.failed);
      assert.strictEqual(failed.length, expectedFailed.length);
      assert.ok(failed.length >= 1);
      for (const f of failed) {
        assert.strictEqual(f.IsAvail, 0);
        const bad = arr(f.Backups, 'Backups').filter((n) => n.BackupStatus === 'Failed');
        assert.ok(bad.length === 1 && bad[0].IsAvail === '0' && bad[0].BackupDownloadURL === '' && bad[0].BackupSize === '0');
      }
      const ok = rest.filter((c) => c.ClusterBackupStatus === 'OK');
      assert.strictEqual(ok.length, count - 1 - failed.length);
      assert.ok(ok.every((c) => c.IsAvail === 1 && arr(c.Backups, 'Backups').every((n) => n.IsAvail === '1')));
    });

    it('IsOnlyGetClusterBackUp=true leaves out the per-node Backups; false keeps them', async () => {
      const only = arr((await clusterBackups({ PageSize: 30, IsOnlyGetClusterBackUp: 'true' })).ClusterBackups, 'only');
      assert.strictEqual(only.length, 30);
      assert.ok(only.every((c) => !('Backups' in c)));
      const full = arr((await clusterBackups({ PageSize: 30, IsOnlyGetClusterBackUp: 'false' })).ClusterBackups, 'full');
      assert.ok(full.every((c) => Array.isArray(c.Backups)));
      assert.deepStrictEqual(
        only.map((c) => [c.ClusterBackupId, c.ClusterBackupSize, c.IsAvail]),
        full.map((c) => [c.ClusterBackupId, c.ClusterBackupSize, c.IsAvail]),
      );
    });

    it('BackupId picks one cluster backup (the time range is then ignored); an unknown one gives an empty list', async () => {
      const items = await allClusterBackups();
      const target = items[7];
      const picked = await clusterBackups({ BackupId: String(target.ClusterBackupId), StartTime: 'not-a-time' });
      assert.deepStrictEqual(arr(picked.ClusterBackups, 'picked').map((c) => c.ClusterBackupId), [target.ClusterBackupId]);
      assert.strictEqual(picked.MaxResults, 1);
      const unknown = await clusterBackups({ BackupId: 'cb-000000000000000' });
      assert.deepStrictEqual(unknown.ClusterBackups, []);
      assert.strictEqual(unknown.MaxResults, 0);
    });

    it('StartTime/EndTime (yyyy-MM-ddTHH:mmZ) filter on the start time, the end minute included', async () => {
      const items = await allClusterBackups();
      const newest = items[10];
      const oldest = items[20];
      const body = await clusterBackups({
        PageSize: 100,
        StartTime: minuteOf(String(oldest.ClusterBackupStartTime)),
        EndTime: minuteOf(String(newest.ClusterBackupStartTime)),
      });
      assert.deepStrictEqual(
        arr(body.ClusterBackups, 'filtered').map((c) => c.ClusterBackupId),
        items.slice(10, 21).map((c) => c.ClusterBackupId),
      );
    });

    it('malformed or reversed times are the documented 400s', async () => {
      const cases: Array<[Record<string, string>, string]> = [
        [{ StartTime: '2026-10-01T00:00:00Z' }, 'InvalidStartTime.Malformed'],
        [{ StartTime: '2026-02-30T00:00Z' }, 'InvalidStartTime.Malformed'],
        [{ EndTime: '2026-10-01' }, 'InvalidEndTime.Malformed'],
        [{ StartTime: '2026-10-02T00:00Z', EndTime: '2026-10-01T00:00Z' }, 'InvalidStartTimeAndEndTime.Malformed'],
      ];
      for (const [times, code] of cases) {
        const err = await failure('DescribeClusterBackups', { DBInstanceId: CLUSTER, ...times });
        assert.deepStrictEqual([err.statusCode, err.code], [400, code], JSON.stringify(times));
      }
    });

    it('an instance not in cluster-backup mode answers an empty list; an unknown one 404; no DBInstanceId MissingParameter', async () => {
      for (const id of [IDS.sharded, IDS.replica1]) {
        const body = await call('DescribeClusterBackups', { DBInstanceId: id });
        assert.deepStrictEqual([body.ClusterBackups, body.MaxResults, body.PageNumber], [[], 0, 1]);
      }
      const unknown = await failure('DescribeClusterBackups', { DBInstanceId: 'dds-bp1doesnotexist' });
      assert.deepStrictEqual([unknown.statusCode, unknown.code], [404, 'InvalidDBInstanceId.NotFound']);
      const missing = await failure('DescribeClusterBackups', {});
      assert.deepStrictEqual([missing.statusCode, missing.code], [400, 'MissingParameter']);
    });

    it('the cluster’s shard nodes list no backups of their own through DescribeBackups (an empty list, not an error)', async () => {
      for (const nodeId of IDS.clusterBackupShardNodes) {
        const body = await call('DescribeBackups', { DBInstanceId: CLUSTER, NodeId: nodeId });
        assert.strictEqual(body.TotalCount, 0);
        assert.deepStrictEqual(obj(body.Backups, 'Backups').Backup, []);
      }
    });

    it('faults match the action and the cluster’s region (taken from DBInstanceId, as it has no RegionId)', async () => {
      emu.injectFault({ kind: 'throttle', product: 'dds', action: 'DescribeClusterBackups', regionId: 'cn-shenzhen' });
      await clusterBackups();
      emu.clearFaults();
      emu.injectFault({ kind: 'throttle', product: 'dds', action: 'DescribeClusterBackups', regionId: HZ, times: 1 });
      const err = await failure('DescribeClusterBackups', { DBInstanceId: CLUSTER });
      assert.deepStrictEqual([err.statusCode, err.code], [400, 'Throttling.User']);
      assert.strictEqual((await clusterBackups()).MaxResults, 20, 'the fault is used up');
      emu.injectFault({ kind: 'truncatedJson', action: 'DescribeClusterBackups', times: 1 });
      await assert.rejects(clusterBackups());
      assert.deepStrictEqual(emu.requests().map((r) => r.code), [undefined, 'Throttling.User', undefined, 'truncatedJson']);
    });

    it('backups added and removed between pages (Dataset.addBackups with the cluster ID) move the list as for any series', async () => {
      const before = await allClusterBackups();
      try {
        assert.strictEqual(emu.data.addBackups('dds', CLUSTER, 2), DDS_FAMILY_COUNTS.clusterBackups + 2);
        const after = await allClusterBackups();
        assert.strictEqual(after.length, before.length + 2);
        assert.deepStrictEqual(after.slice(2).map((c) => c.ClusterBackupId), before.map((c) => c.ClusterBackupId));
        assert.deepStrictEqual(after.slice(0, 3).map((c) => c.ClusterBackupStatus), ['Running', 'OK', 'OK'], 'only the newest runs');
      } finally {
        emu.data.removeBackups('dds', CLUSTER, 2);
      }
      assert.strictEqual((await allClusterBackups()).length, DDS_FAMILY_COUNTS.clusterBackups);
    });
  });

  describe('serverless instances', () => {
    it('DBInstanceType=serverless lists them in cn-hangzhou, and only there; replicate and sharding do not', async () => {
      const body = await call('DescribeDBInstances', { RegionId: HZ, DBInstanceType: 'serverless', PageSize: 30 });
      const items = arr(obj(body.DBInstances, 'DBInstances').DBInstance, 'DBInstance');
      assert.deepStrictEqual(items.map((d) => d.DBInstanceId).sort(), [IDS.serverless, IDS.serverless2].sort());
      assert.strictEqual(body.TotalCount, 2);
      assert.ok(items.every((d) => d.DBInstanceType === 'serverless' && typeof d.CapacityUnit === 'string' && d.CapacityUnit !== ''));
      for (const type of ['replicate', 'sharding']) {
        const other = await call('DescribeDBInstances', { RegionId: HZ, DBInstanceType: type, PageSize: 100 });
        const ids = arr(obj(other.DBInstances, 'DBInstances').DBInstance, 'DBInstance').map((d) => d.DBInstanceId);
        assert.ok(!ids.includes(IDS.serverless) && !ids.includes(IDS.serverless2), type);
      }
      const shenzhen = await call('DescribeDBInstances', { RegionId: 'cn-shenzhen', DBInstanceType: 'serverless' });
      assert.strictEqual(shenzhen.TotalCount, 0, 'another China region: an empty list');
    });

    it('outside China DBInstanceType=serverless is a 400 InvalidParameter (undocumented; the emulator’s guess)', async () => {
      const err = await failure('DescribeDBInstances', { RegionId: 'ap-southeast-1', DBInstanceType: 'serverless' });
      assert.deepStrictEqual([err.statusCode, err.code], [400, 'InvalidParameter']);
      assert.match(err.message, /serverless/);
      const listed = await call('DescribeDBInstances', { RegionId: 'ap-southeast-1', DBInstanceType: 'replicate' });
      assert.ok(Number(listed.TotalCount) > 0, 'the other types still list there');
    });

    it('their backups are listed by DescribeBackups like a replica set’s, and their attribute has replica set members', async () => {
      const body = await call('DescribeBackups', { DBInstanceId: IDS.serverless, PageSize: 30 });
      assert.strictEqual(body.TotalCount, DDS_FAMILY_COUNTS.serverlessBackups);
      const backups = arr(obj(body.Backups, 'Backups').Backup, 'Backup');
      assert.strictEqual(backups.length, DDS_FAMILY_COUNTS.serverlessBackups);
      assert.ok(backups.every((b) => typeof b.BackupSize === 'number' && typeof b.IsAvail === 'boolean'));
      const attr = arr(obj((await call('DescribeDBInstanceAttribute', { DBInstanceId: IDS.serverless })).DBInstances, 'DBInstances').DBInstance, 'DBInstance')[0];
      assert.strictEqual(attr.DBInstanceType, 'serverless');
      assert.strictEqual(attr.UseClusterBackup, false);
      assert.ok(arr(obj(attr.ReplicaSets, 'ReplicaSets').ReplicaSet, 'ReplicaSet').length > 0);
    });
  });

  describe('the single-node (standalone) instance', () => {
    it('is listed under replicate with ReplicationFactor "1"; replica sets say "3"', async () => {
      const body = await call('DescribeDBInstances', { RegionId: HZ, PageSize: 100 });
      assert.strictEqual(emu.requests().at(-1)?.params.DBInstanceType, undefined, 'replicate is the default type');
      const items = arr(obj(body.DBInstances, 'DBInstances').DBInstance, 'DBInstance');
      const single = items.find((d) => d.DBInstanceId === IDS.standalone);
      assert.ok(single, 'listed by the default (replicate) listing');
      assert.strictEqual(single.DBInstanceType, 'replicate');
      assert.strictEqual(single.DBInstanceDescription, 'dev-single-node');
      assert.strictEqual(single.ReplicationFactor, '1');
      assert.strictEqual(items.find((d) => d.DBInstanceId === IDS.replica1)?.ReplicationFactor, '3');
      assert.ok(items.every((d) => typeof d.ReplicationFactor === 'string'));
    });

    it('DBNodeType=customized lists only single-node instances, standard leaves them out', async () => {
      const ids = async (nodeType: string) =>
        arr(obj((await call('DescribeDBInstances', { RegionId: HZ, DBNodeType: nodeType, PageSize: 100 })).DBInstances, 'DBInstances').DBInstance, 'DBInstance').map(
          (d) => d.DBInstanceId,
        );
      assert.deepStrictEqual(await ids('customized'), [IDS.standalone]);
      const standard = await ids('standard');
      assert.ok(standard.includes(IDS.replica1) && !standard.includes(IDS.standalone));
      assert.strictEqual((await ids('default')).length, standard.length + 1);
    });

    it('its attribute has a primary only, and DescribeBackups lists its backups', async () => {
      const attr = arr(obj((await call('DescribeDBInstanceAttribute', { DBInstanceId: IDS.standalone })).DBInstances, 'DBInstances').DBInstance, 'DBInstance')[0];
      assert.deepStrictEqual(arr(obj(attr.ReplicaSets, 'ReplicaSets').ReplicaSet, 'ReplicaSet').map((r) => r.ReplicaSetRole), ['Primary']);
      const body = await call('DescribeBackups', { DBInstanceId: IDS.standalone, PageSize: 30 });
      assert.strictEqual(body.TotalCount, DDS_FAMILY_COUNTS.standaloneBackups);
      assert.strictEqual(arr(obj(body.Backups, 'Backups').Backup, 'Backup').length, DDS_FAMILY_COUNTS.standaloneBackups);
    });
  });
});
