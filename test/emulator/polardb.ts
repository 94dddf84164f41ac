import { commaList, Handler, intParam, optional, Params, parseMinuteTime, required, tagFilters } from './api';
import { isoMinutes, isoSeconds } from './builders';
import { ApiError } from './errors';
import { Tag } from './model';
import { intIn } from './random';
import { regionDef } from './regions';
import { BackupSeries } from './series';

/**
 * PolarDB 2017-08-01 (alibaba-api-contract-2.md §4): DescribeRegions without names, DescribeDBClusters with integer
 * counters, DescribeBackups with StartTime/EndTime required and every counter and field a string, and
 * DescribeBackupPolicy with string values. Validation errors use the documented `Invalid….Malformed` codes.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface PolardbCluster {
  readonly id: string;
  readonly regionId: string;
  zoneId: string;
  description: string;
  status: string;
  dbType: 'MySQL' | 'PostgreSQL' | 'Oracle';
  dbVersion: string;
  category: string;
  payType: 'Postpaid' | 'Prepaid';
  createTime: string;
  /** Empty for pay-as-you-go. */
  expireTime: string;
  resourceGroupId: string;
  tags: Tag[];
  readonly nodeIds: readonly string[];
  /** Backups that start before this instant are Level-2 (archived past the Level-1 retention). */
  level2BeforeMs: number;
  /** The policy as DescribeBackupPolicy answers it, every value a string. */
  policy: PolardbPolicy;
  readonly backups: BackupSeries;
}

export interface PolardbPolicy {
  readonly level1RetentionDays: string;
  readonly level2RetentionDays: string;
  readonly frequency: string;
  readonly period: string;
  readonly time: string;
  readonly copyRegion: string;
  readonly copyRetentionDays: string;
  readonly onDeletion: string;
}

/** Regions the emulator serves PolarDB in; DescribeRegions lists them and DescribeDBClusters accepts them. */
export const POLARDB_REGIONS = ['cn-hangzhou', 'cn-beijing', 'cn-shanghai'];

const malformed = (name: string) => new ApiError(400, `Invalid${name}.Malformed`, `The specified parameter ${name} is not valid.`);
const clusterNotFound = () => new ApiError(404, 'InvalidDBCluster.NotFound', 'The specified DB cluster is not found.');

function paging(p: Params): { pageSize: number; pageNumber: number } {
  return {
    pageSize: intParam(p, 'PageSize', 30, (n) => n === 30 || n === 50 || n === 100, () => malformed('PageSize')),
    pageNumber: intParam(p, 'PageNumber', 1, (n) => n >= 1, () => malformed('PageNumber')),
  };
}

const describeRegions: Handler = () => ({
  body: {
    // No LocalName and no endpoint: PolarDB's region list is IDs and zones only.
    Regions: {
      Region: POLARDB_REGIONS.map((id) => ({
        RegionId: id,
        Zones: { Zone: regionDef(id).zones.map((z) => ({ ZoneId: `${id}-${z}`, VpcEnabled: true })) },
      })),
    },
  },
});

function clusterRecord(c: PolardbCluster): object {
  return {
    DBClusterId: c.id,
    DBClusterDescription: c.description,
    DBClusterStatus: c.status,
    DBType: c.dbType,
    DBVersion: c.dbVersion,
    Engine: 'POLARDB',
    Category: c.category,
    ServerlessType: '',
    CreateTime: c.createTime,
    ExpireTime: c.expireTime,
    // A string here, though the request filter of the same name is a boolean.
    Expired: 'false',
    LockMode: 'Unlock',
    DeletionLock: 0,
    PayType: c.payType,
    RegionId: c.regionId,
    ZoneId: c.zoneId,
    ResourceGroupId: c.resourceGroupId,
    StorageUsed: 3_221_225_472,
    StorageSpace: 53_687_091_200,
    CpuCores: '4',
    MemorySize: '16384',
    DBNodeNumber: c.nodeIds.length,
    DBNodes: {
      DBNode: c.nodeIds.map((id, n) => ({ DBNodeId: id, DBNodeRole: n === 0 ? 'Writer' : 'Reader', DBNodeClass: 'polar.mysql.x4.large', ZoneId: c.zoneId })),
    },
    Tags: { Tag: c.tags.map((t) => ({ Key: t.key, Value: t.value })) },
  };
}

