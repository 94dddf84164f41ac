import { Builder } from './builders';
import { DdsInstance } from './model';

/**
 * The MongoDB instance families beyond the plain replica set and per-shard-backup cluster: a sharded cluster in
 * cluster-backup mode (DescribeClusterBackups), serverless instances (DBInstanceType=serverless, China regions)
 * and a single-node (standalone) instance, which the API lists under `replicate`.
 */

export interface ClusterBackupOptions {
  readonly id: string;
  readonly regionId: string;
  readonly description: string;
  readonly shardNodeIds: readonly string[];
  /** Cluster backups, one a day, the newest shortly before BASE_TIME_MS. */
  readonly clusterBackups: number;
  /** How many of the newest are still Running (default 1). */
  readonly runningNewest?: number;
}

/**
 * A sharded cluster on cloud disks that keeps cluster backups: `UseClusterBackup` is true, MongoDB 4.4 or later on
 * ESSD (the prerequisites of TransferClusterBackup). Its shard nodes list no backups of their own through
 * DescribeBackups (an empty list, not an error, since what the real API does there is not documented).
 */
export function ddsClusterBackupCluster(b: Builder, o: ClusterBackupOptions): DdsInstance {
  const cluster = b.ddsSharded({
    id: o.id,
    regionId: o.regionId,
    description: o.description,
    engineVersion: '5.0',
    storageType: 'cloud_essd1',
    shards: o.shardNodeIds.map((nodeId) => ({ nodeId, backups: 0 })),
  });
  return {
    ...cluster,
    useClusterBackup: true,
    clusterBackups: { series: b.series(o.id, o.clusterBackups, 24, 1000), runningNewest: o.runningNewest ?? 1 },
  };
}

export interface SingleOptions {
  readonly id: string;
  readonly regionId: string;
  readonly description: string;
  readonly backups: number;
}

/** A serverless instance: a replica set underneath, backed up and listed for backups like one. */
export function ddsServerless(b: Builder, o: SingleOptions & { readonly capacityUnit: number }): DdsInstance {
  const base = b.ddsReplica({ ...o, engineVersion: '5.0', storageType: 'cloud_essd1' });
  return { ...base, type: 'serverless', instanceClass: 'dds.mongo.serverless', capacityUnit: o.capacityUnit };
}

/**
 * A single-node instance. Nothing documented in a DescribeDBInstances item marks it; it is served with
 * `ReplicationFactor: "1"` (a guess; replica sets say "3") and matches the documented filter DBNodeType=customized.
 */
export function ddsStandalone(b: Builder, o: SingleOptions): DdsInstance {
  const base = b.ddsReplica({ ...o, storageType: 'cloud_essd1' });
  return { ...base, replicationFactor: 1, instanceClass: 'dds.sn4.xlarge.1' };
}

/** IDs of the sample dataset's instances of these families (merged into SAMPLE_IDS.dds). */
export const DDS_FAMILY_IDS = {
  clusterBackup: 'dds-bp1clusterbk001',
  clusterBackupShardNodes: ['d-bp1clbkshard001', 'd-bp1clbkshard002'],
  serverless: 'dds-bp1serverless01',
  serverless2: 'dds-bp1serverless02',
  standalone: 'dds-bp1standalone01',
} as const;

/** Counts the sample dataset gives them; tests read them from here rather than repeating numbers. */
export const DDS_FAMILY_COUNTS = {
  clusterBackups: 45,
  serverlessBackups: 12,
  serverless2Backups: 3,
  standaloneBackups: 10,
} as const;

/**
 * The sample instances of these families, all in cn-hangzhou. Built after every other sample resource so that
 * adding them changed nothing the earlier resources draw from the builder.
 */
export function ddsFamilySamples(b: Builder): DdsInstance[] {
  const ids = DDS_FAMILY_IDS;
  const hz = 'cn-hangzhou';
  return [
    ddsClusterBackupCluster(b, {
      id: ids.clusterBackup,
      regionId: hz,
      description: 'orders-cluster-backup',
      shardNodeIds: ids.clusterBackupShardNodes,
      clusterBackups: DDS_FAMILY_COUNTS.clusterBackups,
    }),
    ddsServerless(b, {
      id: ids.serverless,
      regionId: hz,
      description: 'sessions-serverless',
      backups: DDS_FAMILY_COUNTS.serverlessBackups,
      capacityUnit: 2000,
    }),
    ddsServerless(b, {
      id: ids.serverless2,
      regionId: hz,
      description: 'cache-serverless',
      backups: DDS_FAMILY_COUNTS.serverless2Backups,
      capacityUnit: 500,
    }),
    ddsStandalone(b, {
      id: ids.standalone,
      regionId: hz,
      description: 'dev-single-node',
      backups: DDS_FAMILY_COUNTS.standaloneBackups,
    }),
  ];
}
