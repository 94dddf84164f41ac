import { randomBytes } from 'crypto';
import { commaList, Handler, intParam, optional, Params, required, tagFilters, timeRange } from './api';
import { backupPeriodOf, nextWindowStart } from './backupPolicy';
import { isoSeconds } from './builders';
import { ApiError, gatewayErrors } from './errors';
import { DdsClusterBackups, DdsInstance, DdsNode } from './model';
import { hashString, intIn } from './random';
import { RegionDef } from './regions';
import { BackupSeries } from './series';

/** ApsaraDB for MongoDB 2015-12-01. Error codes are the documented `Invalid<Param>.Malformed` family. */

const malformed = (param: string) =>
  new ApiError(400, `Invalid${param}.Malformed`, `The Specified parameter ${param} is not valid.`);

const instanceNotFound = () => new ApiError(404, 'InvalidDBInstanceId.NotFound', 'The specified instance is not found.');

/** StartTime/EndTime errors of DescribeBackups and DescribeClusterBackups (the same documented codes). */
const timeErrors = {
  start: () => malformed('StartTime'),
  end: () => malformed('EndTime'),
  order: () =>
    new ApiError(400, 'InvalidStartTimeAndEndTime.Malformed', 'The Specified parameter StartTime or EndTime is not valid.'),
};

const PAGE_SIZES = [30, 50, 100];

const invalidPageSize = () => new ApiError(400, 'InvalidPageSize.Malformed', 'The specified parameter PageSize is not valid.');

function paging(p: Params): { pageSize: number; pageNumber: number } {
  const pageSize = intParam(p, 'PageSize', 30, (n) => PAGE_SIZES.includes(n), invalidPageSize);
  const pageNumber = intParam(p, 'PageNumber', 1, (n) => n >= 1, () => malformed('PageNumber'));
  return { pageSize, pageNumber };
}

/** From the SDK's endpoint map: these regions use the central host, the rest a regional one. */
const CENTRAL = new Set(['cn-hangzhou', 'cn-beijing', 'cn-shanghai', 'cn-wulanchabu', 'cn-heyuan']);

const describeRegions: Handler = ({ params, data }) => {
  const en = optional(params, 'AcceptLanguage') === 'en';
  const name = (r: RegionDef) => (en ? r.nameEn : r.nameZh);
  return {
    body: {
      Regions: {
        DdsRegion: data.dds.regions.map((r) => ({
          RegionId: r.regionId,
          RegionName: name(r),
          EndPoint: CENTRAL.has(r.regionId) ? 'mongodb.aliyuncs.com' : `mongodb.${r.regionId}.aliyuncs.com`,
          Zones: {
            Zone: r.zones.map((z) => ({
              ZoneId: `${r.regionId}-${z}`,
              ZoneName: en ? `${r.nameEn} Zone ${z.toUpperCase()}` : `${r.nameZh} 可用区${z.toUpperCase()}`,
              VpcEnabled: true,
            })),
          },
        })),
      },
    },
  };
};

/** Fields common to DescribeDBInstances and DescribeDBInstanceAttribute. */
function baseRecord(d: DdsInstance): Record<string, unknown> {
  return {
    BackupRetentionPolicy: 0,
    CapacityUnit: d.capacityUnit === undefined ? '' : String(d.capacityUnit),
    ChargeType: d.chargeType,
    CreationTime: d.creationTime,
    DBInstanceClass: d.instanceClass,
    DBInstanceDescription: d.description,
    DBInstanceId: d.id,
    DBInstanceStatus: d.status,
    DBInstanceStorage: d.storage,
    DBInstanceType: d.type,
    DestroyTime: '',
    Engine: 'MongoDB',
    EngineVersion: d.engineVersion,
    ExpireTime: d.expireTime,
    HiddenZoneId: d.zoneId,
    KindCode: '18',
    // Date only: one of the time shapes the API mixes.
    LastDowngradeTime: d.creationTime.slice(0, 10),
    LockMode: 'Unlock',
    NetworkType: 'VPC',
    RegionId: d.regionId,
    ReplicationFactor: String(d.replicationFactor),
    ResourceGroupId: d.resourceGroupId,
    SecondaryZoneId: d.zoneId,
    StorageType: d.storageType,
    Tags: { Tag: d.tags.map((t) => ({ Key: t.key, Value: t.value })) },
    VpcAuthMode: 'Open',
    ZoneId: d.zoneId,
  };
}

