import { adbPolicy, clusterNotFound, clusterRecord, describeRegions, invalid, paging } from './adb';
import { backupPeriodOf } from './backupPolicy';
import { commaList, Handler, optional, Params, parseMinuteTime, required, tagFilters } from './api';
import { isoMinutes, isoSeconds } from './builders';
import { gatewayErrors } from './errors';
import { Adb5Cluster, AdbCluster, Tag } from './model';
import { hashString, intIn, Prng } from './random';
import { regionDef } from './regions';
import { BackupSeries } from './series';

/**
 * AnalyticDB for MySQL 2021-12-01, the API of 5.0 (`amv-…`) clusters. Same product code, hosts and error style as
 * 2019-03-15 (adb.ts): validation failures are 400 InvalidParameter, an unknown cluster 404 InvalidDBCluster.NotFound.
 * It differs in DescribeDBClusters (DBClusterVersion, ProductVersion, 5.0 fields, no 2999 sentinel) and in
 * DescribeBackups (StartTime and EndTime required, no RegionId, Remote, BackupRegion/ParentBackupId).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const CLUSTER_VERSIONS = ['5.0', '3.0', 'All'];
const PRODUCT_VERSIONS = ['EnterpriseVersion', 'BasicVersion'];

/** What the DescribeDBClusters filters look at, for 5.0 and (with DBClusterVersion 3.0/All) 3.0 clusters alike. */
interface Listed {
  readonly id: string;
  readonly regionId: string;
  readonly description: string;
  readonly status: string;
  readonly resourceGroupId: string;
  readonly tags: readonly Tag[];
  readonly productVersion?: string;
  readonly record: () => object;
}

/** One Items.DBCluster entry of a 5.0 cluster; Port, Expired, ExecutorCount and the ACU figures are strings. */
function cluster5Record(c: Adb5Cluster): object {
  return {
    // Documented as returned for Data Warehouse Edition (3.0) clusters only.
    Category: '',
    CommodityCode: c.payType === 'Prepaid' ? 'ads_pre' : 'ads',
    ComputeResource: `${c.computeAcu}ACU`,
    ConnectionString: `${c.id}.ads.aliyuncs.com`,
    CreateTime: c.createTime,
    DBClusterDescription: c.description,
    DBClusterId: c.id,
    DBClusterNetworkType: 'VPC',
    DBClusterStatus: c.status,
    DBClusterType: 'Common',
    DBNodeClass: '',
    DBNodeCount: Math.max(1, c.storageAcu / 24),
    DBNodeStorage: c.nodeStorage,
    DBVersion: '5.0',
    DiskType: 'cloud_essd',
    DtsJobId: '',
    ElasticIOResource: 0,
    Engine: 'AnalyticDB',
    ExecutorCount: '0',
    ExpireTime: c.expireTime,
    Expired: 'false',
    InnerIp: '',
    InnerPort: String(c.port),
    LockMode: 'Unlock',
    LockReason: '',
    Mode: 'flexible',
    PayType: c.payType,
    Port: String(c.port),
    ProductForm: c.productForm,
    ProductVersion: c.productVersion,
    RdsInstanceId: '',
    RegionId: c.regionId,
    ReservedACU: `${c.reservedAcu}ACU`,
    ReservedNodeCount: Math.max(1, c.reservedAcu / 8),
    ReservedNodeSize: '8ACU',
    ResourceGroupId: c.resourceGroupId,
    StorageResource: `${c.storageAcu}ACU`,
    Tags: { Tag: c.tags.map((t) => ({ Key: t.key, Value: t.value })) },
    VPCCloudInstanceId: `${c.id}-controller`,
    VPCId: c.vpcId,
    VSwitchId: c.vSwitchId,
    ZoneId: c.zoneId,
  };
}

/** A 3.0 cluster as this version lists it with DBClusterVersion 3.0/All: no 2999 sentinel, no 5.0 edition fields. */
function cluster3Record(c: AdbCluster): object {
  return {
    ...clusterRecord(c),
    ExpireTime: c.payType === 'Postpaid' ? '' : c.expireTime,
    ProductForm: '',
    ProductVersion: '',
    ReservedACU: '',
  };
}

