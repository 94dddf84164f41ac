import { commaList, Handler, HandlerResult, optional, Params, required } from './api';
import { BASE_TIME_MS, DbsPlan } from './model';
import { intIn } from './random';

/**
 * DBS 2019-03-06. Unlike adb/dds, business failures come back as HTTP 200 with `Success:false`, an ErrCode and
 * the would-be status in HttpStatusCode; only gateway-level problems (signature, missing required parameter) are
 * real HTTP errors.
 */

class SoftFailure extends Error {
  constructor(readonly errCode: string, message: string) {
    super(message);
  }
}

export const notValid = (name: string) =>
  new SoftFailure('InvalidParameterValid', `The specified parameter ${name} value is not valid.`);

export function ok(body: object): HandlerResult {
  return { body: { ...body, Success: true, ErrCode: '', ErrMessage: '', HttpStatusCode: 200 } };
}

/** Runs a DBS handler body, turning SoftFailure into the 200/Success:false envelope. */
export function soft(fn: (p: Params, ctx: Parameters<Handler>[0]) => HandlerResult): Handler {
  return (ctx) => {
    try {
      return fn(ctx.params, ctx);
    } catch (e) {
      if (e instanceof SoftFailure) {
        return {
          body: { Success: false, ErrCode: e.errCode, ErrMessage: e.message, HttpStatusCode: 400 },
          code: e.errCode,
        };
      }
      throw e;
    }
  };
}

export function int(p: Params, name: string, fallback: number, valid: (n: number) => boolean): number {
  const raw = optional(p, name);
  if (raw === undefined) {
    return fallback;
  }
  const n = /^-?\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || !valid(n)) {
    throw notValid(name);
  }
  return n;
}

function page<T>(items: readonly T[], pageNum: number, pageSize: number): T[] {
  return items.slice(pageNum * pageSize, pageNum * pageSize + pageSize);
}

export function totals(total: number, pageNum: number, pageSize: number): object {
  return { PageNum: pageNum, PageSize: pageSize, TotalElements: total, TotalPages: Math.ceil(total / pageSize) };
}

const describeRegions: Handler = ({ data }) => ok({ Regions: { RegionCode: data.dbs.regions.map((r) => r.regionId) } });

const SECOND = 1000;
const DAY = 86_400 * SECOND;

function isRunning(plan: DbsPlan, i: number): boolean {
  return plan.status === 'running' && i === plan.backups.count - 1;
}

const isStopped = (i: number) => i % 13 === 7;

function status(plan: DbsPlan, i: number): string {
  return isRunning(plan, i) ? 'running' : isStopped(i) ? 'stop' : 'finish';
}

function times(plan: DbsPlan, i: number): { start: number; end: number; finish: number } {
  const s = plan.backups;
  const start = s.startMs(i);
  const end = start + intIn(s.seed, i, 3, 30, 3600) * SECOND;
  return { start, end, finish: end + intIn(s.seed, i, 4, 5, 30) * SECOND };
}

/** Restore window: from the oldest to the newest finished backup (0 when there is none). */
function restoreWindow(plan: DbsPlan): { begin: number; end: number } {
  const n = plan.backups.count - (plan.status === 'running' ? 1 : 0);
  return n <= 0 ? { begin: 0, end: 0 } : { begin: times(plan, 0).start, end: times(plan, n - 1).finish };
}

/** One BackupPlanDetail; note the string-typed port, SSL flag and Increment/Log periods next to integer ones. */
function planRecord(p: DbsPlan): object {
  const window = restoreWindow(p);
  const retention = String(p.retentionDays);
  return {
    BackupGatewayId: 0,
    BackupGatewayIdentifier: '',
    BackupMethod: p.backupMethod,
    BackupObjects: p.backupObjects,
    BackupPeriod: p.backupPeriod,
    BackupPlanCreateTime: p.createTimeMs,
    BackupPlanId: p.id,
    BackupPlanName: p.name,
    BackupPlanRegion: p.regionId,
    BackupPlanStatus: p.status,
    BackupRetentionPeriod: p.retentionDays,
    BackupSetDownloadDir: '',
    BackupSetDownloadFullDataFormat: 'SQL',
    BackupSetDownloadGatewayId: 0,
    BackupSetDownloadIncrementDataFormat: 'SQL',
    BackupSetDownloadTargetType: '',
    BackupStartTime: p.backupStartTime,
    BackupStorageType: 'system',
    BeginTimestampForRestore: window.begin,
    CrossAliyunId: '',
    CrossRoleName: '',
    DatabaseType: p.databaseType,
    DuplicationArchivePeriod: 0,
    DuplicationInfrequentAccessPeriod: 0,
    EnableBackupLog: p.enableBackupLog,
    EnableMysqlPhysicalBackupBinLog: false,
    EndTimestampForRestore: window.end,
    ErrMessage: p.errMessage,
    IncrementBackupRetentionPeriod: retention,
    IncrementDuplicationArchivePeriod: '0',
    IncrementDuplicationInfrequentAccessPeriod: '0',
    InstanceChargeType: p.chargeType,
    InstanceClass: p.instanceClass,
    InstanceExpiredTimestamp: p.instanceExpiredMs,
    LogBackupRetentionPeriod: retention,
    LogDuplicationArchivePeriod: '0',
    LogDuplicationInfrequentAccessPeriod: '0',
    OSSBucketName: p.ossBucketName,
    OSSBucketRegion: p.regionId,
    OpenBackupSetAutoDownload: false,
    ResourceGroupId: p.resourceGroupId,
    SourceEndpointDatabaseName: p.sourceDatabase,
    SourceEndpointEnableSsl: 'false',
    SourceEndpointHost: p.sourceHost,
    SourceEndpointInstanceID: p.sourceInstanceId,
    SourceEndpointInstanceType: p.sourceInstanceType,
    SourceEndpointIpPort: `${p.sourceHost}:${p.sourcePort}`,
    SourceEndpointOracleSID: '',
    SourceEndpointPort: String(p.sourcePort),
    SourceEndpointRegion: p.regionId,
    SourceEndpointUserName: p.sourceUser,
    StorageEncryptMethod: '',
  };
}

