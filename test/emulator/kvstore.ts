import { commaList, Handler, intParam, optional, Params, required, timeRange } from './api';
import { isoMinutes, isoSeconds } from './builders';
import { presign } from './dds';
import { ApiError, gatewayErrors } from './errors';
import { KvstoreInstance } from './kvstoreData';
import { Dataset } from './model';
import { intIn } from './random';
import { RegionDef } from './regions';

/**
 * Tair / Redis (`r-kvstore`, 2015-01-01): DescribeRegions, DescribeInstances, DescribeBackups, DescribeBackupPolicy
 * and DescribeClusterBackupList (GET only). Source: alibaba-api-contract-2.md §5; the guesses are in the README.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const CENTRAL = new Set(['cn-qingdao', 'cn-beijing', 'cn-wulanchabu', 'cn-hangzhou', 'cn-shanghai', 'cn-heyuan', 'cn-hangzhou-finance']);

const malformed = (name: string) => () => new ApiError(400, `Invalid${name}.Malformed`, `The specified parameter ${name} is not valid.`);
const instanceNotFound = () => new ApiError(404, 'InvalidInstanceId.NotFound', 'The specified instance is not found.');
const TIME_ERRORS = { start: malformed('StartTime'), end: malformed('EndTime'), order: malformed('StartTimeAndEndTime') };
const BACKUP_PAGE_SIZES = [30, 50, 100, 200, 300, 1000];

function localName(r: RegionDef, lang: string): string {
  return lang === 'en-US' ? r.nameEn : r.nameZh;
}

const describeRegions: Handler = ({ params, data }) => {
  const lang = optional(params, 'AcceptLanguage') ?? 'zh-CN';
  return {
    body: {
      RegionIds: {
        KVStoreRegion: data.kvstore.regions.map((r) => {
          const zones = r.zones.map((z) => `${r.regionId}-${z}`);
          return {
            RegionId: r.regionId,
            LocalName: localName(r, lang),
            RegionEndpoint: CENTRAL.has(r.regionId) ? 'r-kvstore.aliyuncs.com' : `r-kvstore.${r.regionId}.aliyuncs.com`,
            ZoneIds: zones.join(','),
            ZoneIdList: { ZoneId: zones },
          };
        }),
      },
    },
  };
};

function instanceRecord(i: KvstoreInstance): object {
  return {
    InstanceId: i.id,
    InstanceName: i.name,
    InstanceStatus: i.status,
    InstanceType: i.engine,
    EditionType: i.engine === 'Tair' ? 'Enterprise' : 'Community',
    ArchitectureType: i.architecture,
    NodeType: 'MASTER_SLAVE',
    EngineVersion: i.engineVersion,
    InstanceClass: i.instanceClass,
    ShardCount: i.shards.length,
    Capacity: i.capacity,
    ComputingType: i.computing,
    ChargeType: 'PostPaid',
    CreateTime: i.createTime,
    EndTime: '',
    RegionId: i.regionId,
    ZoneId: i.zoneId,
    IsRds: true,
    Port: 6379,
    // A JSON document inside a string, as documented.
    Config: JSON.stringify({ appendonly: 'yes', 'maxmemory-policy': 'volatile-lru' }),
  };
}

function findInstance(data: Dataset, id: string): KvstoreInstance {
  const found = data.kvstore.instances.find((i) => i.id === id);
  if (!found) {
    throw instanceNotFound();
  }
  return found;
}

const describeInstances: Handler = ({ params, data }) => {
  const regionId = optional(params, 'RegionId');
  if (regionId !== undefined && !data.kvstore.regions.some((r) => r.regionId === regionId)) {
    throw gatewayErrors.invalidRegion();
  }
  // "Maximum 50" per the text (META allows 1000): the emulator holds clients to the stricter reading.
  const pageSize = intParam(params, 'PageSize', 30, (n) => n >= 1 && n <= 50, malformed('PageSize'));
  const pageNumber = intParam(params, 'PageNumber', 1, (n) => n >= 1, malformed('PageNumber'));
  const ids = commaList(optional(params, 'InstanceIds'));
  // META24's default; whether the real API lists Tair without InstanceType is not confirmed.
  const engine = optional(params, 'InstanceType') ?? 'Redis';
  const architecture = optional(params, 'ArchitectureType');
  const status = optional(params, 'InstanceStatus');
  const matches = data.kvstore.instances.filter(
    (i) =>
      (regionId === undefined || i.regionId === regionId) &&
      (ids.length === 0 || ids.includes(i.id)) &&
      i.engine === engine &&
      (architecture === undefined || i.architecture === architecture) &&
      (status === undefined || i.status === status),
  );
  const start = (pageNumber - 1) * pageSize;
  return {
    body: {
      Instances: { KVStoreInstance: matches.slice(start, start + pageSize).map(instanceRecord) },
      TotalCount: matches.length,
      PageNumber: pageNumber,
      PageSize: pageSize,
    },
  };
};

/** Deterministic traits of run i, shard s. */
const failed = (i: number, s: number) => (i + s) % 17 === 11;
const manual = (i: number) => i % 10 === 3;
const shardsOf = (inst: KvstoreInstance) => Math.max(1, inst.shards.length);

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function backupRecord(inst: KvstoreInstance, i: number, s: number, now: number, expirySeconds: number): object {
  const series = inst.backups;
  const start = series.startMs(i);
  const bad = failed(i, s);
  const id = inst.idBase + i * shardsOf(inst) + s;
  const node = inst.shards[s] ?? inst.id;
  const expires = Math.floor(now / 1000) + expirySeconds;
  const path = `${inst.id}/${node}/hins${id}_data_${stamp(start)}.rdb`;
  const url = (host: string) => (bad ? '' : `http://rdsbak-${host}.aliyuncs.com/${path}?${presign(inst.regionId, expires)}`);
  return {
    // An integer on the wire, unlike every other product's backup IDs.
    BackupId: id,
    BackupJobID: 2_000_000_000 + i,
    NodeInstanceId: node,
    BackupStatus: bad ? 'Failed' : 'Success',
    BackupType: 'FullBackup',
    BackupMethod: 'Physical',
    BackupMode: manual(i) ? 'Manual' : 'Automated',
    BackupSize: bad ? 0 : intIn(series.seed, i * 8 + s, 2, 50_000_000, 4_000_000_000),
    BackupStartTime: isoSeconds(start),
    BackupEndTime: isoSeconds(start + intIn(series.seed, i * 8 + s, 3, 1, 10) * MINUTE),
    BackupDBNames: 'all',
    EngineVersion: inst.engineVersion,
    BackupDownloadURL: url(`oss-${inst.regionId}`),
    BackupIntranetDownloadURL: url(`oss-${inst.regionId}-internal`),
    RecoverConfigMode: JSON.stringify({ whitelist: true, config: true, account: true }),
    ExpectExpireTime: isoSeconds(start + inst.retentionDays * DAY),
  };
}

