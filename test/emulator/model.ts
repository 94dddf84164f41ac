import { Product } from './errors';
import { RegionDef } from './regions';
import { BackupSeries } from './series';

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

export interface DdsNode {
  readonly nodeId: string;
  description: string;
  nodeClass: string;
  storage: number;
  /** Only shard nodes of a sharded cluster have backups. */
  readonly backups?: BackupSeries;
}

export interface DdsInstance extends Placement {
  readonly type: 'replicate' | 'sharding';
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

  findAdbCluster(id: string): AdbCluster | undefined {
    return this.adb.clusters.find((c) => c.id === id);
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
    if (product === 'adb') {
      const c = this.findAdbCluster(resourceId);
      return c && { regionId: c.regionId, series: c.backups };
    }
    if (product === 'dbs') {
      const p = this.findDbsPlan(resourceId);
      return p && { regionId: p.regionId, series: p.backups };
    }
    const inst = this.findDdsInstance(resourceId);
    if (inst) {
      return { regionId: inst.regionId, series: inst.backups };
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
   * the shard node ID (d-…), since backups are listed per node.
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
