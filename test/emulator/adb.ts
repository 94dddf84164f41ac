import { commaList, Handler, intParam, optional, Params, required, tagFilters, timeRange } from './api';
import { backupPeriodOf, nextWindowStart } from './backupPolicy';
import { isoMinutes } from './builders';
import { ApiError, gatewayErrors } from './errors';
import { AdbCluster } from './model';
import { intIn, unit } from './random';
import { RegionDef } from './regions';

/** AnalyticDB for MySQL 2019-03-15. Validation errors use the generic InvalidParameter (400). */

export const invalid = (name: string, why = 'is not valid') =>
  new ApiError(400, 'InvalidParameter', `The specified parameter ${name} ${why}.`);

export const clusterNotFound = () =>
  new ApiError(404, 'InvalidDBCluster.NotFound', 'The DBClusterId provided does not exist in our records.');

const PAGE_SIZES = [30, 50, 100];

export function paging(p: Params): { pageSize: number; pageNumber: number } {
  const pageSize = intParam(p, 'PageSize', 30, (n) => PAGE_SIZES.includes(n), () => invalid('PageSize'));
  const pageNumber = intParam(p, 'PageNumber', 1, (n) => n >= 1, () => invalid('PageNumber'));
  return { pageSize, pageNumber };
}

/** Hosts from the SDK's endpoint map: the big regions share the central host. */
const CENTRAL = new Set(['cn-hangzhou', 'cn-beijing', 'cn-shanghai', 'cn-shenzhen', 'cn-qingdao', 'cn-hongkong', 'ap-southeast-1']);

function regionEndpoint(regionId: string): string {
  return CENTRAL.has(regionId) || regionId.startsWith('us-') ? 'adb.aliyuncs.com' : `adb.${regionId}.aliyuncs.com`;
}

function localName(r: RegionDef, lang: string): string {
  return lang === 'en-US' ? r.nameEn : lang === 'ja' ? r.nameJa : r.nameZh;
}

function zoneName(r: RegionDef, letter: string, lang: string): string {
  const L = letter.toUpperCase();
  return lang === 'en-US' ? `${r.nameEn} Zone ${L}` : lang === 'ja' ? `${r.nameJa} ゾーン ${L}` : `${r.nameZh} 可用区${L}`;
}

/** The same in 2019-03-15 and 2021-12-01. */
export const describeRegions: Handler = ({ params, data }) => {
  const lang = optional(params, 'AcceptLanguage') ?? 'zh-CN';
  return {
    body: {
      Regions: {
        Region: data.adb.regions.map((r) => ({
          RegionId: r.regionId,
          LocalName: localName(r, lang),
          RegionEndpoint: regionEndpoint(r.regionId),
          Zones: {
            Zone: r.zones.map((z) => ({ ZoneId: `${r.regionId}-${z}`, LocalName: zoneName(r, z, lang), VpcEnabled: true })),
          },
        })),
      },
    },
  };
};

/** One Items.DBCluster entry; note the string-typed Port, Expired, ExecutorCount and InnerPort. */
export function clusterRecord(c: AdbCluster): object {
  return {
    Category: 'MIXED_STORAGE',
    CommodityCode: 'ads',
    ComputeResource: c.computeResource,
    ConnectionString: `${c.id}.ads.aliyuncs.com`,
    CreateTime: c.createTime,
    DBClusterDescription: c.description,
    DBClusterId: c.id,
    DBClusterNetworkType: 'VPC',
    DBClusterStatus: c.status,
    DBClusterType: 'Common',
    DBNodeClass: c.nodeClass,
    DBNodeCount: c.nodeCount,
    DBNodeStorage: c.nodeStorage,
    DBVersion: c.dbVersion,
    DiskType: c.diskType,
    DtsJobId: '',
    ElasticIOResource: 0,
    Engine: 'AnalyticDB',
    ExecutorCount: String(c.executorCount),
    ExpireTime: c.expireTime,
    Expired: String(c.expired),
    InnerIp: '',
    InnerPort: String(c.port),
    LockMode: 'Unlock',
    LockReason: '',
    Mode: 'flexible',
    PayType: c.payType,
    Port: String(c.port),
    RdsInstanceId: '',
    RegionId: c.regionId,
    ResourceGroupId: c.resourceGroupId,
    StorageResource: c.storageResource,
    Tags: { Tag: c.tags.map((t) => ({ Key: t.key, Value: t.value })) },
    VPCCloudInstanceId: `${c.id}-controller`,
    VPCId: c.vpcId,
    VSwitchId: c.vSwitchId,
    ZoneId: c.zoneId,
  };
}

