import { randomBytes } from 'crypto';
import { commaList, Handler, intParam, optional, Params, required, tagFilters, timeRange } from './api';
import { isoSeconds } from './builders';
import { ApiError, gatewayErrors } from './errors';
import { DdsInstance, DdsNode } from './model';
import { intIn } from './random';
import { RegionDef } from './regions';
import { BackupSeries } from './series';

/** ApsaraDB for MongoDB 2015-12-01. Error codes are the documented `Invalid<Param>.Malformed` family. */

const malformed = (param: string) =>
  new ApiError(400, `Invalid${param}.Malformed`, `The Specified parameter ${param} is not valid.`);

const instanceNotFound = () => new ApiError(404, 'InvalidDBInstanceId.NotFound', 'The specified instance is not found.');

const PAGE_SIZES = [30, 50, 100];

function paging(p: Params): { pageSize: number; pageNumber: number } {
  const pageSize = intParam(p, 'PageSize', 30, (n) => PAGE_SIZES.includes(n), () =>
    new ApiError(400, 'InvalidPageSize.Malformed', 'The specified parameter PageSize is not valid.'),
  );
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
    CapacityUnit: '',
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
  if (d.type === 'replicate') {
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
  if (d.type === 'replicate') {
    return {
      ...common,
      ReplicaSetName: `mgset-${d.hinsId}`,
      ReplicaSets: {
        ReplicaSet: ['Primary', 'Secondary'].map((role, i) => ({
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
  const ids = commaList(optional(params, 'DBInstanceId'));
  const description = optional(params, 'DBInstanceDescription');
  const status = optional(params, 'DBInstanceStatus');
  const group = optional(params, 'ResourceGroupId');
  const tags = tagFilters(params);
  const matches = data.dds.instances.filter(
    (d) =>
      d.regionId === regionId &&
      d.type === type &&
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
function presign(regionId: string, expires: number): string {
  const ak = randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 16).padEnd(16, 'x');
  const sig = encodeURIComponent(randomBytes(20).toString('base64'));
  return `Expires=${expires}&OSSAccessKeyId=${ak}&Signature=${sig}&Region=${regionId}`;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
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
  let publicUrl = '';
  let intranetUrl = '';
  if (downloadable(i)) {
    const expires = Math.floor(now / 1000) + expirySeconds;
    const path = `custins${d.custinsId}/hins${o.hinsId}_data_${stamp(end)}.tar.gz`;
    publicUrl = `http://rdsbak-hz-v3.oss-${d.regionId}.aliyuncs.com/${path}?${presign(d.regionId, expires)}`;
    intranetUrl = `http://rdsbak-hz-v3.oss-${d.regionId}-internal.aliyuncs.com/${path}?${presign(d.regionId, expires)}`;
  }
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
  if (inst.type === 'replicate' && inst.backups) {
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
  const range =
    backupIds.length > 0
      ? {}
      : timeRange(params, {
          start: () => malformed('StartTime'),
          end: () => malformed('EndTime'),
          order: () =>
            new ApiError(
              400,
              'InvalidStartTimeAndEndTime.Malformed',
              'The Specified parameter StartTime or EndTime is not valid.',
            ),
        });
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

export const ddsActions: Readonly<Record<string, Handler>> = {
  DescribeRegions: describeRegions,
  DescribeDBInstances: describeDBInstances,
  DescribeDBInstanceAttribute: describeDBInstanceAttribute,
  DescribeBackups: describeBackups,
};

/** Exported so tests can predict which backups lack a URL, fail or never expire. */
export const ddsBackupTraits = { isFailed, keptForever, downloadable };
