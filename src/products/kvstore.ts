import type { CloudClient } from '../cloud/client';
import { commonBackupFields } from '../cloud/backupFields';
import type { Backup, Resource, StatusFamily } from '../cloud/models';
import { PAGE_NUMBER_FROM_1, PAGE_NUMBER_WITHOUT_TOTAL, type ListAction } from '../cloud/paging';
import { centralOrRegional, type ProductDescriptor } from '../cloud/product';
import { regionObjects, type RegionsAction } from '../cloud/regions';
import { resourceStatusFamily } from '../cloud/status';
import { isRawObject, type RawObject } from '../cloud/types';
import { formatMinuteUtc, toBoolean, toExpiry, toNumber, toText, toTime } from '../cloud/values';
import { msg, type BackupPolicy, type DetailRow, type Listing, type Message, type ProductEntry, type ResourceKindEntry } from './catalog';
import { resourceListing, windowedBackupListing, type BackupWindowScope } from './listings';
import { filteredById, firstFound, NUMERIC_ID, withId } from './lookup';
import { weekdaySchedule } from './schedule';

/**
 * Tair (Redis OSS-compatible) and Redis instances. Seven regions are served from the central host, every other one
 * from `r-kvstore.<region>.aliyuncs.com`, which is also the SDK's fallback for a region missing from its map.
 */
export const kvstoreProduct: ProductDescriptor = {
  id: 'r-kvstore',
  version: '2015-01-01',
  endpointHost: centralOrRegional('r-kvstore.aliyuncs.com', 'r-kvstore', [
    'cn-qingdao', 'cn-beijing', 'cn-wulanchabu', 'cn-hangzhou', 'cn-shanghai', 'cn-heyuan', 'cn-hangzhou-finance',
  ]),
};

/** The wrapper is `RegionIds`, not `Regions` as in the other products. */
export const kvstoreRegions: RegionsAction = {
  product: kvstoreProduct,
  parse: regionObjects(['RegionIds', 'KVStoreRegion'], 'LocalName'),
};

/**
 * Which engine a listing asks for. Whether DescribeInstances lists Tair when `InstanceType` is omitted is not
 * confirmed (one metadata version says it defaults to Redis), so each engine is asked for by name: under either
 * reading every instance is listed exactly once. Memcache instances keep no backups and are not asked for.
 */
export type KvstoreEngine = 'Redis' | 'Tair';

export interface InstanceListScope {
  region: string;
  engine: KvstoreEngine;
}

/** Instance states as this API spells them; `Normal` is the healthy one, which the shared table does not know. */
const INSTANCE_STATES: Readonly<Record<string, StatusFamily>> = {
  normal: 'success',
  creating: 'running',
  changing: 'running',
  flushing: 'running',
  transforming: 'running',
  migrating: 'running',
  backuprecovering: 'running',
  minorversionupgrading: 'running',
  networkmodifying: 'running',
  inactive: 'paused',
  released: 'failed',
  unavailable: 'failed',
  error: 'failed',
};

function instanceStatus(status: string | undefined): StatusFamily {
  return (status && INSTANCE_STATES[status.toLowerCase()]) || resourceStatusFamily(status);
}

/**
 * "Redis 7.0" or "Tair": a Tair instance's EngineVersion is the Redis version it is compatible with, which next
 * to "Tair" would read as a Tair version, so it is left out there.
 */
function engineSummary(raw: RawObject): string | undefined {
  const engine = toText(raw.InstanceType);
  const version = toText(raw.EngineVersion);
  if (engine === 'Redis') return [engine, version].filter(Boolean).join(' ');
  return engine;
}

/**
 * A cluster (sharded) instance keeps backups per shard; standard and read/write-splitting ones do not. A
 * cloud-native one (`ComputingType` Ecs) also groups them into cluster backups, which is how it is listed.
 */
function instanceKind(raw: RawObject): string {
  if (toText(raw.ArchitectureType) !== 'cluster') return 'kvstoreInstance';
  return toText(raw.ComputingType) === 'Ecs' ? 'kvstoreCloudCluster' : 'kvstoreCluster';
}

/** The documented maximum page size of DescribeInstances; the setting may ask for 100. */
const MAX_INSTANCE_PAGE = 50;

export const kvstoreInstances: ListAction<InstanceListScope, Resource> = {
  product: kvstoreProduct,
  action: 'DescribeInstances',
  paging: PAGE_NUMBER_FROM_1,
  itemsPath: ['Instances', 'KVStoreInstance'],
  region: (scope) => scope.region,
  params: (scope) => ({ RegionId: scope.region, InstanceType: scope.engine }),
  normalise: (raw, scope) => ({
    product: 'r-kvstore',
    kind: instanceKind(raw),
    region: scope.region,
    id: toText(raw.InstanceId) ?? '',
    name: toText(raw.InstanceName),
    summary: engineSummary(raw),
    status: instanceStatus(toText(raw.InstanceStatus)),
    statusText: toText(raw.InstanceStatus),
    raw,
  }),
};