function listRecord(d: DdsInstance): object {
  // Serverless instances are replica sets underneath and carry no node lists.
  if (d.type !== 'sharding') {
    return { ...baseRecord(d), ReleaseTime: '' };
  }
  return {
    ...baseRecord(d),
    ReleaseTime: '',
    MongosList: {
      MongosAttribute: d.mongos.map((n) => ({ NodeClass: n.nodeClass, NodeDescription: n.description, NodeId: n.nodeId })),
    },
    ShardList: {
      ShardAttribute: d.shards.map((n) => ({
        NodeClass: n.nodeClass,
        NodeDescription: n.description,
        NodeId: n.nodeId,
        NodeStorage: n.storage,
        ReadonlyReplicas: 0,
      })),
    },
  };
}

function nodeDetail(d: DdsInstance, n: DdsNode): Record<string, unknown> {
  return {
    ConnectString: `${n.nodeId}.mongodb.${d.regionId}.rds.aliyuncs.com`,
    CurrentKernelVersion: `mongodb_20250801_${d.engineVersion}.0`,
    LockMode: 'Unlock',
    MaxConnections: 16000,
    MaxIOPS: 8000,
    NodeClass: n.nodeClass,
    NodeDescription: n.description,
    NodeId: n.nodeId,
    Port: 3717,
    Status: 'Running',
  };
}

function attributeRecord(d: DdsInstance): object {
  const host = `${d.id}.mongodb.${d.regionId}.rds.aliyuncs.com`;
  const common = {
    ...baseRecord(d),
    CurrentKernelVersion: `mongodb_20250801_${d.engineVersion}.0`,
    DBInstanceOrderStatus: 'normal',
    DBInstanceReleaseProtection: false,
    Encrypted: false,
    MaintainStartTime: '18:00Z',
    MaintainEndTime: '22:00Z',
    MaxConnections: 3000,
    MaxIOPS: 8000,
    ProtocolType: 'mongodb',
    ReadonlyReplicas: '0',
    StorageEngine: 'WiredTiger',
    UseClusterBackup: d.useClusterBackup,
    VPCId: d.vpcId,
    VSwitchId: d.vSwitchId,
  };
  if (d.type !== 'sharding') {
    // A single-node instance has its primary only.
    const roles = d.replicationFactor === 1 ? ['Primary'] : ['Primary', 'Secondary'];
    return {
      ...common,
      ReplicaSetName: `mgset-${d.hinsId}`,
      ReplicaSets: {
        ReplicaSet: roles.map((role, i) => ({
          ConnectionDomain: i === 0 ? host : host.replace(d.id, `${d.id}-${i}`),
          ConnectionPort: '3717',
          NetworkType: 'VPC',
          ReplicaSetRole: role,
          VPCCloudInstanceId: `${d.id}-vpc`,
          VPCId: d.vpcId,
          VSwitchId: d.vSwitchId,
        })),
      },
    };
  }
  return {
    ...common,
    ShardList: {
      ShardAttribute: d.shards.map((n) => ({
        ...nodeDetail(d, n),
        MaxDiskMbps: '350',
        NodeStorage: n.storage,
        ReadonlyReplicas: 0,
        ReplicaSetName: `mgset-${n.nodeId}`,
      })),
    },
    MongosList: {
      MongosAttribute: d.mongos.map((n) => {
        const detail = nodeDetail(d, n);
        // The real API carries both spellings.
        return { ...detail, ConnectSting: detail.ConnectString, VPCId: d.vpcId, VSwitchId: d.vSwitchId, VpcCloudInstanceId: `${n.nodeId}-vpc` };
      }),
    },
    ConfigserverList: {
      ConfigserverAttribute: d.configServers.map((n) => ({ ...nodeDetail(d, n), NodeStorage: n.storage })),
    },
  };
}

