import type { Expiry } from './values';
import type { ProductId, RawObject } from './types';

/** Status families that decide icons and menus; the API's own word is kept in `statusText`. */
export type StatusFamily = 'success' | 'running' | 'failed' | 'paused' | 'pending' | 'unknown';

export interface Region {
  id: string;
  name?: string;
}

/** A kind the product catalog defines (adbCluster, ddsShardNode, dbsPlan…): it decides icon, label and children. */
export type ResourceKind = string;

/** A cluster, instance, shard node or backup plan: something that owns backups. */
export interface Resource {
  product: ProductId;
  kind: ResourceKind;
  region: string;
  id: string;
  /** The human part: cluster description, plan name, node description. */
  name?: string;
  /** What tells it apart from its siblings at a glance (an edition, an engine and version). */
  summary?: string;
  status: StatusFamily;
  statusText?: string;
  /** For a shard node, the sharded cluster it belongs to. */
  parentId?: string;
  raw: RawObject;
}

export interface Backup {
  product: ProductId;
  region: string;
  /** The resource whose list this backup came from (cluster, instance or plan). */
  resourceId: string;
  /** Shard node, for a MongoDB sharded cluster. */
  nodeId?: string;
  /** Backup ID or, for DBS, backup set ID. */
  id: string;
  status: StatusFamily;
  statusText?: string;
  type?: string;
  method?: string;
  sizeBytes?: number;
  startTime?: Date;
  endTime?: Date;
  expiry?: Expiry;
  downloadUrl?: string;
  intranetDownloadUrl?: string;
  /** Automated or Manual, where the API says. */
  mode?: string;
  /** Percent done, while a backup runs. */
  progressPercent?: number;
  /** Whether it can be restored from (MongoDB cluster backups and their node backups say). */
  available?: boolean;
  /** The backups it is made of, e.g. one per shard and config server of a MongoDB cluster backup. */
  parts?: Backup[];
  raw: RawObject;
}

/** The fields of a DBS backup plan a person checks: schedule, retention, storage, source, status, precheck. */
export interface BackupPlanDetails {
  schedule: { days?: string; startTime?: string };
  retentionDays?: number;
  storage: { type?: string; bucket?: string; bucketRegion?: string };
  source: { type?: string; endpoint?: string; database?: string; region?: string; instanceId?: string; databaseType?: string };
  backupMethod?: string;
  createdAt?: Date;
  precheckError?: string;
}

export interface BackupFilter {
  start?: Date;
  end?: Date;
  status?: string;
  /** How it was started, in the API's words (RDS: Automated | Manual). */
  mode?: string;
  /** What it holds, in the API's words (RDS: FullBackup | IncrementalBackup). */
  type?: string;
  backupId?: string;
}