/** The same listing with the page size held to what the API accepts; it stays the same for every page of a list. */
function cappedInstanceListing(key: string, scope: InstanceListScope): Listing {
  const listing = resourceListing(key, kvstoreInstances, scope);
  return { ...listing, fetch: (client, index, pageSize, signal) => listing.fetch(client, index, Math.min(pageSize, MAX_INSTANCE_PAGE), signal) };
}

/**
 * A backup of DescribeBackups. `BackupId` is an int64 on the wire, the only backup ID among these products that is
 * a JSON number. The SDK parses the body with JSON.parse, so an ID above 2^53 would already be rounded before it
 * gets here; real IDs are around 10^9–10^10, far below that, and `toText` turns a safe integer into its exact
 * digits. Nothing here can restore digits the parser dropped, so such an ID is shown as parsed (`raw` keeps it).
 * `NodeInstanceId` names the shard on a cluster instance and is the instance itself otherwise, so it becomes the
 * node only when it differs.
 */
function instanceBackup(raw: RawObject, scope: BackupWindowScope): Backup {
  const node = toText(raw.NodeInstanceId);
  return {
    product: 'r-kvstore',
    region: scope.region,
    resourceId: scope.resourceId,
    nodeId: node !== undefined && node !== scope.resourceId ? node : undefined,
    ...commonBackupFields(raw),
    mode: toText(raw.BackupMode),
    // Its format is not documented; toExpiry reads ISO times and epoch milliseconds alike.
    expiry: toExpiry(raw.ExpectExpireTime),
    downloadUrl: toText(raw.BackupDownloadURL),
    intranetDownloadUrl: toText(raw.BackupIntranetDownloadURL),
    raw,
  };
}

/** DescribeBackups: `InstanceId` (not DBInstanceId), StartTime and EndTime required, no RegionId, integer totals. */
export const kvstoreBackups: ListAction<BackupWindowScope, Backup> = {
  product: kvstoreProduct,
  action: 'DescribeBackups',
  paging: PAGE_NUMBER_FROM_1,
  itemsPath: ['Backups', 'Backup'],
  region: (scope) => scope.region,
  params: ({ resourceId, start, end, filter }) => ({
    InstanceId: resourceId,
    StartTime: formatMinuteUtc(start),
    EndTime: formatMinuteUtc(end),
    // An int64 on the server: sent as the digits the user gave, never through a JS number.
    BackupId: filter?.backupId,
  }),
  normalise: instanceBackup,
};

/** Cluster backups document `OK`, `RUNNING` and "anything else is a failure"; their parts say OK or ERROR. */
function clusterBackupStatus(status: string | undefined): StatusFamily {
  if (status === undefined) return 'unknown';
  const upper = status.toUpperCase();
  return upper === 'OK' ? 'success' : upper === 'RUNNING' ? 'running' : 'failed';
}

/** One shard's part of a cluster backup; its BackupId is a string here, and its end time may lack the zone. */
function clusterBackupPart(raw: RawObject, scope: BackupWindowScope): Backup {
  return {
    product: 'r-kvstore',
    region: scope.region,
    resourceId: scope.resourceId,
    nodeId: toText(raw.InstanceName),
    id: toText(raw.BackupId) ?? '',
    status: clusterBackupStatus(toText(raw.BackupStatus)),
    statusText: toText(raw.BackupStatus),
    sizeBytes: toNumber(raw.BackupSize),
    startTime: toTime(raw.BackupStartTime),
    endTime: toTime(raw.BackupEndTime),
    available: toBoolean(raw.IsAvail),
    downloadUrl: toText(raw.BackupDownloadURL),
    intranetDownloadUrl: toText(raw.BackupIntranetDownloadURL),
    raw,
  };
}

/**
 * DescribeClusterBackupList: cloud-native cluster instances only, sent as GET (the only action documented so),
 * RegionId and the window required, no total, and a bare array of cluster backups with one entry per shard.
 */