const describeDBClusters: Handler = ({ params, data }) => {
  const regionId = required(params, 'RegionId');
  if (!data.adb.regions.some((r) => r.regionId === regionId)) {
    throw gatewayErrors.invalidRegion();
  }
  const version = optional(params, 'DBClusterVersion') ?? '5.0';
  if (!CLUSTER_VERSIONS.includes(version)) {
    throw invalid('DBClusterVersion');
  }
  const productVersion = optional(params, 'ProductVersion');
  if (productVersion !== undefined && !PRODUCT_VERSIONS.includes(productVersion)) {
    throw invalid('ProductVersion');
  }
  const { pageSize, pageNumber } = paging(params);
  const ids = commaList(optional(params, 'DBClusterIds'));
  const description = optional(params, 'DBClusterDescription');
  const status = optional(params, 'DBClusterStatus');
  const group = optional(params, 'ResourceGroupId');
  const tags = tagFilters(params);
  // 5.0 first, then 3.0, each in dataset order.
  const v5: Listed[] = data.adb5.map((c) => ({ ...c, record: () => cluster5Record(c) }));
  const v3: Listed[] = data.adb.clusters.map((c) => ({ ...c, record: () => cluster3Record(c) }));
  const listed = version === '5.0' ? v5 : version === '3.0' ? v3 : [...v5, ...v3];
  const matches = listed.filter(
    (c) =>
      c.regionId === regionId &&
      (ids.length === 0 || ids.includes(c.id)) &&
      (description === undefined || c.description.includes(description)) &&
      (status === undefined || c.status === status) &&
      (group === undefined || c.resourceGroupId === group) &&
      (productVersion === undefined || c.productVersion === productVersion) &&
      tags.every((t) => c.tags.some((ct) => ct.key === t.key && (t.value === undefined || ct.value === t.value))),
  );
  const start = (pageNumber - 1) * pageSize;
  return {
    body: {
      Items: { DBCluster: matches.slice(start, start + pageSize).map((c) => c.record()) },
      // Integers here, unlike DescribeBackups.
      PageNumber: pageNumber,
      PageSize: pageSize,
      TotalCount: matches.length,
    },
  };
};

/** Every `fullEvery`-th backup (the oldest included) is full; the others are incremental on the full before them. */
function fullEvery(c: Adb5Cluster): number {
  return c.productVersion === 'BasicVersion' ? 2 : 4;
}

function isFull(c: Adb5Cluster, i: number): boolean {
  return i % fullEvery(c) === 0;
}

function localSize(c: Adb5Cluster, i: number): number {
  const seed = c.backups.seed;
  if (c.productVersion === 'BasicVersion') {
    return isFull(c, i) ? intIn(seed, i, 2, 1_500_000_000, 6_000_000_000) : intIn(seed, i, 2, 20_000_000, 800_000_000);
  }
  return isFull(c, i)
    ? intIn(seed, i, 2, 40_000_000_000, 400_000_000_000)
    : intIn(seed, i, 2, 200_000_000, 12_000_000_000);
}

function remoteSize(series: BackupSeries, i: number): number {
  return intIn(series.seed, i, 2, 40_000_000_000, 400_000_000_000);
}

/** A local backup; times have no seconds, and a running backup has no end time yet. */
function localRecord(c: Adb5Cluster, i: number): object {
  const s = c.backups;
  const start = s.startMs(i);
  const running = i >= s.count - c.runningNewest;
  const full = isFull(c, i);
  return {
    DBClusterId: c.id,
    BackupId: String(s.id(i)),
    BackupType: full ? 'FullBackup' : 'IncrementalBackup',
    BackupMethod: 'Snapshot',
    BackupSize: localSize(c, i),
    BackupStartTime: isoMinutes(start),
    BackupEndTime: running ? '' : isoMinutes(start + intIn(s.seed, i, 3, full ? 20 : 3, full ? 150 : 40) * MINUTE),
    BackupStatus: running ? 'Running' : 'Finished',
    BackupExpiredTime: isoMinutes(start + c.retentionDays * DAY),
    BackupRegion: c.regionId,
    ParentBackupId: full ? '' : String(s.id(i - (i % fullEvery(c)))),
  };
}