/** The window is required; both absent and malformed times are 400s, MissingParameter first. */
function requiredWindow(p: Params): { fromMs?: number; toMs?: number } {
  required(p, 'StartTime');
  required(p, 'EndTime');
  return timeRange(p, TIME_ERRORS);
}

/** One page of (run, shard) pairs, newest run first, shards in order within a run. */
function backupEntries(inst: KvstoreInstance, p: Params, offset: number, limit: number): { total: number; entries: [number, number][] } {
  const range = requiredWindow(p);
  const per = shardsOf(inst);
  const wanted = optional(p, 'BackupId');
  if (wanted !== undefined) {
    const k = /^\d{1,18}$/.test(wanted) ? Number(wanted) - inst.idBase : -1;
    const run = Math.floor(k / per);
    const ok = k >= 0 && run < inst.backups.count && inst.backups.query({ ...range, match: (i) => i === run }, 0, 1).total === 1;
    return { total: ok ? 1 : 0, entries: ok && offset === 0 ? [[run, k % per]] : [] };
  }
  const runs = inst.backups.query(range, Math.floor(offset / per), Math.ceil(limit / per) + 1);
  const flat = runs.indices.flatMap((i) => Array.from({ length: per }, (_, s): [number, number] => [i, s]));
  const skip = offset % per;
  return { total: runs.total * per, entries: flat.slice(skip, skip + limit) };
}

const describeBackups: Handler = ({ params, data, now, urlExpirySeconds }) => {
  const inst = findInstanceRequired(data, params);
  const pageSize = intParam(params, 'PageSize', 30, (n) => BACKUP_PAGE_SIZES.includes(n), malformed('PageSize'));
  const pageNumber = intParam(params, 'PageNumber', 1, (n) => n >= 1, malformed('PageNumber'));
  const { total, entries } = backupEntries(inst, params, (pageNumber - 1) * pageSize, pageSize);
  return {
    body: {
      Backups: { Backup: entries.map(([i, s]) => backupRecord(inst, i, s, now, urlExpirySeconds)) },
      TotalCount: total,
      PageNumber: pageNumber,
      PageSize: pageSize,
      FullStorageSize: inst.backups.count * shardsOf(inst) * 1_000_000_000,
      LogStorageSize: 0,
      FreeSize: 0,
    },
  };
};

/** InstanceId is checked before the window (both are MissingParameter when absent). */
function findInstanceRequired(data: Dataset, p: Params): KvstoreInstance {
  const id = required(p, 'InstanceId');
  required(p, 'StartTime');
  required(p, 'EndTime');
  return findInstance(data, id);
}

/** The next 02:00Z, the start of the sample instances' backup time. */
function nextBackupTime(now: number): string {
  const today = now - (now % DAY) + 2 * 60 * MINUTE;
  return isoMinutes(today > now ? today : today + DAY);
}

