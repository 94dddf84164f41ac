import { AdbCluster, BASE_TIME_MS, DbsPlan, DdsInstance, DdsNode, Tag } from './model';
import { hashString, Prng } from './random';
import { regionDef } from './regions';
import { BackupSeries } from './series';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/** ISO-8601 UTC with seconds, e.g. 2026-10-31T16:00:00Z. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** ISO-8601 UTC without seconds, e.g. 2026-10-31T16:00Z (ADB backup times, dds expiry). */
export function isoMinutes(ms: number): string {
  return new Date(ms).toISOString().replace(/:\d{2}\.\d{3}Z$/, 'Z');
}

interface Common {
  readonly id: string;
  readonly regionId: string;
  readonly description?: string;
  readonly backups: number;
  /** Hours between backups (default 24). */
  readonly stepHours?: number;
  readonly tags?: Tag[];
}

export interface AdbOptions extends Common {
  readonly runningNewest?: number;
  readonly payType?: 'Postpaid' | 'Prepaid';
  readonly status?: string;
}

export interface DdsOptions extends Common {
  readonly chargeType?: 'PostPaid' | 'PrePaid';
  readonly storageType?: string;
  readonly engineVersion?: string;
}

export interface DdsShardedOptions extends Omit<DdsOptions, 'backups'> {
  /** Backups per shard node; the node IDs are given or derived. */
  readonly shards: readonly { readonly nodeId: string; readonly backups: number }[];
}

export interface DbsOptions extends Common {
  readonly name?: string;
  readonly status?: string;
  readonly errMessage?: string;
  readonly databaseType?: string;
}

/**
 * Builds resources in a fixed order from one seeded generator. Every backup series gets its own block of a
 * million IDs, so IDs are unique across the dataset and map back to (series, index) by arithmetic.
 */
export class Builder {
  private ordinal = 0;
  readonly prng: Prng;

  constructor(seed: number) {
    this.prng = new Prng(seed);
  }

  /** A backup series with the next ID block; public so product-specific builders (ddsFamilies.ts) can add their own. */
  series(resourceId: string, count: number, stepHours: number, granularityMs: number): BackupSeries {
    this.ordinal++;
    return new BackupSeries({
      seed: hashString(resourceId),
      initialCount: count,
      stepMs: stepHours * HOUR,
      granularityMs,
      endMs: BASE_TIME_MS,
      idBase: 3_000_000_000 + this.ordinal * 1_000_000,
    });
  }

  private zone(regionId: string): string {
    return `${regionId}-${this.prng.pick(regionDef(regionId).zones)}`;
  }

  private placement(o: Common): {
    zoneId: string;
    resourceGroupId: string;
    vpcId: string;
    vSwitchId: string;
    tags: Tag[];
  } {
    return {
      zoneId: this.zone(o.regionId),
      resourceGroupId: `rg-acfm${this.prng.id(11)}`,
      vpcId: `vpc-${this.prng.id(21)}`,
      vSwitchId: `vsw-${this.prng.id(21)}`,
      tags: o.tags ?? [{ key: 'env', value: this.prng.pick(['prod', 'staging', 'dev']) }],
    };
  }

  private createdMs(): number {
    return BASE_TIME_MS - this.prng.int(200, 900) * DAY - this.prng.int(0, 86_399) * 1000;
  }

  adbCluster(o: AdbOptions): AdbCluster {
    const payType = o.payType ?? 'Postpaid';
    const executors = this.prng.pick([2, 4, 8]);
    return {
      id: o.id,
      regionId: o.regionId,
      ...this.placement(o),
      description: o.description ?? o.id,
      status: o.status ?? 'Running',
      payType,
      expireTime: payType === 'Prepaid' ? isoSeconds(BASE_TIME_MS + 120 * DAY - 8 * HOUR) : '2999-09-08T16:00:00Z',
      expired: false,
      createTime: isoSeconds(this.createdMs()),
      dbVersion: '3.0',
      nodeClass: this.prng.pick(['E8', 'E32', 'C8']),
      nodeCount: this.prng.int(1, 4),
      nodeStorage: this.prng.pick([100, 300, 1000]),
      executorCount: executors,
      computeResource: `${executors * 8}Core${executors * 32}GB`,
      storageResource: `${executors * 4}Core${executors * 16}GB`,
      diskType: 'cloud_essd',
      port: 3306,
      runningNewest: o.runningNewest ?? 0,
      backups: this.series(o.id, o.backups, o.stepHours ?? 24, 60_000),
    };
  }