/** A cross-region copy: always a finished full backup, kept in the remote region. */
function remoteRecord(c: Adb5Cluster, remote: NonNullable<Adb5Cluster['remote']>, i: number): object {
  const s = remote.backups;
  const start = s.startMs(i);
  return {
    DBClusterId: c.id,
    BackupId: String(s.id(i)),
    BackupType: 'FullBackup',
    BackupMethod: 'Snapshot',
    BackupSize: remoteSize(s, i),
    BackupStartTime: isoMinutes(start),
    BackupEndTime: isoMinutes(start + intIn(s.seed, i, 3, 30, 240) * MINUTE),
    BackupStatus: 'Finished',
    BackupExpiredTime: isoMinutes(start + c.retentionDays * DAY),
    BackupRegion: remote.regionId,
    ParentBackupId: '',
  };
}

/** StartTime and EndTime are required here; the list holds backups that start in [StartTime, EndTime). */
function timeWindow(p: Params): { fromMs: number; toMs: number } {
  const start = required(p, 'StartTime');
  const end = required(p, 'EndTime');
  const fromMs = parseMinuteTime(start);
  const toMs = parseMinuteTime(end);
  if (fromMs === undefined) {
    throw invalid('StartTime');
  }
  if (toMs === undefined) {
    throw invalid('EndTime');
  }
  if (toMs <= fromMs) {
    throw invalid('EndTime', 'must be later than StartTime');
  }
  // The series filter is inclusive at both ends.
  return { fromMs, toMs: toMs - 1 };
}

function remoteFlag(p: Params): boolean {
  const raw = optional(p, 'Remote');
  if (raw !== undefined && raw !== 'true' && raw !== 'false') {
    throw invalid('Remote');
  }
  return raw === 'true';
}

const describeBackups: Handler = ({ params, data }) => {
  const clusterId = required(params, 'DBClusterId');
  const range = timeWindow(params);
  // 3.0 (`am-`) clusters are not known to this version.
  const cluster = data.findAdb5Cluster(clusterId);
  if (!cluster) {
    throw clusterNotFound();
  }
  const { pageSize, pageNumber } = paging(params);
  const remote = remoteFlag(params);
  const ids = commaList(optional(params, 'BackupId'));
  const offset = (pageNumber - 1) * pageSize;
  const pick = (series: BackupSeries) => {
    const wanted = new Set(ids.map((id) => (/^\d+$/.test(id) ? series.indexOfId(Number(id)) : -1)));
    return series.query({ ...range, match: ids.length > 0 ? (i) => wanted.has(i) : undefined }, offset, pageSize);
  };
  let total = 0;
  let items: object[] = [];
  let totalSize = 0;
  if (!remote) {
    const page = pick(cluster.backups);
    total = page.total;
    items = page.indices.map((i) => localRecord(cluster, i));
    totalSize = cluster.backups.totalSize((i) => localSize(cluster, i));
  } else if (cluster.remote) {
    const r = cluster.remote;
    const page = pick(r.backups);
    total = page.total;
    items = page.indices.map((i) => remoteRecord(cluster, r, i));
    totalSize = r.backups.totalSize((i) => remoteSize(r.backups, i));
  }
  return {
    body: {
      // Strings, as in 2019-03-15; the sizes are integers.
      TotalCount: String(total),
      PageSize: String(pageSize),
      PageNumber: String(pageNumber),
      FreeBackupSize: Math.min(totalSize, cluster.nodeStorage * 1024 * 1024 * 1024),
      TotalBackupSize: totalSize,
      Items: { Backup: items },
    },
  };
};