const describeBackupPolicy: Handler = ({ params, data, now }) => {
  const inst = findInstance(data, required(params, 'InstanceId'));
  return {
    body: {
      // A string, as the SDK types it; the extension reads it as a number either way.
      BackupRetentionPeriod: String(inst.retentionDays),
      PreferredBackupPeriod: 'Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday',
      PreferredBackupTime: '02:00Z-03:00Z',
      PreferredNextBackupTime: nextBackupTime(now),
      EnableBackupLog: 0,
      DbsInstance: '0',
    },
  };
};

/**
 * Cluster backups of a cluster instance: RegionId, InstanceId and the window required; no TotalCount; a bare
 * `ClusterBackups` array, each with one `Backups` entry per shard (BackupId a string here). Served for GET only.
 */
const describeClusterBackupList: Handler = ({ params, data, now, urlExpirySeconds }) => {
  const regionId = required(params, 'RegionId');
  const inst = findInstanceRequired(data, params);
  if (inst.regionId !== regionId) {
    throw instanceNotFound();
  }
  const pageSize = intParam(params, 'PageSize', 30, (n) => [5, 10, 15, 20, ...BACKUP_PAGE_SIZES].includes(n), malformed('PageSize'));
  const pageNumber = intParam(params, 'PageNumber', 1, (n) => n >= 1, malformed('PageNumber'));
  const range = requiredWindow(params);
  const runs = inst.architecture === 'cluster' && inst.computing === 'Ecs' ? inst.backups.query(range, (pageNumber - 1) * pageSize, pageSize).indices : [];
  const clusterBackups = runs.map((i) => {
    const parts = inst.shards.map((_, s) => ({ s, r: backupRecord(inst, i, s, now, urlExpirySeconds) as Record<string, unknown> }));
    const ok = parts.every(({ s }) => !failed(i, s));
    return {
      ClusterBackupId: `cb-${inst.id.slice(2, 12)}${String(i).padStart(5, '0')}`,
      ClusterBackupStatus: ok ? 'OK' : 'FAILED',
      ClusterBackupMode: manual(i) ? 'Manual' : 'Automated',
      ClusterBackupSize: String(parts.reduce((sum, { r }) => sum + Number(r.BackupSize), 0)),
      ClusterBackupStartTime: parts[0]?.r.BackupStartTime,
      ClusterBackupEndTime: parts[parts.length - 1]?.r.BackupEndTime,
      ExpectExpireTime: parts[0]?.r.ExpectExpireTime,
      IsAvail: ok ? 1 : 0,
      Progress: '100%',
      ShardClassMemory: 1024,
      Backups: parts.map(({ s, r }) => ({
        BackupId: String(r.BackupId),
        InstanceName: inst.shards[s],
        BackupDownloadURL: r.BackupDownloadURL,
        BackupIntranetDownloadURL: r.BackupIntranetDownloadURL,
        BackupSize: String(r.BackupSize),
        IsAvail: failed(i, s) ? '0' : '1',
        BackupStatus: failed(i, s) ? 'ERROR' : 'OK',
        BackupName: `hins${String(r.BackupId)}_data.rdb`,
        Engine: 'redis',
        RecoverConfigMode: 'null',
        ExtraInfo: { CustinsDbVersion: inst.engineVersion },
        BackupStartTime: r.BackupStartTime,
        // The documented example has no Z here.
        BackupEndTime: String(r.BackupEndTime).replace(/Z$/, ''),
      })),
    };
  });
  return {
    body: { ClusterBackups: clusterBackups, MaxResults: clusterBackups.length, PageNumber: pageNumber, PageSize: pageSize, FullStorageSize: 0, LogStorageSize: 0, FreeSize: 0 },
  };
};

export const kvstoreActions: Readonly<Record<string, Handler>> = {
  DescribeRegions: describeRegions,
  DescribeInstances: describeInstances,
  DescribeBackups: describeBackups,
  DescribeBackupPolicy: describeBackupPolicy,
  DescribeClusterBackupList: describeClusterBackupList,
};

/** Actions the SDK sends as GET; any other method is refused before the handler runs. */
export const KVSTORE_GET_ONLY: ReadonlySet<string> = new Set(['DescribeClusterBackupList']);

/** Expectations without an HTTP round trip: BackupId of run i, shard s. */
export function kvstoreBackupId(inst: KvstoreInstance, i: number, s = 0): number {
  return inst.idBase + i * shardsOf(inst) + s;
}

/** For fault matching and the control API: the instance's region and backup runs. */
export function kvstoreOwner(data: Dataset, id: string): { regionId: string; series: KvstoreInstance['backups'] } | undefined {
  const inst = data.kvstore.instances.find((i) => i.id === id);
  return inst && { regionId: inst.regionId, series: inst.backups };
}