const describeDBInstances: Handler = ({ params, data }) => {
  const regionId = required(params, 'RegionId');
  if (!data.dds.regions.some((r) => r.regionId === regionId)) {
    throw gatewayErrors.invalidRegion();
  }
  const { pageSize, pageNumber } = paging(params);
  // Sharded clusters only appear when asked for: DBInstanceType defaults to replicate.
  const type = optional(params, 'DBInstanceType') ?? 'replicate';
  // Serverless is documented for the China site only; the answer elsewhere is not documented (this one is a guess).
  if (type === 'serverless' && !regionId.startsWith('cn-')) {
    throw new ApiError(400, 'InvalidParameter', 'The specified parameter DBInstanceType serverless is not supported in this region.');
  }
  // customized: single-node (and DBFS) instances; standard: replica sets and sharded clusters; default: all.
  const nodeType = optional(params, 'DBNodeType');
  const single = (d: DdsInstance) => d.replicationFactor === 1;
  const replicationFactor = optional(params, 'ReplicationFactor');
  const ids = commaList(optional(params, 'DBInstanceId'));
  const description = optional(params, 'DBInstanceDescription');
  const status = optional(params, 'DBInstanceStatus');
  const group = optional(params, 'ResourceGroupId');
  const tags = tagFilters(params);
  const matches = data.dds.instances.filter(
    (d) =>
      d.regionId === regionId &&
      d.type === type &&
      (nodeType !== 'customized' || single(d)) &&
      (nodeType !== 'standard' || !single(d)) &&
      (replicationFactor === undefined || String(d.replicationFactor) === replicationFactor) &&
      (ids.length === 0 || ids.includes(d.id)) &&
      (description === undefined || d.description.includes(description)) &&
      (status === undefined || d.status === status) &&
      (group === undefined || d.resourceGroupId === group) &&
      tags.every((t) => d.tags.some((dt) => dt.key === t.key && (t.value === undefined || dt.value === t.value))),
  );
  const start = (pageNumber - 1) * pageSize;
  return {
    body: {
      DBInstances: { DBInstance: matches.slice(start, start + pageSize).map(listRecord) },
      PageNumber: pageNumber,
      PageSize: pageSize,
      TotalCount: matches.length,
    },
  };
};

const describeDBInstanceAttribute: Handler = ({ params, data }) => {
  const inst = data.findDdsInstance(required(params, 'DBInstanceId'));
  if (!inst) {
    throw instanceNotFound();
  }
  return { body: { DBInstances: { DBInstance: [attributeRecord(inst)] } } };
};

const SECOND = 1000;
const DAY = 86_400 * SECOND;

/** Deterministic per-index traits; the fixed moduli guarantee each kind shows up in small series. */
const isFailed = (i: number) => i % 11 === 5;
const keptForever = (i: number) => i % 9 === 4 && !isFailed(i);
const downloadable = (i: number) => !isFailed(i) && i % 7 !== 3;

/** Fresh OSS-style query signature: real URLs are presigned per call, so never the same twice. */
export function presign(regionId: string, expires: number): string {
  const ak = randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 16).padEnd(16, 'x');
  const sig = encodeURIComponent(randomBytes(20).toString('base64'));
  return `Expires=${expires}&OSSAccessKeyId=${ak}&Signature=${sig}&Region=${regionId}`;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** Public and intranet URLs of a backup file of host `hinsId`, each presigned afresh. */
function downloadUrls(
  d: DdsInstance,
  hinsId: number,
  endMs: number,
  now: number,
  expirySeconds: number,
): { publicUrl: string; intranetUrl: string } {
  const expires = Math.floor(now / 1000) + expirySeconds;
  const path = `custins${d.custinsId}/hins${hinsId}_data_${stamp(endMs)}.tar.gz`;
  return {
    publicUrl: `http://rdsbak-hz-v3.oss-${d.regionId}.aliyuncs.com/${path}?${presign(d.regionId, expires)}`,
    intranetUrl: `http://rdsbak-hz-v3.oss-${d.regionId}-internal.aliyuncs.com/${path}?${presign(d.regionId, expires)}`,
  };
}

interface BackupOwner {
  readonly instance: DdsInstance;
  readonly series: BackupSeries;
  /** Host instance number in the OSS path; shard nodes get their own. */
  readonly hinsId: number;
}

