import type { Backup, BackupFilter, BackupPlanDetails, Resource } from '../cloud/models';
import { PAGE_NUM_FROM_0, type ListAction } from '../cloud/paging';
import type { ProductDescriptor } from '../cloud/product';
import type { RegionsAction } from '../cloud/regions';
import { resourceStatusFamily, statusFamily } from '../cloud/status';
import { dig, type RawObject } from '../cloud/types';
import { toExpiry, toNumber, toText, toTime } from '../cloud/values';
import { msg, type DetailRow, type Listing, type ProductEntry } from './catalog';
import { backupListing, idMatchedBackupListing, resourceListing } from './listings';
import { filteredById, withId } from './lookup';
import { readSchedule, retentionOf } from './schedule';

/** DBS (Database Backup, now filed under Data Management): backup plans and their full backup jobs. */
export const dbsProduct: ProductDescriptor = {
  id: 'dbs',
  version: '2019-03-06',
  endpointHost: (region) =>
    REGIONAL.has(region) ? `dbs-api.${region}.aliyuncs.com` : 'dbs-api.cn-hangzhou.aliyuncs.com',
};

// Most regions are served from Hangzhou; these have endpoints of their own.
const REGIONAL = new Set([
  'cn-chengdu', 'cn-huhehaote', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-5',
  'ap-northeast-1', 'eu-central-1', 'eu-west-1', 'ap-south-1', 'me-east-1',
]);

export const dbsRegions: RegionsAction = {
  product: dbsProduct,
  parse: (body) => {
    const list = dig(body, ['Regions', 'RegionCode']);
    return (Array.isArray(list) ? list : []).flatMap((code) => (typeof code === 'string' && code ? [{ id: code }] : []));
  },
};

export interface PlanListScope {
  region: string;
}

export const dbsPlans: ListAction<PlanListScope, Resource> = {
  product: dbsProduct,
  action: 'DescribeBackupPlanList',
  paging: PAGE_NUM_FROM_0,
  itemsPath: ['Items', 'BackupPlanDetail'],
  region: (scope) => scope.region,
  params: (scope) => ({ Region: scope.region }),
  normalise: (raw, scope) => ({
    product: 'dbs',
    kind: 'dbsPlan',
    region: scope.region,
    id: toText(raw.BackupPlanId) ?? '',
    name: toText(raw.BackupPlanName),
    status: resourceStatusFamily(toText(raw.BackupPlanStatus)),
    statusText: toText(raw.BackupPlanStatus),
    raw,
  }),
};

/** What a person checks on a plan, read from its raw DescribeBackupPlanList item (numbers may come as strings). */
export function planDetails(raw: RawObject): BackupPlanDetails {
  const endpoint = toText(raw.SourceEndpointIpPort) ?? joinHostPort(toText(raw.SourceEndpointHost), toText(raw.SourceEndpointPort));
  return {
    schedule: { days: toText(raw.BackupPeriod), startTime: toText(raw.BackupStartTime) },
    retentionDays: toNumber(raw.BackupRetentionPeriod),
    storage: { type: toText(raw.BackupStorageType), bucket: toText(raw.OSSBucketName), bucketRegion: toText(raw.OSSBucketRegion) },
    source: {
      type: toText(raw.SourceEndpointInstanceType),
      endpoint,
      database: toText(raw.SourceEndpointDatabaseName),
      region: toText(raw.SourceEndpointRegion),
      instanceId: toText(raw.SourceEndpointInstanceID),
      databaseType: toText(raw.DatabaseType),
    },
    backupMethod: toText(raw.BackupMethod),
    createdAt: toTime(raw.BackupPlanCreateTime),
    precheckError: toText(raw.ErrMessage)?.trim(),
  };
}

function joinHostPort(host: string | undefined, port: string | undefined): string | undefined {
  return host ? (port ? `${host}:${port}` : host) : undefined;
}

/** A full or incremental backup set: both lists name their fields alike (times in epoch ms). */
function backupSet(raw: RawObject, scope: PlanScope): Backup {
  return {
    product: 'dbs',
    region: scope.region,
    resourceId: scope.planId,
    id: toText(raw.BackupSetId) ?? '',
    status: statusFamily(toText(raw.BackupStatus)),
    statusText: toText(raw.BackupStatus),
    method: toText(raw.StorageMethod),
    sizeBytes: toNumber(raw.BackupSize),
    startTime: toTime(raw.StartTime),
    endTime: toTime(raw.EndTime ?? raw.FinishTime),
    expiry: toExpiry(raw.BackupSetExpiredTime),
    raw,
  };
}

export interface PlanScope {
  region: string;
  planId: string;
  filter?: BackupFilter;
}

export const dbsFullBackups: ListAction<PlanScope, Backup> = {
  product: dbsProduct,
  action: 'DescribeFullBackupList',
  paging: PAGE_NUM_FROM_0,
  itemsPath: ['Items', 'FullBackupFile'],
  region: (scope) => scope.region,
  params: ({ planId, filter }) => ({
    BackupPlanId: planId,
    BackupSetId: filter?.backupId,
    BackupSetStatus: filter?.status,
    // Every other DBS time is epoch milliseconds; the filters take the same unit.
    StartTimestamp: filter?.start?.getTime(),
    EndTimestamp: filter?.end?.getTime(),
    ShowStorageType: true,
  }),
  normalise: (raw, scope) => backupSet(raw, scope),
};

