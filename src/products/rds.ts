import type { CloudClient } from '../cloud/client';
import { commonBackupFields } from '../cloud/backupFields';
import type { Backup, BackupFilter, Region, Resource } from '../cloud/models';
import { PAGE_NUMBER_RECORD_COUNT, type ListAction } from '../cloud/paging';
import type { ProductDescriptor } from '../cloud/product';
import { regionObjects, type RegionsAction } from '../cloud/regions';
import { resourceStatusFamily } from '../cloud/status';
import { dig, isRawObject, type RawObject } from '../cloud/types';
import { formatMinuteUtc, toText } from '../cloud/values';
import { msg, type BackupPolicy, type Message, type ProductEntry, type ResourceKindEntry } from './catalog';
import { backupListing, resourceListing } from './listings';
import { filteredById, NUMERIC_ID, withId } from './lookup';
import { weekdayPolicy } from './weekdayPolicy';

// The SDK's endpoint map (contract part 2, §3). It has no regional entries: every region not named here falls back
// to rds.<region>.aliyuncs.com. META25 calls a few of these regional; the SDK is what the official clients use.
const CENTRAL = new Set([
  'cn-qingdao', 'cn-beijing', 'cn-hangzhou', 'cn-shanghai', 'cn-shenzhen', 'cn-heyuan', 'cn-hongkong', 'ap-southeast-1',
  'us-west-1', 'us-east-1', 'cn-shanghai-finance-1', 'cn-shenzhen-finance-1', 'cn-beijing-finance-1', 'cn-north-2-gov-1',
]);

/** ApsaraDB RDS (MySQL, PostgreSQL, SQL Server, MariaDB) instances and their backups. */
export const rdsProduct: ProductDescriptor = {
  id: 'rds',
  version: '2014-08-15',
  endpointHost: (region) =>
    CENTRAL.has(region)
      ? 'rds.aliyuncs.com'
      : region === 'cn-hangzhou-finance'
        ? 'rds-vpc.cn-hangzhou-finance.aliyuncs.com'
        : `rds.${region}.aliyuncs.com`,
};

const zoneRows = regionObjects(['Regions', 'RDSRegion'], 'LocalName');

/** DescribeRegions answers one row per zone, so a region repeats: keep its first row. */
export const rdsRegions: RegionsAction = {
  product: rdsProduct,
  parse: (body) => {
    const seen = new Map<string, Region>();
    for (const region of zoneRows(body)) {
      if (!seen.has(region.id)) seen.set(region.id, region);
    }
    return [...seen.values()];
  },
};

export interface RegionScope {
  region: string;
}

/** "MySQL 8.0": what tells a PostgreSQL instance from a MySQL one at a glance. */
function engineSummary(raw: RawObject): string | undefined {
  return [toText(raw.Engine), toText(raw.EngineVersion)].filter(Boolean).join(' ') || undefined;
}

export const rdsInstances: ListAction<RegionScope, Resource> = {
  product: rdsProduct,
  action: 'DescribeDBInstances',
  paging: PAGE_NUMBER_RECORD_COUNT,
  itemsPath: ['Items', 'DBInstance'],
  region: (scope) => scope.region,
  params: (scope) => ({ RegionId: scope.region }),
  normalise: (raw, scope) => ({
    product: 'rds',
    // Read-only instances have backups of their own only on some engines; they are told apart so the tree says so.
    kind: toText(raw.DBInstanceType) === 'Readonly' ? 'rdsReadOnly' : 'rdsInstance',
    region: scope.region,
    id: toText(raw.DBInstanceId) ?? '',
    name: toText(raw.DBInstanceDescription),
    summary: engineSummary(raw),
    status: resourceStatusFamily(toText(raw.DBInstanceStatus)),
    statusText: toText(raw.DBInstanceStatus),
    parentId: toText(raw.MasterInstanceId),
    raw,
  }),
};

export interface InstanceScope {
  region: string;
  instanceId: string;
  filter?: BackupFilter;
}