const describeDBClusters: Handler = ({ params, data }) => {
  const regionId = required(params, 'RegionId');
  if (!data.adb.regions.some((r) => r.regionId === regionId)) {
    throw gatewayErrors.invalidRegion();
  }
  const { pageSize, pageNumber } = paging(params);
  const ids = commaList(optional(params, 'DBClusterIds'));
  const description = optional(params, 'DBClusterDescription');
  const status = optional(params, 'DBClusterStatus');
  const group = optional(params, 'ResourceGroupId');
  const version = optional(params, 'DBVersion');
  const tags = tagFilters(params);
  const matches = data.adb.clusters.filter(
    (c) =>
      c.regionId === regionId &&
      (ids.length === 0 || ids.includes(c.id)) &&
      (description === undefined || c.description.includes(description)) &&
      (status === undefined || c.status === status) &&
      (group === undefined || c.resourceGroupId === group) &&
      (version === undefined || c.dbVersion === version) &&
      tags.every((t) => c.tags.some((ct) => ct.key === t.key && (t.value === undefined || ct.value === t.value))),
  );
  const start = (pageNumber - 1) * pageSize;
  return {
    body: {
      Items: { DBCluster: matches.slice(start, start + pageSize).map(clusterRecord) },
      PageNumber: pageNumber,
      PageSize: pageSize,
      TotalCount: matches.length,
    },
  };
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function backupSize(c: AdbCluster, i: number): number {
  const full = isFull(c, i);
  return full ? intIn(c.backups.seed, i, 2, 2_000_000_000, 80_000_000_000) : intIn(c.backups.seed, i, 2, 50_000_000, 2_000_000_000);
}

function isFull(c: AdbCluster, i: number): boolean {
  return i === 0 || unit(c.backups.seed, i, 1) < 0.3;
}

/** Backup i of a cluster; times have no seconds, exactly like the documented examples. */
function backupRecord(c: AdbCluster, i: number): object {
  const s = c.backups;
  const start = s.startMs(i);
  const running = i >= s.count - c.runningNewest;
  const full = isFull(c, i);
  return {
    DBClusterId: c.id,
    BackupType: full ? 'FullBackup' : 'IncrementalBackup',
    BackupStartTime: isoMinutes(start),
    BackupSize: backupSize(c, i),
    BackupEndTime: isoMinutes(start + intIn(s.seed, i, 3, 5, 90) * MINUTE),
    BackupExpiredTime: isoMinutes(start + (full ? 30 : 7) * DAY),
    BackupId: String(s.id(i)),
    BackupMethod: 'Snapshot',
    BackupStatus: running ? 'Running' : 'Finished',
  };
}

const describeBackups: Handler = ({ params, data }) => {
  const clusterId = required(params, 'DBClusterId');
  // 3.0 clusters only: a 5.0 (`amv-`) ID is unknown to this version.
  const cluster = data.findAdbCluster(clusterId);
  const regionId = optional(params, 'RegionId');
  // A regional service does not know clusters of other regions.
  if (!cluster || (regionId !== undefined && regionId !== cluster.regionId)) {
    throw clusterNotFound();
  }
  const { pageSize, pageNumber } = paging(params);
  const range = timeRange(params, {
    start: () => invalid('StartTime'),
    end: () => invalid('EndTime'),
    order: () => invalid('EndTime', 'must be later than StartTime'),
  });
  const ids = commaList(optional(params, 'BackupId'));
  const wanted = new Set(ids.map((id) => cluster.backups.indexOfId(Number(id))));
  const { total, indices } = cluster.backups.query(
    { ...range, match: ids.length > 0 ? (i) => wanted.has(i) : undefined },
    (pageNumber - 1) * pageSize,
    pageSize,
  );
  return {
    body: {
      // Strings, not numbers: a documented quirk of this API.
      TotalCount: String(total),
      PageSize: String(pageSize),
      PageNumber: String(pageNumber),
      FreeBackupSize: 0,
      TotalBackupSize: cluster.backups.totalSize((i) => backupSize(cluster, i)),
      Items: { Backup: indices.map((i) => backupRecord(cluster, i)) },
    },
  };
};

/** DBClusterId → the policy; the retention matches the full backups' BackupExpiredTime (30 days). */
const describeBackupPolicy: Handler = ({ params, data, now }) => {
  const cluster = data.findAdbCluster(required(params, 'DBClusterId'));
  if (!cluster) {
    throw clusterNotFound();
  }
  return { body: adbPolicy(backupPeriodOf(cluster.backups), 30, now) };
};

/** The same fields in 2019-03-15 and 2021-12-01; the retentions are integers, EnableBackupLog a word. */
export function adbPolicy(period: string, retentionDays: number, now: number): object {
  return {
    PreferredBackupPeriod: period,
    PreferredBackupTime: '15:00Z-16:00Z',
    BackupRetentionPeriod: retentionDays,
    LogBackupRetentionPeriod: 7,
    EnableBackupLog: 'Enable',
    PreferredNextBackupTime: nextWindowStart(now, 15),
  };
}

export const adbActions: Readonly<Record<string, Handler>> = {
  DescribeRegions: describeRegions,
  DescribeDBClusters: describeDBClusters,
  DescribeBackups: describeBackups,
  DescribeBackupPolicy: describeBackupPolicy,
};

/** Exported for tests that want expectations without an HTTP round trip. */
export const adbBackupRecord = backupRecord;
