import type { CloudClient } from '../cloud/client';
import type { Backup, Resource } from '../cloud/models';
import { PAGE_NUMBER_RECORD_COUNT, type ListAction } from '../cloud/paging';
import { centralOrRegional, type ProductDescriptor } from '../cloud/product';
import { regionObjects, type RegionsAction } from '../cloud/regions';
import { resourceStatusFamily, statusFamily } from '../cloud/status';
import type { RawObject } from '../cloud/types';
import { formatMinuteUtc, toBoolean, toExpiry, toNumber, toText, toTime, type Expiry } from '../cloud/values';
import { msg, type BackupPolicy, type BackupSchedule, type DetailRow, type DetailValue, type ProductEntry } from './catalog';
import { resourceListing, windowedBackupListing, type BackupWindowScope } from './listings';
import { filteredById, NUMERIC_ID, withId } from './lookup';
import { readSchedule, retentionOf } from './schedule';

/**
 * PolarDB (MySQL, PostgreSQL and Oracle compatible clusters). The SDK's endpoint map serves these regions from the
 * central host; every other region, mapped or not, is `polardb.<region>.aliyuncs.com`, which is also the fallback.
 */
export const polardbProduct: ProductDescriptor = {
  id: 'polardb',
  version: '2017-08-01',
  endpointHost: centralOrRegional('polardb.aliyuncs.com', 'polardb', [
    'cn-qingdao', 'cn-beijing', 'cn-wulanchabu', 'cn-hangzhou', 'cn-shanghai', 'cn-heyuan', 'cn-hangzhou-finance', 'cn-beijing-finance-1',
  ]),
};

/** PolarDB's DescribeRegions names no region (no LocalName): the IDs alone, the tree names them elsewhere. */
export const polardbRegions: RegionsAction = {
  product: polardbProduct,
  parse: regionObjects(['Regions', 'Region'], 'LocalName'),
};

export interface RegionScope {
  region: string;
}

/** "MySQL 8.0", "PostgreSQL 14"; Oracle-compatible clusters report an internal version number, so just "Oracle". */
function compatibility(raw: RawObject): string | undefined {
  const type = toText(raw.DBType);
  if (type?.toLowerCase() === 'oracle') return 'Oracle';
  return [type, toText(raw.DBVersion)].filter(Boolean).join(' ') || undefined;
}

export const polardbClusters: ListAction<RegionScope, Resource> = {
  product: polardbProduct,
  action: 'DescribeDBClusters',
  // The total is an integer `TotalRecordCount` here.
  paging: PAGE_NUMBER_RECORD_COUNT,
  itemsPath: ['Items', 'DBCluster'],
  region: (scope) => scope.region,
  params: (scope) => ({ RegionId: scope.region }),
  normalise: (raw, scope) => ({
    product: 'polardb',
    kind: 'polardbCluster',
    region: scope.region,
    id: toText(raw.DBClusterId) ?? '',
    name: toText(raw.DBClusterDescription),
    summary: compatibility(raw),
    status: resourceStatusFamily(toText(raw.DBClusterStatus)),
    statusText: toText(raw.DBClusterStatus),
    raw,
  }),
};

/**
 * "Level-1" or "Level-2". `BackupsLevel` is the documented field; `BackupSetFrequency` is read too in case a
 * response names the level there instead, since no source confirms which one every API revision fills.
 */
function backupLevel(raw: RawObject): string | undefined {
  for (const value of [raw.BackupsLevel, raw.BackupSetFrequency]) {
    const match = /level-?\s*([12])/i.exec(toText(value) ?? '');
    if (match) return `Level-${match[1]}`;
  }
  return undefined;
}

/** "Level-1 Full": the level decides where the backup lives and how long it is kept, so it leads. */
function backupType(raw: RawObject): string | undefined {
  const type = toText(raw.BackupType);
  const kind = type === 'FullBackup' ? 'Full' : type;
  return [backupLevel(raw), kind].filter(Boolean).join(' ') || undefined;
}

/** Only sparse backups carry an expected expiry; `NEVER` says the backup is kept until deleted. */
function backupExpiry(raw: RawObject): Expiry | undefined {
  if (toText(raw.ExpectExpireType)?.replace(/\0/g, '') === 'NEVER') return { kind: 'never' };
  return toExpiry(raw.ExpectExpireTime);
}

/** A cluster's backups: StartTime and EndTime are required, and every counter and field is a string. */
export const polardbBackups: ListAction<BackupWindowScope, Backup> = {
  product: polardbProduct,
  action: 'DescribeBackups',
  // `TotalRecordCount` as a string; the paging reads numbers from strings too.
  paging: PAGE_NUMBER_RECORD_COUNT,
  itemsPath: ['Items', 'Backup'],
  region: (scope) => scope.region,
  params: ({ resourceId, start, end, filter }) => ({
    DBClusterId: resourceId,
    StartTime: formatMinuteUtc(start),
    EndTime: formatMinuteUtc(end),
    BackupId: filter?.backupId,
    BackupStatus: filter?.status,
  }),
  normalise: (raw, scope) => ({
    product: 'polardb',
    region: scope.region,
    resourceId: scope.resourceId,
    id: toText(raw.BackupId) ?? '',
    status: statusFamily(toText(raw.BackupStatus)),
    statusText: toText(raw.BackupStatus),
    type: backupType(raw),
    method: toText(raw.BackupMethod),
    mode: toText(raw.BackupMode),
    // The size of the backup set; snapshots share blocks, so deleting one frees less than this.
    sizeBytes: toNumber(raw.BackupSetSize),
    startTime: toTime(raw.BackupStartTime),
    endTime: toTime(raw.BackupEndTime),
    expiry: backupExpiry(raw),
    available: toBoolean(raw.IsAvail),
    raw,
  }),
};