const describeBackupPlanList = soft((p, { data }) => {
  const region = optional(p, 'Region');
  if (region !== undefined && !data.dbs.regions.some((r) => r.regionId === region)) {
    throw notValid('Region');
  }
  const pageSize = int(p, 'PageSize', 30, (n) => n >= 1 && n <= 100);
  const pageNum = int(p, 'PageNum', 0, (n) => n >= 0);
  const ids = commaList(optional(p, 'BackupPlanId'));
  const name = optional(p, 'BackupPlanName');
  const planStatus = optional(p, 'BackupPlanStatus');
  const method = optional(p, 'BackupMethod');
  const group = optional(p, 'ResourceGroupId');
  // Without Region every region's plans are listed.
  const matches = data.dbs.plans.filter(
    (x) =>
      (region === undefined || x.regionId === region) &&
      (ids.length === 0 || ids.includes(x.id)) &&
      (name === undefined || x.name.includes(name)) &&
      (planStatus === undefined || x.status === planStatus) &&
      (method === undefined || x.backupMethod === method) &&
      (group === undefined || x.resourceGroupId === group),
  );
  return ok({
    Items: { BackupPlanDetail: page(matches, pageNum, pageSize).map(planRecord) },
    ...totals(matches.length, pageNum, pageSize),
  });
});

/** BackupSetId is "1" + the numeric series ID in base 36, so it maps back to an index. */
function backupSetId(plan: DbsPlan, i: number): string {
  return `1${plan.backups.id(i).toString(36)}`;
}

function indexOfBackupSet(plan: DbsPlan, id: string): number {
  return /^1[0-9a-z]+$/.test(id) ? plan.backups.indexOfId(parseInt(id.slice(1), 36)) : -1;
}

export function storageMethod(startMs: number): string {
  const ageDays = (BASE_TIME_MS - startMs) / DAY;
  return ageDays > 180 ? 'Archive' : ageDays > 30 ? 'IA' : 'Standard';
}

function fullBackupRecord(plan: DbsPlan, i: number, showStorage: boolean): object {
  const s = plan.backups;
  const t = times(plan, i);
  const st = status(plan, i);
  const running = st === 'running';
  return {
    BackupSetId: backupSetId(plan, i),
    BackupStatus: st,
    BackupObjects: plan.backupObjects,
    BackupSetExpiredTime: t.start + plan.retentionDays * DAY,
    BackupSize: intIn(s.seed, i, 2, 1_000_000, 20_000_000_000),
    CreateTime: t.start - intIn(s.seed, i, 5, 10, 60) * SECOND,
    StartTime: t.start,
    // A running job has no end yet.
    ...(running ? {} : { EndTime: t.end, FinishTime: t.finish }),
    ErrMessage: st === 'stop' ? 'backup job failed: connection to source database was reset' : '',
    SourceEndpointIpPort: `${plan.sourceHost}:${plan.sourcePort}`,
    // Only shown on request (ShowStorageType=true), as documented.
    ...(showStorage ? { StorageMethod: running ? 'UNKNOWN' : storageMethod(t.start) } : {}),
  };
}

const describeFullBackupList = soft((p, { data }) => {
  const planId = required(p, 'BackupPlanId');
  const plan = data.findDbsPlan(planId);
  if (!plan) {
    throw notValid('BackupPlanId');
  }
  const pageSize = int(p, 'PageSize', 30, (n) => n === 30 || n === 50 || n === 100);
  const pageNum = int(p, 'PageNum', 0, (n) => n >= 0);
  // Milliseconds, like every DBS timestamp.
  const from = int(p, 'StartTimestamp', -1, (n) => n >= 0);
  const to = int(p, 'EndTimestamp', -1, (n) => n >= 0);
  if (from >= 0 && to >= 0 && to < from) {
    throw notValid('EndTimestamp');
  }
  const setIds = commaList(optional(p, 'BackupSetId'));
  const wanted = new Set(setIds.map((id) => indexOfBackupSet(plan, id)));
  const setStatus = optional(p, 'BackupSetStatus');
  const match =
    setIds.length > 0 || setStatus !== undefined
      ? (i: number) => (setIds.length === 0 || wanted.has(i)) && (setStatus === undefined || status(plan, i) === setStatus)
      : undefined;
  const { total, indices } = plan.backups.query(
    { fromMs: from >= 0 ? from : undefined, toMs: to >= 0 ? to : undefined, match },
    pageNum * pageSize,
    pageSize,
  );
  const showStorage = optional(p, 'ShowStorageType') === 'true';
  return ok({
    Items: { FullBackupFile: indices.map((i) => fullBackupRecord(plan, i, showStorage)) },
    ...totals(total, pageNum, pageSize),
  });
});

/** DescribeIncrementBackupList is in dbsIncrements.ts; server.ts serves it with these under 2019-03-06. */
export const dbsActions: Readonly<Record<string, Handler>> = {
  DescribeRegions: describeRegions,
  DescribeBackupPlanList: describeBackupPlanList,
  DescribeFullBackupList: describeFullBackupList,
};