/** One database's archive of a logical backup: a part of the backup, downloadable on its own. */
function databasePart(raw: RawObject, parent: Backup): Backup {
  return {
    product: 'rds',
    region: parent.region,
    resourceId: parent.resourceId,
    id: toText(raw.DataBase) ?? '',
    status: parent.status,
    statusText: parent.statusText,
    type: parent.type,
    method: parent.method,
    startTime: parent.startTime,
    endTime: parent.endTime,
    downloadUrl: toText(raw.DownloadLink),
    intranetDownloadUrl: toText(raw.IntranetDownloadLink),
    raw,
  };
}

function instanceBackup(raw: RawObject, scope: InstanceScope): Backup {
  const backup: Backup = {
    product: 'rds',
    region: scope.region,
    resourceId: scope.instanceId,
    ...commonBackupFields(raw),
    mode: toText(raw.BackupMode),
    downloadUrl: toText(raw.BackupDownloadURL),
    intranetDownloadUrl: toText(raw.BackupIntranetDownloadURL),
    raw,
  };
  const links = dig(raw, ['BackupDownloadLinkByDB', 'BackupDownloadLinkByDB']);
  const parts = (Array.isArray(links) ? links : []).filter(isRawObject).map((link) => databasePart(link, backup));
  return parts.length > 0 ? { ...backup, parts } : backup;
}

/** An instance's backups; the counters of this action are strings, unlike DescribeDBInstances'. */
export const rdsBackups: ListAction<InstanceScope, Backup> = {
  product: rdsProduct,
  action: 'DescribeBackups',
  paging: PAGE_NUMBER_RECORD_COUNT,
  itemsPath: ['Items', 'Backup'],
  region: (scope) => scope.region,
  // No RegionId: the region only picks the endpoint.
  params: ({ instanceId, filter }) => ({
    DBInstanceId: instanceId,
    BackupId: filter?.backupId,
    BackupStatus: filter?.status,
    BackupMode: filter?.mode,
    BackupType: filter?.type,
    StartTime: filter?.start && formatMinuteUtc(filter.start),
    EndTime: filter?.end && formatMinuteUtc(filter.end),
  }),
  normalise: instanceBackup,
};

/**
 * An instance's backup policy: retention, schedule, next backup and log backup. BackupInterval is the minutes
 * between high-frequency snapshot backups, -1 when off.
 */
export async function rdsPolicy(client: CloudClient, instance: Resource, signal: AbortSignal): Promise<BackupPolicy> {
  const { body } = await client.call(rdsProduct, 'DescribeBackupPolicy', instance.region, { DBInstanceId: instance.id }, signal);
  return weekdayPolicy(body, body.BackupInterval);
}

function instanceKind(label: Message, title: Message, icon: string): ResourceKindEntry {
  return {
    label,
    title,
    icon,
    filterable: true,
    children: (instance, filter) => [backupListing('backups', rdsBackups, { region: instance.region, instanceId: instance.id, filter })],
    details: (instance) => [[msg('Engine'), instance.summary]],
    policy: rdsPolicy,
  };
}

const instanceById = filteredById(rdsInstances, 'DBInstanceId');

/** ApsaraDB RDS in the tree: instances of every engine, primary and read-only, each with its backups. */
export const rdsEntry: ProductEntry = {
  id: 'rds',
  title: msg('ApsaraDB RDS'),
  emptyLabel: msg('No instances'),
  ownerLabel: msg('Instance'),
  regions: [rdsRegions],
  resources: (region) => [resourceListing('instances', rdsInstances, { region })],
  kinds: {
    rdsInstance: instanceKind(msg('RDS instance'), msg('Instance {0}'), 'database'),
    rdsReadOnly: instanceKind(msg('RDS read-only instance'), msg('Read-only instance {0}'), 'eye'),
  },
  backupFilter: { statuses: ['Success', 'Failed'], modes: ['Automated', 'Manual'], types: ['FullBackup', 'IncrementalBackup'] },
  // rm- (MySQL, SQL Server, MariaDB) and pgm- (PostgreSQL) primaries, rr- and pgr- read-only instances: the prefixes of
  // the API reference's DBInstanceId examples. DescribeDBInstances filters by DBInstanceId.
  ids: {
    resource: /^(rm|rr|pgm|pgr)-[a-z0-9]+$/,
    backup: NUMERIC_ID,
    findResource: (client, region, id, signal) => withId(client, instanceById, { region, id }, signal),
  },
};