function days(value: string | undefined): DetailValue {
  const n = toNumber(value);
  return n === undefined ? value : { message: msg('{0} days'), args: [n] };
}

/** Level-2 retention: "0" means no Level-2 backups are kept, "-1" that they are kept forever. */
function level2Retention(value: string | undefined): DetailValue {
  if (value === '0') return { message: msg('Off'), args: [] };
  if (value === '-1') return { message: msg('Never expires'), args: [] };
  return days(value);
}

/** The policy's schedule and retention rows, in the order a person checks them. */
export function polardbPolicyRows(raw: RawObject): DetailRow[] {
  const text = (key: string) => toText(raw[key]);
  const copyRegion = text('DataLevel2BackupAnotherRegionRegion');
  return [
    [msg('Level-1 retention'), days(text('DataLevel1BackupRetentionPeriod'))],
    [msg('Level-2 retention'), level2Retention(text('DataLevel2BackupRetentionPeriod'))],
    [msg('Level-2 copy region'), copyRegion],
    [msg('Level-2 copy retention'), copyRegion ? level2Retention(text('DataLevel2BackupAnotherRegionRetentionPeriod')) : undefined],
    // Newer policies name the Level-1 frequency separately; older ones only have BackupFrequency.
    [msg('Backup frequency'), text('DataLevel1BackupFrequency') ?? text('BackupFrequency')],
    [msg('Backup days'), text('PreferredBackupPeriod')?.split(',').join(', ')],
    [msg('Backup time'), text('PreferredBackupTime')],
    [msg('Next backup'), toTime(raw.PreferredNextBackupTime)],
    [msg('Backups kept after deletion'), text('BackupRetentionPolicyOnClusterDeletion')],
  ];
}

/**
 * What the policy promises. A Level-1 frequency of "2/24H" is a backup every 2 hours (the API reference; "Normal"
 * follows the weekdays); backups are kept as long as the longer of the two levels keeps them.
 */
export function polardbSchedule(raw: RawObject): BackupSchedule {
  const levels = [retentionOf(raw.DataLevel1BackupRetentionPeriod), retentionOf(raw.DataLevel2BackupRetentionPeriod)];
  const forever = levels.some((r) => r && 'forever' in r);
  const days = Math.max(0, ...levels.map((r) => (r && 'days' in r ? r.days : 0)));
  return readSchedule({
    days: toText(raw.PreferredBackupPeriod),
    time: toText(raw.PreferredBackupTime),
    frequency: toText(raw.DataLevel1BackupFrequency) ?? toText(raw.BackupFrequency),
    retention: forever ? { forever: true } : days > 0 ? { days } : undefined,
  });
}

async function clusterPolicy(client: CloudClient, cluster: Resource, signal: AbortSignal): Promise<BackupPolicy> {
  const { body } = await client.call(polardbProduct, 'DescribeBackupPolicy', cluster.region, { DBClusterId: cluster.id }, signal);
  return { rows: polardbPolicyRows(body), schedule: polardbSchedule(body) };
}

const clusterById = filteredById(polardbClusters, 'DBClusterIds');

/** PolarDB in the tree: clusters of every compatibility, each with its Level-1 and Level-2 backups. */
export const polardbEntry: ProductEntry = {
  id: 'polardb',
  title: msg('PolarDB'),
  emptyLabel: msg('No clusters'),
  ownerLabel: msg('Cluster'),
  regions: [polardbRegions],
  resources: (region) => [resourceListing('clusters', polardbClusters, { region })],
  kinds: {
    polardbCluster: {
      label: msg('PolarDB cluster'),
      title: msg('Cluster {0}'),
      icon: 'database',
      filterable: true,
      children: (cluster, filter, { windowDays }) => [
        windowedBackupListing('backups', polardbBackups, cluster, { windowDays, filter, notBefore: toTime(cluster.raw.CreateTime) }),
      ],
      policy: clusterPolicy,
    },
  },
  // DescribeBackups filters by BackupStatus, which knows these two.
  backupFilter: { statuses: ['Success', 'Failed'] },
  noDownloadUrl: msg('PolarDB gives no download URL for backups; download them through DBS'),
  // pc- for every compatibility (MySQL, PostgreSQL, Oracle); DescribeDBClusters filters by DBClusterIds.
  ids: {
    resource: /^pc-[a-z0-9]+$/,
    backup: NUMERIC_ID,
    findResource: (client, region, id, signal) => withId(client, clusterById, { region, id }, signal),
  },
};