export const kvstoreClusterBackups: ListAction<BackupWindowScope, Backup> = {
  product: kvstoreProduct,
  action: 'DescribeClusterBackupList',
  method: 'GET',
  paging: PAGE_NUMBER_WITHOUT_TOTAL,
  itemsPath: ['ClusterBackups'],
  region: (scope) => scope.region,
  params: ({ region, resourceId, start, end, filter }) => ({
    RegionId: region,
    InstanceId: resourceId,
    StartTime: formatMinuteUtc(start),
    EndTime: formatMinuteUtc(end),
    // Only a cluster backup ID narrows this list; a shard's backup ID is found among the parts of the window.
    ClusterBackupId: filter?.backupId?.startsWith('cb-') ? filter.backupId : undefined,
  }),
  normalise: (raw, scope) => {
    const parts = raw.Backups;
    return {
      product: 'r-kvstore',
      region: scope.region,
      resourceId: scope.resourceId,
      id: toText(raw.ClusterBackupId) ?? '',
      status: clusterBackupStatus(toText(raw.ClusterBackupStatus)),
      statusText: toText(raw.ClusterBackupStatus),
      mode: toText(raw.ClusterBackupMode),
      sizeBytes: toNumber(raw.ClusterBackupSize),
      startTime: toTime(raw.ClusterBackupStartTime),
      endTime: toTime(raw.ClusterBackupEndTime),
      expiry: toExpiry(raw.ExpectExpireTime),
      progressPercent: toNumber(toText(raw.Progress)?.replace('%', '')),
      available: toBoolean(raw.IsAvail),
      parts: (Array.isArray(parts) ? parts : []).filter(isRawObject).map((part) => clusterBackupPart(part, scope)),
      raw,
    };
  },
};

/**
 * The backup policy (DescribeBackupPolicy). The contract notes do not cover this action for Redis; the fields read
 * are the ones RDS and PolarDB name alike, and the retention is read as a number whether it comes as one or as text.
 */
export async function kvstorePolicy(client: CloudClient, resource: Resource, signal: AbortSignal): Promise<BackupPolicy> {
  const { body } = await client.call(kvstoreProduct, 'DescribeBackupPolicy', resource.region, { InstanceId: resource.id }, signal);
  const retention = toNumber(body.BackupRetentionPeriod);
  const rows: DetailRow[] = [
    [msg('Retention'), retention === undefined ? undefined : { message: msg('{0} days'), args: [retention] }],
    [msg('Backup period'), toText(body.PreferredBackupPeriod)],
    [msg('Backup time'), toText(body.PreferredBackupTime)],
    [msg('Next backup'), toTime(body.PreferredNextBackupTime)],
  ];
  return { rows, schedule: weekdaySchedule(body) };
}

/**
 * Standard and classic cluster instances list DescribeBackups (a classic cluster's carry the shard they belong
 * to); cloud-native clusters list cluster backups, each expanding to its shards' backups.
 */
function instanceKindEntry(label: Message, title: Message, icon: string, list = kvstoreBackups): ResourceKindEntry {
  return {
    label,
    title,
    icon,
    filterable: true,
    children: (instance, filter, { windowDays }) => [
      windowedBackupListing('backups', list, instance, { windowDays, filter, notBefore: toTime(instance.raw.CreateTime) }),
    ],
    policy: kvstorePolicy,
  };
}

const instanceById = filteredById(kvstoreInstances, 'InstanceIds');
const ENGINES: readonly KvstoreEngine[] = ['Redis', 'Tair'];

/** Tair / Redis in the tree: Redis and Tair instances, listed by engine, each with its backups read window by window. */
export const kvstoreEntry: ProductEntry = {
  id: 'r-kvstore',
  title: msg('Tair / Redis'),
  emptyLabel: msg('No instances'),
  ownerLabel: msg('Instance'),
  regions: [kvstoreRegions],
  resources: (region) => [cappedInstanceListing('redis', { region, engine: 'Redis' }), cappedInstanceListing('tair', { region, engine: 'Tair' })],
  kinds: {
    kvstoreInstance: instanceKindEntry(msg('Tair / Redis instance'), msg('Instance {0}'), 'database'),
    kvstoreCluster: instanceKindEntry(msg('Tair / Redis cluster instance'), msg('Cluster instance {0}'), 'layers'),
    kvstoreCloudCluster: instanceKindEntry(msg('Tair / Redis cloud-native cluster instance'), msg('Cluster instance {0}'), 'layers', kvstoreClusterBackups),
  },
  // DescribeBackups has no status filter: the time range (and a backup ID) only.
  backupFilter: { statuses: [] },
  // r- for Redis and Tair alike. Backup IDs are integers, cluster backups cb-…. Each engine is asked for by name, as
  // in the tree, with the InstanceIds filter.
  ids: {
    resource: /^r-[a-z0-9]+$/,
    backup: /^(\d{1,20}|cb-[a-z0-9]+)$/,
    // DescribeBackups takes an integer BackupId only; cluster backup IDs are listed by cloud-native clusters alone.
    holdsBackup: (resource, id) => NUMERIC_ID.test(id) || resource.kind === 'kvstoreCloudCluster',
    findResource: (client, region, id, signal) => firstFound(ENGINES.map((engine) => withId(client, instanceById, { region, engine, id }, signal))),
  },
};
