import { Product } from './errors';
import type { PolardbCluster } from './polardb';
import { RegionDef } from './regions';
import { BackupSeries } from './series';
import type { RdsData } from './rdsData';
import type { KvstoreData } from './kvstoreData';

/** Every generated time counts back from here, so runs are reproducible. 2026-11-01T00:00:00Z. */
export const BASE_TIME_MS = Date.UTC(2026, 10, 1);

export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** What the networking fields of every resource need. */
interface Placement {
  readonly id: string;
  readonly regionId: string;
  zoneId: string;
  resourceGroupId: string;
  vpcId: string;
  vSwitchId: string;
  tags: Tag[];
}

export interface AdbCluster extends Placement {
  description: string;
  status: string;
  payType: 'Postpaid' | 'Prepaid';
  /** ISO with seconds; `2999-09-08T16:00:00Z` for pay-as-you-go. */
  expireTime: string;
  expired: boolean;
  createTime: string;
  dbVersion: string;
  nodeClass: string;
  nodeCount: number;
  nodeStorage: number;
  executorCount: number;
  computeResource: string;
  storageResource: string;
  diskType: string;
  port: number;
  /** How many of the newest backups are still Running. */
  runningNewest: number;
  readonly backups: BackupSeries;
}

/**
 * An AnalyticDB for MySQL 5.0 cluster (`amv-…`: Enterprise, Basic or Lakehouse edition). Only the 2021-12-01 API
 * knows it; the 2019-03-15 API answers as for an unknown cluster.
 */
export interface Adb5Cluster extends Placement {
  description: string;
  status: string;
  productVersion: 'EnterpriseVersion' | 'BasicVersion';
  productForm: 'IntegrationForm' | 'LegacyForm';
  payType: 'Postpaid' | 'Prepaid';
  /** ISO with seconds; empty for pay-as-you-go (this API version has no 2999 sentinel). */
  expireTime: string;
  createTime: string;
  /** ACU figures, served as strings like "24ACU". */
  computeAcu: number;
  storageAcu: number;
  reservedAcu: number;
  /** GB, served as an integer. */
  nodeStorage: number;
  port: number;
  /** Days a backup is kept: BackupExpiredTime = start + this. */
  retentionDays: number;
  /** How many of the newest local backups are still Running. */
  runningNewest: number;
  /** Local backups (`Remote=false`, the default). */
  readonly backups: BackupSeries;
  /** Cross-region copies (`Remote=true`), with the region that holds them. */
  readonly remote?: { readonly regionId: string; readonly backups: BackupSeries };
}

export interface DdsNode {
  readonly nodeId: string;
  description: string;
  nodeClass: string;
  storage: number;
  /** Only shard nodes of a sharded cluster have backups. */
  readonly backups?: BackupSeries;
}

/** Cluster backups of a sharded cluster in cluster-backup mode (DescribeClusterBackups); one entry per cluster backup. */
export interface DdsClusterBackups {
  readonly series: BackupSeries;
  /** How many of the newest are still Running. */
  runningNewest: number;
}

export interface DdsInstance extends Placement {
  /** `replicate` also covers single-node (standalone) instances, as the API lists them; `serverless` is China-only. */
  readonly type: 'replicate' | 'sharding' | 'serverless';
  description: string;
  status: string;
  engineVersion: string;
  instanceClass: string;
  storage: number;
  storageType: string;
  chargeType: 'PostPaid' | 'PrePaid';
  creationTime: string;
  /** No-seconds form (`yyyy-MM-ddTHH:mmZ`), as the API returns it. */
  expireTime: string;
  replicationFactor: number;
  useClusterBackup: boolean;
  /** Numbers that appear in the OSS object path of download URLs. */
  custinsId: number;
  hinsId: number;
  shards: DdsNode[];
  mongos: DdsNode[];
  configServers: DdsNode[];
  /** Replica sets only; sharded clusters keep backups per shard node. */
  readonly backups?: BackupSeries;
  /** Sharded clusters with `useClusterBackup` only: what DescribeClusterBackups lists. */
  readonly clusterBackups?: DdsClusterBackups;
  /** Serverless instances only: the `CapacityUnit` they report. */
  capacityUnit?: number;
}

export interface DbsPlan {
  readonly id: string;
  readonly regionId: string;
  name: string;
  /** wait | init | running | stop | pause | locked | check_pass */
  status: string;
  /** Precheck error of a plan stuck in `init`; empty otherwise. */
  errMessage: string;
  databaseType: string;
  backupMethod: 'logical' | 'physical';
  sourceInstanceType: string;
  sourceInstanceId: string;
  sourceHost: string;
  sourcePort: number;
  sourceDatabase: string;
  sourceUser: string;
  /** JSON document, served as a string. */
  backupObjects: string;
  /** "HH:mm" */
  backupStartTime: string;
  backupPeriod: string;
  createTimeMs: number;
  instanceClass: string;
  retentionDays: number;
  ossBucketName: string;
  resourceGroupId: string;
  chargeType: 'PREPAY' | 'POSTPAY';
  instanceExpiredMs: number;
  enableBackupLog: boolean;
  readonly backups: BackupSeries;
  /** Binlog (incremental) backup files for DescribeIncrementBackupList; absent: none. */
  increments?: BackupSeries;
}

