import type { CloudClient } from '../cloud/client';
import { commonBackupFields } from '../cloud/backupFields';
import type { Backup, BackupFilter, Resource } from '../cloud/models';
import { fetchAll, fetchPage, PAGE_NO_WITHOUT_TOTAL, PAGE_NUMBER_FROM_1, type ListAction } from '../cloud/paging';
import { centralOrRegional, type ProductDescriptor } from '../cloud/product';
import { regionObjects, type RegionsAction } from '../cloud/regions';
import { resourceStatusFamily } from '../cloud/status';
import { dig, isRawObject, type RawObject } from '../cloud/types';
import { formatMinuteUtc, toBoolean, toExpiry, toNumber, toText, toTime } from '../cloud/values';
import { statusFamily } from '../cloud/status';
import { msg, type Entry, type Listing, type Message, type ProductEntry, type ResourceKindEntry, type BackupPolicy } from './catalog';
import { backupListing, resourceListing } from './listings';
import { filteredById, firstFound, withId } from './lookup';
import { weekdayPolicy } from './weekdayPolicy';

/** ApsaraDB for MongoDB. The product code is dds; the hosts say mongodb. */
export const ddsProduct: ProductDescriptor = {
  id: 'dds',
  version: '2015-12-01',
  endpointHost: centralOrRegional('mongodb.aliyuncs.com', 'mongodb', [
    'cn-hangzhou', 'cn-beijing', 'cn-shanghai', 'cn-wulanchabu', 'cn-heyuan', 'cn-hongkong', 'us-west-1', 'us-east-1',
  ]),
};

export const ddsRegions: RegionsAction = {
  product: ddsProduct,
  parse: regionObjects(['Regions', 'DdsRegion'], 'RegionName'),
};

/**
 * DescribeDBInstances lists one type a call: replica sets (standalone instances included), sharded clusters, and
 * serverless instances, which only China regions serve.
 */
export type InstanceType = 'replicate' | 'sharding' | 'serverless';

export interface InstanceListScope {
  region: string;
  type: InstanceType;
}

/** The types a region lists: serverless instances exist on the China site only. */
function instanceTypes(region: string): InstanceType[] {
  return ['replicate', 'sharding', ...(region.startsWith('cn-') ? (['serverless'] as const) : [])];
}

export const ddsInstances: ListAction<InstanceListScope, Resource> = {
  product: ddsProduct,
  action: 'DescribeDBInstances',
  paging: PAGE_NUMBER_FROM_1,
  itemsPath: ['DBInstances', 'DBInstance'],
  region: (scope) => scope.region,
  params: (scope) => ({ RegionId: scope.region, DBInstanceType: scope.type }),
  normalise: (raw, scope) => ({
    product: 'dds',
    kind: instanceKind(scope.type, raw),
    region: scope.region,
    id: toText(raw.DBInstanceId) ?? '',
    name: toText(raw.DBInstanceDescription),
    status: resourceStatusFamily(toText(raw.DBInstanceStatus)),
    statusText: toText(raw.DBInstanceStatus),
    raw,
  }),
};

/** A single-node instance comes back under `replicate`; one replica (`ReplicationFactor` "1") tells it apart. */
function instanceKind(type: InstanceType, raw: RawObject): string {
  if (type === 'sharding') return 'ddsShardedCluster';
  if (type === 'serverless') return 'ddsServerless';
  return toText(raw.ReplicationFactor) === '1' ? 'ddsStandalone' : 'ddsReplicaSet';
}

function shardNode(raw: RawObject, region: string, instanceId: string): Resource {
  return {
    product: 'dds',
    kind: 'ddsShardNode',
    region,
    id: toText(raw.NodeId) ?? '',
    name: toText(raw.NodeDescription),
    status: resourceStatusFamily(toText(raw.Status)),
    statusText: toText(raw.Status),
    parentId: instanceId,
    raw,
  };
}

export interface ShardNodes {
  nodes: Resource[];
  /**
   * Newer sharded cloud-disk clusters keep cluster backups, which DescribeBackups does not list; the tree says
   * so instead of showing empty shards.
   */
  usesClusterBackup: boolean;
}

/** The shard nodes of a sharded cluster (DescribeDBInstanceAttribute), each listed for backups with NodeId. */
export async function describeShardNodes(client: CloudClient, region: string, instanceId: string, signal?: AbortSignal): Promise<ShardNodes> {
  const { body } = await client.call(ddsProduct, 'DescribeDBInstanceAttribute', region, { DBInstanceId: instanceId, Engine: 'MongoDB' }, signal);
  const instances = dig(body, ['DBInstances', 'DBInstance']);
  const instance = Array.isArray(instances) ? instances[0] : undefined;
  const shards = dig(instance, ['ShardList', 'ShardAttribute']);
  const nodes = (Array.isArray(shards) ? shards : []).filter(isRawObject).map((raw) => shardNode(raw, region, instanceId));
  return { nodes, usesClusterBackup: toBoolean(dig(instance, ['UseClusterBackup'])) === true };
}

