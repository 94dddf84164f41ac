import type { CloudClient } from './client';
import { commonBackupFields } from './backupFields';
import type { Backup, BackupFilter, Resource } from './models';
import { PAGE_NUMBER_FROM_1, type ListAction } from './paging';
import { centralOrRegional, type ProductDescriptor } from './product';
import { regionObjects, type RegionsAction } from './regions';
import { resourceStatusFamily } from './status';
import { dig, isRawObject, type RawObject } from './types';
import { formatMinuteUtc, toBoolean, toExpiry, toText } from './values';

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

/** DescribeDBInstances lists replica sets unless asked for sharded clusters: two listings, one per type. */
export type InstanceType = 'replicate' | 'sharding';

export interface InstanceListScope {
  region: string;
  type: InstanceType;
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
    kind: scope.type === 'sharding' ? 'ddsShardedCluster' : 'ddsReplicaSet',
    region: scope.region,
    id: toText(raw.DBInstanceId) ?? '',
    name: toText(raw.DBInstanceDescription),
    status: resourceStatusFamily(toText(raw.DBInstanceStatus)),
    statusText: toText(raw.DBInstanceStatus),
    raw,
  }),
};

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