  private ddsBase(o: Omit<DdsOptions, 'backups'>, type: 'replicate' | 'sharding'): Omit<DdsInstance, 'backups'> {
    const chargeType = o.chargeType ?? 'PostPaid';
    const place = this.placement({ ...o, backups: 0 });
    return {
      id: o.id,
      regionId: o.regionId,
      ...place,
      type,
      description: o.description ?? o.id,
      status: 'Running',
      engineVersion: o.engineVersion ?? this.prng.pick(['4.4', '5.0', '6.0']),
      instanceClass: type === 'replicate' ? 'dds.mongo.mid' : 'mdb.shard.4x.large.d',
      storage: this.prng.pick([20, 50, 100]),
      storageType: o.storageType ?? this.prng.pick(['local_ssd', 'cloud_essd1']),
      chargeType,
      creationTime: isoSeconds(this.createdMs()),
      expireTime: chargeType === 'PrePaid' ? isoMinutes(BASE_TIME_MS + 65 * DAY - 8 * HOUR) : '2999-09-08T16:00Z',
      replicationFactor: 3,
      useClusterBackup: false,
      custinsId: this.prng.int(10_000_000, 99_999_999),
      hinsId: this.prng.int(100_000_000, 999_999_999),
      shards: [],
      mongos: [],
      configServers: [],
    };
  }

  ddsReplica(o: DdsOptions): DdsInstance {
    return { ...this.ddsBase(o, 'replicate'), backups: this.series(o.id, o.backups, o.stepHours ?? 24, 1000) };
  }

  ddsSharded(o: DdsShardedOptions): DdsInstance {
    const base = this.ddsBase(o, 'sharding');
    const node = (nodeId: string, description: string, nodeClass: string, backups?: number): DdsNode => ({
      nodeId,
      description,
      nodeClass,
      storage: 20,
      backups: backups === undefined ? undefined : this.series(nodeId, backups, o.stepHours ?? 24, 1000),
    });
    const tag = o.id.replace(/^dds-/, '').slice(0, 3);
    return {
      ...base,
      shards: o.shards.map((s, i) => node(s.nodeId, `shard-${i + 1}`, 'mdb.shard.4x.large.d', s.backups)),
      mongos: [1, 2].map((i) => node(`s-${tag}mongos00000${i}`, `mongos-${i}`, 'mdb.shard.2x.xlarge.d')),
      configServers: [node(`c-${tag}config0000001`, 'configserver', 'mdb.shard.2x.xlarge.d')],
    };
  }

  dbsPlan(o: DbsOptions): DbsPlan {
    const databaseType = o.databaseType ?? 'MySQL';
    const db = this.prng.pick(['orders', 'billing', 'inventory']);
    return {
      id: o.id,
      regionId: o.regionId,
      name: o.name ?? o.id,
      status: o.status ?? 'running',
      errMessage: o.errMessage ?? '',
      databaseType,
      backupMethod: 'logical',
      sourceInstanceType: 'rds',
      sourceInstanceId: `rm-${this.prng.id(17)}`,
      sourceHost: `10.${this.prng.int(0, 255)}.${this.prng.int(0, 255)}.${this.prng.int(1, 254)}`,
      sourcePort: 3306,
      sourceDatabase: db,
      sourceUser: 'dbs_backup',
      backupObjects: JSON.stringify([{ DBName: db, TableIncludes: [{ TableName: 'events' }], TableExcludes: [] }]),
      backupStartTime: `${String(this.prng.int(0, 23)).padStart(2, '0')}:${this.prng.pick(['00', '15', '30', '45'])}`,
      backupPeriod: this.prng.pick(['Monday', 'Monday,Thursday', 'Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday']),
      createTimeMs: this.createdMs(),
      instanceClass: this.prng.pick(['micro', 'small', 'medium', 'large']),
      retentionDays: this.prng.pick([7, 30, 365, 730]),
      ossBucketName: `dbs-backup-${this.prng.int(1_000_000_000, 1_999_999_999)}-${o.regionId}`,
      resourceGroupId: `rg-acfm${this.prng.id(11)}`,
      chargeType: 'POSTPAY',
      instanceExpiredMs: BASE_TIME_MS + 365 * DAY,
      enableBackupLog: true,
      backups: this.series(o.id, o.backups, o.stepHours ?? 24, 1000),
    };
  }
}