function backupRecord(o: BackupOwner, i: number, now: number, expirySeconds: number): object {
  const { instance: d, series: s } = o;
  const start = s.startMs(i);
  const end = start + intIn(s.seed, i, 3, 60, 2400) * SECOND;
  const id = String(s.id(i));
  const { publicUrl, intranetUrl } = downloadable(i)
    ? downloadUrls(d, o.hinsId, end, now, expirySeconds)
    : { publicUrl: '', intranetUrl: '' };
  return {
    BackupDBNames: '',
    BackupDownloadURL: publicUrl,
    BackupEndTime: isoSeconds(end),
    BackupExpireTime: keptForever(i) ? '9999-01-01T00:00:00Z' : isoSeconds(start + 730 * DAY),
    BackupId: id,
    BackupIntranetDownloadURL: intranetUrl,
    BackupJobId: String(s.id(i) - 1_500_000_000),
    BackupMethod: d.storageType === 'local_ssd' ? 'Physical' : 'Snapshot',
    BackupMode: keptForever(i) ? 'Manual' : 'Automated',
    BackupName: `${id}.tar.gz`,
    BackupScale: 'DBInstance',
    BackupSize: intIn(s.seed, i, 2, 100_000_000, 50_000_000_000),
    BackupStartTime: isoSeconds(start),
    BackupStatus: isFailed(i) ? 'Failed' : 'Success',
    BackupType: 'FullBackup',
    EngineVersion: d.engineVersion,
    IsAvail: !isFailed(i),
  };
}

function backupOwner(params: Params, inst: DdsInstance): BackupOwner {
  // Replica sets, single-node and serverless instances keep their backups on the instance.
  if (inst.type !== 'sharding' && inst.backups) {
    return { instance: inst, series: inst.backups, hinsId: inst.hinsId };
  }
  // Sharded: backups are per shard node, so the node is mandatory.
  const nodeId = required(params, 'NodeId');
  const index = inst.shards.findIndex((n) => n.nodeId === nodeId);
  const series = inst.shards[index]?.backups;
  if (!series) {
    throw new ApiError(404, 'InvalidNodeId.NotFound', 'The specified node does not exist.');
  }
  return { instance: inst, series, hinsId: inst.hinsId + index + 1 };
}

const describeBackups: Handler = ({ params, data, now, urlExpirySeconds }) => {
  const inst = data.findDdsInstance(required(params, 'DBInstanceId'));
  if (!inst) {
    throw instanceNotFound();
  }
  const owner = backupOwner(params, inst);
  const { pageSize, pageNumber } = paging(params);
  const backupIds = commaList(optional(params, 'BackupId'));
  const jobId = optional(params, 'BackupJobId');
  // The documentation says StartTime/EndTime are ignored when BackupId is given.
  const range = backupIds.length > 0 ? {} : timeRange(params, timeErrors);
  const s = owner.series;
  const wanted = new Set(backupIds.map((id) => s.indexOfId(Number(id))));
  const match =
    backupIds.length > 0 || jobId !== undefined
      ? (i: number) =>
          (backupIds.length === 0 || wanted.has(i)) && (jobId === undefined || String(s.id(i) - 1_500_000_000) === jobId)
      : undefined;
  const { total, indices } = s.query({ ...range, match }, (pageNumber - 1) * pageSize, pageSize);
  return {
    body: {
      Backups: { Backup: indices.map((i) => backupRecord(owner, i, now, urlExpirySeconds)) },
      PageNumber: pageNumber,
      PageSize: pageSize,
      TotalCount: total,
    },
  };
};

/* ---- DescribeClusterBackups: sharded clusters in cluster-backup mode (UseClusterBackup) ---- */

/** META's enum; the SDK text names 30/50/100 only. META24's default is 20, which the SDK text contradicts (30). */
const CLUSTER_PAGE_SIZES = [5, 10, 20, 30, 50, 100];
const CLUSTER_DEFAULT_PAGE_SIZE = 20;

/** Per-index traits of cluster backups, like ddsBackupTraits; a running backup is neither failed nor manual. */
const clusterFailed = (i: number) => i % 29 === 17;
const clusterManual = (i: number) => i % 10 === 3;
/** Backups from before the switch to cluster backups carry RegistryFromHistory "1". */
const fromHistory = (i: number) => i < 10;
/** Node k of cluster backup i has no URL (besides failed nodes, which never have one). */
const nodeWithoutUrl = (i: number, k: number) => (i + k) % 5 === 2;