const DB_TYPES = ['MySQL', 'PostgreSQL', 'Oracle'];

const describeDBClusters: Handler = ({ params, data }) => {
  const regionId = required(params, 'RegionId');
  if (!POLARDB_REGIONS.includes(regionId)) {
    throw malformed('RegionId');
  }
  const dbType = optional(params, 'DBType');
  if (dbType !== undefined && !DB_TYPES.includes(dbType)) {
    throw new ApiError(404, 'DBTypeOrDBVersion.Malformed', 'The specified DBType or DBVersion is not valid.');
  }
  const { pageSize, pageNumber } = paging(params);
  const ids = commaList(optional(params, 'DBClusterIds'));
  const description = optional(params, 'DBClusterDescription');
  const status = optional(params, 'DBClusterStatus');
  const version = optional(params, 'DBVersion');
  const tags = tagFilters(params);
  const matches = data.polardb.filter(
    (c) =>
      c.regionId === regionId &&
      (ids.length === 0 || ids.includes(c.id)) &&
      (description === undefined || c.description.includes(description)) &&
      (status === undefined || c.status === status) &&
      (dbType === undefined || c.dbType === dbType) &&
      (version === undefined || c.dbVersion === version) &&
      tags.every((t) => c.tags.some((ct) => ct.key === t.key && (t.value === undefined || ct.value === t.value))),
  );
  const page = matches.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  // Integers here, unlike DescribeBackups.
  return { body: { Items: { DBCluster: page.map(clusterRecord) }, TotalRecordCount: matches.length, PageRecordCount: page.length, PageNumber: pageNumber } };
};

function findCluster(p: Params, data: { polardb: readonly PolardbCluster[] }): PolardbCluster {
  const id = required(p, 'DBClusterId');
  const cluster = data.polardb.find((c) => c.id === id);
  if (!cluster) {
    throw clusterNotFound();
  }
  return cluster;
}

export function isLevel2(c: PolardbCluster, i: number): boolean {
  return c.backups.startMs(i) < c.level2BeforeMs;
}

/** Every 23rd backup failed (i % 23 == 7); every 10th was taken by hand (i % 10 == 3). */
export function polardbBackupTraits(i: number): { failed: boolean; manual: boolean } {
  return { failed: i % 23 === 7, manual: i % 10 === 3 };
}

function setSize(c: PolardbCluster, i: number): number {
  if (polardbBackupTraits(i).failed) {
    return 0;
  }
  const big = c.dbType === 'MySQL';
  return intIn(c.backups.seed, i, 2, big ? 20_000_000_000 : 2_000_000_000, big ? 120_000_000_000 : 8_000_000_000);
}

/** One Items.Backup entry: every field a string, times with seconds, no download URL. */
export function polardbBackupRecord(c: PolardbCluster, i: number): Record<string, string> {
  const s = c.backups;
  const start = s.startMs(i);
  const end = start + intIn(s.seed, i, 3, 4, 40) * MINUTE;
  const { failed, manual } = polardbBackupTraits(i);
  return {
    BackupId: String(s.id(i)),
    DBClusterId: c.id,
    BackupStatus: failed ? 'Failed' : 'Success',
    BackupType: 'FullBackup',
    BackupMethod: 'Snapshot',
    BackupMode: manual ? 'Manual' : 'Automated',
    BackupsLevel: isLevel2(c, i) ? 'Level-2' : 'Level-1',
    BackupSetSize: String(setSize(c, i)),
    BackupStartTime: isoSeconds(start),
    BackupEndTime: isoSeconds(end),
    ConsistentTime: failed ? '' : String(Math.floor(end / 1000)),
    IsAvail: failed ? '0' : '1',
    // Only sparse backups carry an expected expiry; none of these are.
    ExpectExpireTime: '',
    ExpectExpireType: '',
    Comment: '',
    TableRestoreMetaStatus: '',
  };
}