/** A plan's incremental backups (binlog files): paged like its full backups, 0-based, times in epoch ms. */
export const dbsIncrementBackups: ListAction<PlanScope, Backup> = {
  product: dbsProduct,
  action: 'DescribeIncrementBackupList',
  paging: PAGE_NUM_FROM_0,
  itemsPath: ['Items', 'IncrementBackupFile'],
  region: (scope) => scope.region,
  params: ({ planId, filter }) => ({
    BackupPlanId: planId,
    StartTimestamp: filter?.start?.getTime(),
    EndTimestamp: filter?.end?.getTime(),
    ShowStorageType: true,
  }),
  normalise: (raw, scope) => ({ ...backupSet(raw, scope), type: 'Incremental' }),
};

/** A plan's schedule, retention, storage and source, for the details view. */
function planRows(plan: Resource): DetailRow[] {
  const d = planDetails(plan.raw);
  const { days, startTime } = d.schedule;
  return [
    [msg('Schedule'), days && startTime ? { message: msg('{0} at {1}'), args: [days, startTime] } : (days ?? startTime)],
    [msg('Retention'), d.retentionDays === undefined ? undefined : { message: msg('{0} days'), args: [d.retentionDays] }],
    [msg('Storage type'), d.storage.type],
    [msg('OSS bucket'), d.storage.bucket],
    [msg('Bucket region'), d.storage.bucketRegion],
    [msg('Source endpoint type'), d.source.type],
    [msg('Source endpoint'), d.source.endpoint],
    [msg('Source database'), d.source.database],
    [msg('Source region'), d.source.region],
    [msg('Source instance ID'), d.source.instanceId],
    [msg('Database type'), d.source.databaseType],
    [msg('Backup method'), d.backupMethod],
    [msg('Created'), d.createdAt],
    [msg('Precheck error'), d.precheckError],
  ];
}

const planById = filteredById(dbsPlans, 'BackupPlanId');

/** A full backup set's ID: lower-case letters and digits. */
const FULL_SET_ID = /^[a-z0-9]+$/;
/** An incremental backup's: the binlog file it is, a base name and a sequence number ("mysql-bin.000123"). */
const INCREMENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*\.\d+$/;

/**
 * A plan's full backups, then its incremental ones. A status filter applies to full backup sets only (the
 * increments' statuses are other words); a backup ID is asked of the one list whose IDs look like it. The
 * increments' API filters by no ID, so an increment's is matched here, page by page.
 */
function planListings(plan: Resource, filter: BackupFilter | undefined): Listing[] {
  const scope = { region: plan.region, planId: plan.id, filter };
  const id = filter?.backupId;
  const full = id === undefined || FULL_SET_ID.test(id);
  const increments = !filter?.status && (id === undefined || INCREMENT_ID.test(id));
  return [
    ...(full ? [backupListing('full', dbsFullBackups, scope)] : []),
    ...(increments ? [idMatchedBackupListing('increments', dbsIncrementBackups, scope, id)] : []),
  ];
}

/** DBS in the tree: backup plans, each with its full backup jobs and binlog files. */
export const dbsEntry: ProductEntry = {
  id: 'dbs',
  title: msg('DBS Backup Plans'),
  emptyLabel: msg('No backup plans'),
  ownerLabel: msg('Backup plan'),
  regions: [dbsRegions],
  resources: (region) => [resourceListing('plans', dbsPlans, { region })],
  kinds: {
    dbsPlan: {
      label: msg('DBS backup plan'),
      title: msg('Plan {0}'),
      icon: 'calendar',
      idLabel: msg('Plan ID'),
      filterable: true,
      children: planListings,
      details: planRows,
      // The plan's listing row carries its schedule: no request of its own.
      listedSchedule: (plan) =>
        readSchedule({ days: toText(plan.raw.BackupPeriod), time: toText(plan.raw.BackupStartTime), retention: retentionOf(plan.raw.BackupRetentionPeriod) }),
    },
  },
  backupFilter: { statuses: ['finish', 'running', 'schedule', 'stop', 'pause'] },
  // Plan IDs are "dbs" and lower-case letters and digits (dbstooi01ex…); full backup set IDs are letters and digits
  // too, and may start with "dbs" as well, so a plan-shaped ID not found as a plan is still searched for as a backup
  // set. Incremental ones are binlog file names. DescribeBackupPlanList filters by BackupPlanId,
  // DescribeFullBackupList by BackupSetId.
  ids: {
    resource: /^dbs[a-z0-9]+$/,
    backup: new RegExp(`${FULL_SET_ID.source}|${INCREMENT_ID.source}`),
    findResource: (client, region, id, signal) => withId(client, planById, { region, id }, signal),
  },
};