/** `cb-` and 15 lower-case alphanumerics (the documented example is `cb-o8c2ugnxo26kx***`): a per-instance tag, then the series ID. */
function clusterBackupId(d: DdsInstance, cb: DdsClusterBackups, i: number): string {
  return `cb-${clusterTag(d)}${cb.series.id(i).toString(36)}`;
}

function clusterTag(d: DdsInstance): string {
  return hashString(d.id).toString(36).padStart(8, '0').slice(-8);
}

/** Index of a cluster backup ID of this instance, or -1. */
function clusterBackupIndex(d: DdsInstance, cb: DdsClusterBackups, id: string): number {
  const m = /^cb-([a-z0-9]{8})([a-z0-9]{1,10})$/.exec(id);
  return m && m[1] === clusterTag(d) ? cb.series.indexOfId(parseInt(m[2], 36)) : -1;
}

interface NodeBackup {
  readonly record: object;
  readonly size: number;
  readonly endMs: number;
}

/** The backup of shard `k` within cluster backup `i`. */
function nodeBackup(d: DdsInstance, cb: DdsClusterBackups, i: number, k: number, failed: boolean, now: number, expirySeconds: number): NodeBackup {
  const s = cb.series;
  const node = d.shards[k];
  const start = s.startMs(i) + intIn(s.seed, i, 10 + k, 0, 20) * SECOND;
  const end = start + intIn(s.seed, i, 20 + k, 300, 3600) * SECOND;
  const size = failed ? 0 : intIn(s.seed, i, 30 + k, 1_000_000_000, 80_000_000_000);
  const id = String(s.id(i) * 10 + k + 1);
  const { publicUrl, intranetUrl } =
    failed || nodeWithoutUrl(i, k)
      ? { publicUrl: '', intranetUrl: '' }
      : downloadUrls(d, d.hinsId + k + 1, end, now, expirySeconds);
  return {
    size,
    endMs: end,
    record: {
      BackupDownloadURL: publicUrl,
      BackupEndTime: isoSeconds(end),
      BackupId: id,
      BackupIntranetDownloadURL: intranetUrl,
      BackupName: `${id}.tar.gz`,
      // A string here, an int64 in DescribeBackups.
      BackupSize: String(size),
      BackupStartTime: isoSeconds(start),
      BackupStatus: failed ? 'Failed' : 'Success',
      ExtraInfo: {
        InstanceClass: node.nodeClass,
        NodeId: node.nodeId,
        NodeType: 'db',
        StorageSize: String(node.storage * 1024),
      },
      InstanceName: node.nodeId,
      // "0"/"1" strings here; the cluster's IsAvail is an integer and DescribeBackups' a boolean.
      IsAvail: failed ? '0' : '1',
    },
  };
}

function clusterBackupRecord(
  d: DdsInstance,
  cb: DdsClusterBackups,
  i: number,
  withNodes: boolean,
  now: number,
  expirySeconds: number,
): object {
  const s = cb.series;
  const start = s.startMs(i);
  const running = i >= s.count - cb.runningNewest;
  const failed = !running && clusterFailed(i);
  const manual = !running && !failed && clusterManual(i);
  // While running, only the first shard has finished; the others are not listed yet (a guess: the documented
  // node statuses are Success and Failed only). In a failed backup, the last shard failed.
  const nodes = d.shards
    .map((_, k) => k)
    .filter((k) => !running || k === 0)
    .map((k) => nodeBackup(d, cb, i, k, failed && k === d.shards.length - 1, now, expirySeconds));
  const record: Record<string, unknown> = {
    AttachLogStatus: running ? 'Init' : failed ? 'Failed' : 'Ready',
    BackupExpireTime: manual ? '9999-01-01T00:00:00Z' : isoSeconds(start + 730 * DAY),
    ClusterBackupEndTime: running ? '' : isoSeconds(Math.max(...nodes.map((n) => n.endMs))),
    ClusterBackupId: clusterBackupId(d, cb, i),
    ClusterBackupMode: manual ? 'Manual' : 'Automated',
    // Bytes, as a string.
    ClusterBackupSize: String(nodes.reduce((sum, n) => sum + n.size, 0)),
    ClusterBackupStartTime: isoSeconds(start),
    ClusterBackupStatus: running ? 'Running' : failed ? 'Failed' : 'OK',
    EngineVersion: d.engineVersion,
    // An object on the wire, though described as JSON.
    ExtraInfo: { RegistryFromHistory: fromHistory(i) ? '1' : '0' },
    // An integer: 0 while a node backup is unfinished or failed.
    IsAvail: running || failed ? 0 : 1,
  };
  if (running) {
    record.Progress = String(intIn(s.seed, i, 40, 5, 95));
  }
  if (withNodes) {
    record.Backups = nodes.map((n) => n.record);
  }
  return record;
}