/** DBClusterId of a 5.0 cluster → its policy, the retention being the cluster's own. */
const describeBackupPolicy: Handler = ({ params, data, now }) => {
  const cluster = data.findAdb5Cluster(required(params, 'DBClusterId'));
  if (!cluster) {
    throw clusterNotFound();
  }
  return { body: adbPolicy(backupPeriodOf(cluster.backups), cluster.retentionDays, now) };
};

export const adb2021Actions: Readonly<Record<string, Handler>> = {
  DescribeRegions: describeRegions,
  DescribeDBClusters: describeDBClusters,
  DescribeBackups: describeBackups,
  DescribeBackupPolicy: describeBackupPolicy,
};

/** Exported for tests that want expectations without an HTTP round trip. */
export const adb5BackupRecord = localRecord;

export interface Adb5Options {
  readonly id: string;
  readonly regionId: string;
  readonly description: string;
  readonly productVersion: 'EnterpriseVersion' | 'BasicVersion';
  readonly payType?: 'Postpaid' | 'Prepaid';
  /** Local backups, one every `stepHours`, the newest shortly before now + `leadHours` minus a step. */
  readonly backups: number;
  readonly stepHours: number;
  /** Shifts the series later; with 6 and a 12 h step the newest backup starts 3 to 6 hours before now. */
  readonly leadHours?: number;
  readonly runningNewest?: number;
  readonly retentionDays: number;
  readonly remote?: { readonly regionId: string; readonly backups: number; readonly stepHours: number };
  readonly tags?: Tag[];
}

/**
 * Builds 5.0 clusters whose backups count back from `nowMs` (the sample dataset passes the real clock, so a
 * "last 7 days" window computed by the extension finds them). Attributes come from a generator seeded by the
 * cluster ID, never from the dataset Builder, so the other resources keep their values. Series IDs start at
 * 5 000 000 000, a million per series in the order given.
 */
export function buildAdb5Clusters(specs: readonly Adb5Options[], nowMs: number): Adb5Cluster[] {
  let ordinal = 0;
  const series = (seedText: string, count: number, stepHours: number, endMs: number) =>
    new BackupSeries({
      seed: hashString(seedText),
      initialCount: count,
      stepMs: stepHours * HOUR,
      granularityMs: MINUTE,
      endMs,
      idBase: 5_000_000_000 + ordinal++ * 1_000_000,
    });
  return specs.map((o) => {
    const prng = new Prng(hashString(o.id));
    const enterprise = o.productVersion === 'EnterpriseVersion';
    const payType = o.payType ?? 'Postpaid';
    const midnight = nowMs - (nowMs % DAY);
    return {
      id: o.id,
      regionId: o.regionId,
      zoneId: `${o.regionId}-${prng.pick(regionDef(o.regionId).zones)}`,
      resourceGroupId: `rg-acfm${prng.id(11)}`,
      vpcId: `vpc-${prng.id(21)}`,
      vSwitchId: `vsw-${prng.id(21)}`,
      tags: o.tags ?? [{ key: 'env', value: 'prod' }],
      description: o.description,
      status: 'Running',
      productVersion: o.productVersion,
      productForm: 'IntegrationForm',
      payType,
      // Subscriptions end at 16:00Z (midnight in China), 90 days out; pay-as-you-go has no expiry.
      expireTime: payType === 'Prepaid' ? isoSeconds(midnight + 90 * DAY - 8 * HOUR) : '',
      createTime: isoSeconds(midnight - prng.int(200, 700) * DAY + prng.int(0, 86_399) * 1000),
      computeAcu: enterprise ? 48 : 16,
      storageAcu: enterprise ? 48 : 24,
      reservedAcu: enterprise ? 24 : 8,
      nodeStorage: enterprise ? 1000 : 100,
      port: 3306,
      retentionDays: o.retentionDays,
      runningNewest: o.runningNewest ?? 0,
      backups: series(o.id, o.backups, o.stepHours, nowMs + (o.leadHours ?? 0) * HOUR),
      remote: o.remote && {
        regionId: o.remote.regionId,
        backups: series(`${o.id}@${o.remote.regionId}`, o.remote.backups, o.remote.stepHours, nowMs),
      },
    };
  });
}