/** StartTime and EndTime are required; the list holds backups that start in [StartTime, EndTime). */
function timeWindow(p: Params): { fromMs: number; toMs: number } {
  const fromMs = parseMinuteTime(required(p, 'StartTime'));
  const toMs = parseMinuteTime(required(p, 'EndTime'));
  if (fromMs === undefined) {
    throw malformed('StartTime');
  }
  if (toMs === undefined || toMs <= fromMs) {
    throw malformed('EndTime');
  }
  // The series filter is inclusive at both ends; adjacent windows must not both list a backup.
  return { fromMs, toMs: toMs - 1 };
}

function oneOf(p: Params, name: string, allowed: readonly string[]): string | undefined {
  const v = optional(p, name);
  if (v !== undefined && !allowed.includes(v)) {
    throw malformed(name);
  }
  return v;
}

const describeBackups: Handler = ({ params, data }) => {
  const cluster = findCluster(params, data);
  const range = timeWindow(params);
  const status = oneOf(params, 'BackupStatus', ['Success', 'Failed']);
  const mode = oneOf(params, 'BackupMode', ['Automated', 'Manual']);
  const { pageSize, pageNumber } = paging(params);
  const ids = commaList(optional(params, 'BackupId'));
  const s = cluster.backups;
  const wanted = new Set(ids.map((id) => (/^\d+$/.test(id) ? s.indexOfId(Number(id)) : -1)));
  const match = (i: number) =>
    (ids.length === 0 || wanted.has(i)) &&
    (status === undefined || polardbBackupTraits(i).failed === (status === 'Failed')) &&
    (mode === undefined || polardbBackupTraits(i).manual === (mode === 'Manual'));
  const page = s.query({ ...range, match }, (pageNumber - 1) * pageSize, pageSize);
  const level2Size = s.totalSize((i) => (isLevel2(cluster, i) ? setSize(cluster, i) : 0));
  return {
    body: {
      // Every counter a string, the Level-2 total too.
      TotalRecordCount: String(page.total),
      PageRecordCount: String(page.indices.length),
      PageNumber: String(pageNumber),
      TotalLevel2BackupSize: String(level2Size),
      Items: { Backup: page.indices.map((i) => polardbBackupRecord(cluster, i)) },
    },
  };
};

const describeBackupPolicy: Handler = ({ params, data }) => {
  const c = findCluster(params, data);
  const p = c.policy;
  const s = c.backups;
  const step = s.count > 1 ? s.startMs(s.count - 1) - s.startMs(s.count - 2) : DAY;
  const next = s.count > 0 ? s.startMs(s.count - 1) + step : c.level2BeforeMs + DAY;
  return {
    body: {
      DBClusterId: c.id,
      PreferredBackupPeriod: p.period,
      PreferredBackupTime: p.time,
      PreferredNextBackupTime: isoMinutes(next),
      BackupFrequency: p.frequency,
      DataLevel1BackupFrequency: p.frequency,
      DataLevel1BackupPeriod: p.period,
      DataLevel1BackupTime: p.time,
      DataLevel1BackupRetentionPeriod: p.level1RetentionDays,
      DataLevel2BackupRetentionPeriod: p.level2RetentionDays,
      DataLevel2BackupPeriod: p.level2RetentionDays === '0' ? '' : p.period,
      DataLevel2BackupAnotherRegionRegion: p.copyRegion,
      DataLevel2BackupAnotherRegionRetentionPeriod: p.copyRetentionDays,
      BackupRetentionPolicyOnClusterDeletion: p.onDeletion,
      BackupRetentionPeriod: `${p.level1RetentionDays} days`,
    },
  };
};

export const polardbActions: Readonly<Record<string, Handler>> = {
  DescribeRegions: describeRegions,
  DescribeDBClusters: describeDBClusters,
  DescribeBackups: describeBackups,
  DescribeBackupPolicy: describeBackupPolicy,
};