export interface InstanceScope {
  region: string;
  instanceId: string;
  /** Required for a shard of a sharded cluster. */
  nodeId?: string;
  filter?: BackupFilter;
}

export const ddsBackups: ListAction<InstanceScope, Backup> = {
  product: ddsProduct,
  action: 'DescribeBackups',
  paging: PAGE_NUMBER_FROM_1,
  itemsPath: ['Backups', 'Backup'],
  region: (scope) => scope.region,
  // DescribeBackups takes no RegionId: the region only picks the endpoint.
  params: ({ instanceId, nodeId, filter }) => ({
    DBInstanceId: instanceId,
    NodeId: nodeId,
    BackupId: filter?.backupId,
    StartTime: filter?.start && formatMinuteUtc(filter.start),
    EndTime: filter?.end && formatMinuteUtc(filter.end),
  }),
  normalise: (raw, scope) => ({
    product: 'dds',
    region: scope.region,
    resourceId: scope.instanceId,
    nodeId: scope.nodeId,
    ...commonBackupFields(raw),
    expiry: toExpiry(raw.BackupExpireTime),
    downloadUrl: toText(raw.BackupDownloadURL),
    intranetDownloadUrl: toText(raw.BackupIntranetDownloadURL),
    raw,
  }),
};

/** One node's part of a cluster backup: its own ID, size, times and download URLs. */
function clusterBackupPart(raw: RawObject, scope: InstanceScope): Backup {
  return {
    product: 'dds',
    region: scope.region,
    resourceId: scope.instanceId,
    nodeId: toText(dig(raw, ['ExtraInfo', 'NodeId'])) ?? toText(raw.InstanceName),
    ...commonBackupFields(raw),
    downloadUrl: toText(raw.BackupDownloadURL),
    intranetDownloadUrl: toText(raw.BackupIntranetDownloadURL),
    // "0"/"1" here, an integer on the cluster backup itself.
    available: toBoolean(raw.IsAvail),
    raw,
  };
}

/** A sharded cluster's cluster backups (DescribeClusterBackups): pages by `PageNo`, reports no total. */
export const ddsClusterBackups: ListAction<InstanceScope, Backup> = {
  product: ddsProduct,
  action: 'DescribeClusterBackups',
  paging: PAGE_NO_WITHOUT_TOTAL,
  itemsPath: ['ClusterBackups'],
  region: (scope) => scope.region,
  params: ({ instanceId, filter }) => ({
    DBInstanceId: instanceId,
    // Only a cluster backup ID narrows this list; a node's backup ID is found among the parts of the newest page.
    BackupId: filter?.backupId?.startsWith('cb-') ? filter.backupId : undefined,
    StartTime: filter?.start && formatMinuteUtc(filter.start),
    EndTime: filter?.end && formatMinuteUtc(filter.end),
  }),
  normalise: (raw, scope) => {
    const parts = raw.Backups;
    return {
      product: 'dds',
      region: scope.region,
      resourceId: scope.instanceId,
      id: toText(raw.ClusterBackupId) ?? '',
      status: statusFamily(toText(raw.ClusterBackupStatus)),
      statusText: toText(raw.ClusterBackupStatus),
      mode: toText(raw.ClusterBackupMode),
      sizeBytes: toNumber(raw.ClusterBackupSize),
      startTime: toTime(raw.ClusterBackupStartTime),
      endTime: toTime(raw.ClusterBackupEndTime),
      expiry: toExpiry(raw.BackupExpireTime),
      progressPercent: toNumber(toText(raw.Progress)?.replace('%', '')),
      available: toBoolean(raw.IsAvail),
      parts: (Array.isArray(parts) ? parts : []).filter(isRawObject).map((part) => clusterBackupPart(part, scope)),
      raw,
    };
  },
};

/**
 * What a sharded cluster holds: its shard nodes, each listing its own backups, or, when it keeps cluster backups
 * (`UseClusterBackup`), those, each made of per-node backups. The attribute call decides, on the first page.
 */
function shardsOrClusterBackups(cluster: Resource, filter: BackupFilter | undefined): Listing {
  const scope: InstanceScope = { region: cluster.region, instanceId: cluster.id, filter };
  let clusterBackups = false;
  const asBackups = async (client: CloudClient, index: number, pageSize: number, signal: AbortSignal) => {
    const page = await fetchPage(client, ddsClusterBackups, scope, index, pageSize, signal);
    return { ...page, items: page.items.map((backup): Entry => ({ backup })) };
  };
  return {
    key: 'members',
    product: 'dds',
    action: 'DescribeDBInstanceAttribute',
    fetch: async (client, index, pageSize, signal) => {
      if (index > 0 && clusterBackups) return asBackups(client, index, pageSize, signal);
      const found = await describeShardNodes(client, cluster.region, cluster.id, signal);
      clusterBackups = found.usesClusterBackup;
      if (clusterBackups) return asBackups(client, index, pageSize, signal);
      const items = found.nodes.map((resource): Entry => ({ resource }));
      return { items, total: items.length, index: 0, loaded: items.length, hasMore: false };
    },
  };
}