const describeClusterBackups: Handler = ({ params, data, now, urlExpirySeconds }) => {
  const inst = data.findDdsInstance(required(params, 'DBInstanceId'));
  if (!inst) {
    throw instanceNotFound();
  }
  const pageSize = intParam(params, 'PageSize', CLUSTER_DEFAULT_PAGE_SIZE, (n) => CLUSTER_PAGE_SIZES.includes(n), invalidPageSize);
  // The page is PageNo. PageNumber is no parameter of this API: like any unknown parameter it is ignored.
  const pageNo = intParam(params, 'PageNo', 1, (n) => n >= 1, () => malformed('PageNo'));
  const backupId = optional(params, 'BackupId');
  // As in DescribeBackups, the time range is ignored when BackupId is given.
  const range = backupId === undefined ? timeRange(params, timeErrors) : {};
  const withNodes = optional(params, 'IsOnlyGetClusterBackUp')?.toLowerCase() !== 'true';
  // An instance that is not in cluster-backup mode: undocumented; answered with an empty list.
  const cb = inst.clusterBackups;
  let items: object[] = [];
  if (cb) {
    const wanted = backupId === undefined ? undefined : clusterBackupIndex(inst, cb, backupId);
    const match = wanted === undefined ? undefined : (i: number) => i === wanted;
    const { indices } = cb.series.query({ ...range, match }, (pageNo - 1) * pageSize, pageSize);
    items = indices.map((i) => clusterBackupRecord(inst, cb, i, withNodes, now, urlExpirySeconds));
  }
  return {
    // No TotalCount: MaxResults is the number of items on this page.
    body: { ClusterBackups: items, MaxResults: items.length, PageNumber: pageNo, PageSize: pageSize },
  };
};

/**
 * DBInstanceId (a sharded cluster's for its shards) → the policy: BackupRetentionPeriod a string (730 days, as the
 * backups' BackupExpireTime), EnableBackupLog and BackupInterval integers (-1: no high-frequency backups).
 */
const describeBackupPolicy: Handler = ({ params, data, now }) => {
  const inst = data.findDdsInstance(required(params, 'DBInstanceId'));
  if (!inst) {
    throw instanceNotFound();
  }
  return {
    body: {
      PreferredBackupPeriod: backupPeriodOf(inst.backups ?? inst.clusterBackups?.series ?? inst.shards[0]?.backups),
      PreferredBackupTime: '16:00Z-17:00Z',
      PreferredNextBackupTime: nextWindowStart(now, 16),
      BackupRetentionPeriod: '730',
      EnableBackupLog: 0,
      LogBackupRetentionPeriod: 7,
      SnapshotBackupType: 'Standard',
      BackupInterval: -1,
      HighFrequencyBackupRetention: '1',
    },
  };
};

export const ddsActions: Readonly<Record<string, Handler>> = {
  DescribeRegions: describeRegions,
  DescribeDBInstances: describeDBInstances,
  DescribeDBInstanceAttribute: describeDBInstanceAttribute,
  DescribeBackups: describeBackups,
  DescribeClusterBackups: describeClusterBackups,
  DescribeBackupPolicy: describeBackupPolicy,
};

/** Exported so tests can predict which backups lack a URL, fail or never expire. */
export const ddsBackupTraits = { isFailed, keptForever, downloadable };

/** The same for cluster backups (index i of the cluster's series) and their node backups (shard k). */
export const ddsClusterBackupTraits = { failed: clusterFailed, manual: clusterManual, fromHistory, nodeWithoutUrl };