/** Where a backup series lives, for addBackups and for region-scoped fault matching. */
interface SeriesOwner {
  readonly regionId: string;
  readonly series?: BackupSeries;
}

/** All resources the emulator serves. Arrays are plain and mutable so tests can add or change resources. */
export class Dataset {
  constructor(
    readonly adb: { regions: RegionDef[]; clusters: AdbCluster[] },
    readonly dds: { regions: RegionDef[]; instances: DdsInstance[] },
    readonly dbs: { regions: RegionDef[]; plans: DbsPlan[] },
  ) {}

  /** AnalyticDB 5.0 clusters, served by the 2021-12-01 API only; their regions are `adb.regions`. */
  readonly adb5: Adb5Cluster[] = [];
  /** PolarDB clusters (polardb.ts). */
  readonly polardb: PolardbCluster[] = [];

  /** ApsaraDB RDS instances (rdsData.ts); empty unless a dataset adds some. */
  readonly rds: RdsData = { regions: [], instances: [] };
  /** Tair / Redis instances (kvstoreData.ts). */
  readonly kvstore: KvstoreData = { regions: [], instances: [] };

  findAdbCluster(id: string): AdbCluster | undefined {
    return this.adb.clusters.find((c) => c.id === id);
  }

  findAdb5Cluster(id: string): Adb5Cluster | undefined {
    return this.adb5.find((c) => c.id === id);
  }

  findDdsInstance(id: string): DdsInstance | undefined {
    return this.dds.instances.find((i) => i.id === id);
  }

  /** The sharded instance and shard node for a node ID. */
  findDdsShard(nodeId: string): { instance: DdsInstance; node: DdsNode } | undefined {
    for (const instance of this.dds.instances) {
      const node = instance.shards.find((n) => n.nodeId === nodeId);
      if (node) {
        return { instance, node };
      }
    }
    return undefined;
  }

  findDbsPlan(id: string): DbsPlan | undefined {
    return this.dbs.plans.find((p) => p.id === id);
  }

  private owner(product: Product, resourceId: string): SeriesOwner | undefined {
    const polar = product === 'polardb' ? this.polardb.find((c) => c.id === resourceId) : undefined;
    if (polar) return { regionId: polar.regionId, series: polar.backups };
    if (product === 'adb') {
      const c = this.findAdbCluster(resourceId) ?? this.findAdb5Cluster(resourceId);
      return c && { regionId: c.regionId, series: c.backups };
    }
    const kv = product === 'r-kvstore' ? this.kvstore.instances.find((i) => i.id === resourceId) : undefined;
    if (kv) return { regionId: kv.regionId, series: kv.backups };
    if (product === 'rds') {
      const r = this.rds.instances.find((i) => i.id === resourceId);
      return r && { regionId: r.regionId, series: r.backups };
    }
    if (product === 'dbs') {
      const p = this.findDbsPlan(resourceId);
      return p && { regionId: p.regionId, series: p.backups };
    }
    const inst = this.findDdsInstance(resourceId);
    if (inst) {
      // A cluster in cluster-backup mode is addressed by its own ID, its cluster backups being the series.
      return { regionId: inst.regionId, series: inst.backups ?? inst.clusterBackups?.series };
    }
    const shard = this.findDdsShard(resourceId);
    return shard && { regionId: shard.instance.regionId, series: shard.node.backups };
  }

  /** Region of a cluster, instance, shard node or plan. */
  regionOf(product: Product, resourceId: string): string | undefined {
    return this.owner(product, resourceId)?.regionId;
  }

  /** Number of backups of a resource (for a dds sharded cluster: pass a shard node ID). */
  backupCount(product: Product, resourceId: string): number {
    const series = this.owner(product, resourceId)?.series;
    if (!series) {
      throw new Error(`no ${product} resource with backups: ${resourceId}`);
    }
    return series.count;
  }

  /**
   * Adds `count` backups newer than all existing ones; returns the new total. For a dds sharded cluster pass
   * the shard node ID (d-…), since backups are listed per node; for one in cluster-backup mode, its own ID.
   */
  addBackups(product: Product, resourceId: string, count: number): number {
    if (!Number.isInteger(count) || count < 0) {
      throw new Error(`count must be a non-negative integer: ${count}`);
    }
    const series = this.owner(product, resourceId)?.series;
    if (!series) {
      throw new Error(`no ${product} resource with backups: ${resourceId}`);
    }
    return series.add(count);
  }

  /**
   * Removes the `count` newest backups (deleted ones, say); returns the new total. In a list paged newest first
   * these sit before any later page's offset, so that page starts further on and skips as many backups unseen.
   */
  removeBackups(product: Product, resourceId: string, count: number): number {
    const series = this.owner(product, resourceId)?.series;
    if (!series) {
      throw new Error(`no ${product} resource with backups: ${resourceId}`);
    }
    if (!Number.isInteger(count) || count < 0 || count > series.count) {
      throw new Error(`count must be an integer from 0 to ${series.count}: ${count}`);
    }
    // A series is a count of backups derived by index, so the newest end is the one it can drop.
    return series.add(-count);
  }
}