const instanceById = filteredById(ddsInstances, 'DBInstanceId');

/**
 * An instance by ID, asked once per instance type: DBInstanceType defaults to replicate and no source says that an
 * ID overrides it, so a sharded cluster asked for without its type could go unseen.
 */
function findInstance(client: CloudClient, region: string, id: string, signal: AbortSignal): Promise<Resource | undefined> {
  return firstFound(instanceTypes(region).map((type) => withId(client, instanceById, { region, type, id }, signal)));
}

/** A shard node (d-…) is no instance of its own: it is in the ShardList of its sharded cluster's list item. */
async function findShardNode(client: CloudClient, region: string, nodeId: string, signal: AbortSignal): Promise<Resource | undefined> {
  for (const cluster of await fetchAll(client, ddsInstances, { region, type: 'sharding' }, 100, signal)) {
    const shards = dig(cluster.raw, ['ShardList', 'ShardAttribute']);
    const raw = (Array.isArray(shards) ? shards : []).filter(isRawObject).find((shard) => toText(shard.NodeId) === nodeId);
    if (raw) return shardNode(raw, region, cluster.id);
  }
  return undefined;
}
/**
 * An instance's backup policy (DescribeBackupPolicy), a sharded cluster's included: its shard nodes follow it.
 * BackupInterval is the minutes between high-frequency backups, -1 when off.
 */
async function instancePolicy(client: CloudClient, instance: Resource, signal: AbortSignal): Promise<BackupPolicy> {
  const { body } = await client.call(ddsProduct, 'DescribeBackupPolicy', instance.region, { DBInstanceId: instance.id }, signal);
  return weekdayPolicy(body, body.BackupInterval);
}

/** Replica sets, standalone and serverless instances: their backups come straight from DescribeBackups. */
function instanceKindEntry(label: Message, title: Message, icon: string): ResourceKindEntry {
  return {
    label,
    title,
    icon,
    filterable: true,
    children: (instance, filter) => [backupListing('backups', ddsBackups, { region: instance.region, instanceId: instance.id, filter })],
    policy: instancePolicy,
  };
}

/** ApsaraDB for MongoDB in the tree: one listing per instance type, made in parallel. */
export const ddsEntry: ProductEntry = {
  id: 'dds',
  title: msg('ApsaraDB for MongoDB'),
  emptyLabel: msg('No instances'),
  ownerLabel: msg('Instance'),
  regions: [ddsRegions],
  resources: (region) => instanceTypes(region).map((type) => resourceListing(type, ddsInstances, { region, type })),
  kinds: {
    ddsReplicaSet: instanceKindEntry(msg('MongoDB replica set'), msg('Replica set {0}'), 'database'),
    ddsStandalone: instanceKindEntry(msg('MongoDB standalone instance'), msg('Standalone instance {0}'), 'circle-large-outline'),
    ddsServerless: instanceKindEntry(msg('MongoDB serverless instance'), msg('Serverless instance {0}'), 'cloud'),
    ddsShardedCluster: {
      label: msg('MongoDB sharded cluster'),
      title: msg('Sharded cluster {0}'),
      icon: 'layers',
      filterable: true,
      children: (cluster, filter) => [shardsOrClusterBackups(cluster, filter)],
      policy: instancePolicy,
    },
    ddsShardNode: {
      label: msg('MongoDB shard node'),
      title: msg('Shard node {0}'),
      icon: 'symbol-namespace',
      filterable: true,
      children: (shard, filter) => [
        backupListing('backups', ddsBackups, { region: shard.region, instanceId: shard.parentId ?? '', nodeId: shard.id, filter }),
      ],
    },
  },
  backupFilter: { statuses: [] },
  // dds- instances of every type and d- shard nodes (the API reference's DBInstanceId and NodeId examples; mongos
  // s-… and config servers hold no backups of their own). Backup IDs are numbers, cluster backups cb-….
  ids: {
    resource: /^(dds|d)-[a-z0-9]+$/,
    backup: /^(\d{1,20}|cb-[a-z0-9]+)$/,
    // Only a sharded cluster lists cluster backups; it is also the way to its shard nodes.
    holdsBackup: (resource, id) => !id.startsWith('cb-') || resource.kind === 'ddsShardedCluster',
    findResource: (client, region, id, signal) => (id.startsWith('d-') ? findShardNode(client, region, id, signal) : findInstance(client, region, id, signal)),
  },
};
