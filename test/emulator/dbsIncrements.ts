import { Handler, optional, required } from './api';
import { int, notValid, ok, soft, storageMethod, totals } from './dbs';
import { BASE_TIME_MS, DbsPlan } from './model';
import { hashString, intIn } from './random';
import { BackupSeries } from './series';

/**
 * DBS 2019-03-06 DescribeIncrementBackupList: the binlog files of a backup plan, newest first. Same envelope and
 * soft failures as the other DBS lists (dbs.ts): 0-based PageNum, integer totals, epoch-ms times, and
 * `SourceEndpointPort` as a string.
 */

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;

/** The binlog still being written: the newest file of a running plan. */
function isFilling(plan: DbsPlan, series: BackupSeries, i: number): boolean {
  return plan.status === 'running' && i === series.count - 1;
}

function incrementStatus(plan: DbsPlan, series: BackupSeries, i: number): string {
  return isFilling(plan, series, i) ? 'FILLING' : i % 17 === 11 ? 'UNCOMPLETED' : 'COMPLETED';
}

/** Binlog names count up from a per-plan first number, the way MySQL rotates them; `i` 0 is the oldest file. */
export function binlogName(plan: DbsPlan, i: number): string {
  return `mysql-bin.${String(100 + (hashString(plan.id) % 900) + i).padStart(6, '0')}`;
}

function incrementRecord(plan: DbsPlan, series: BackupSeries, i: number, showStorage: boolean): object {
  const start = series.startMs(i);
  const status = incrementStatus(plan, series, i);
  const filling = status === 'FILLING';
  // A file ends just before the next one starts; the newest file of a stopped plan ends half a step later.
  const end = i + 1 < series.count ? series.startMs(i + 1) - SECOND : start + Math.floor(series.spec.stepMs / 2);
  const size = filling
    ? intIn(series.seed, i, 2, 1_000, 50_000_000)
    : status === 'UNCOMPLETED'
      ? intIn(series.seed, i, 2, 1_000, 200_000_000)
      : intIn(series.seed, i, 2, 1_000_000, 1_100_000_000);
  return {
    BackupSetId: binlogName(plan, i),
    BackupSetJobId: `2${series.id(i).toString(36)}`,
    BackupStatus: status,
    StartTime: start,
    // Like a running full backup job, the file being written has no end yet.
    ...(filling ? {} : { EndTime: end }),
    BackupSetExpiredTime: start + plan.retentionDays * DAY,
    BackupSize: size,
    ...(showStorage ? { StorageMethod: filling ? 'UNKNOWN' : storageMethod(start) } : {}),
    SourceEndpointIpPort: `${plan.sourceHost}:${plan.sourcePort}`,
    SourceEndpointInstanceId: plan.sourceInstanceId,
    SourceEndpointInstanceType: plan.sourceInstanceType,
    SourceEndpointRegion: plan.regionId,
    SourceEndpointHost: plan.sourceHost,
    SourceEndpointPort: String(plan.sourcePort),
  };
}

export const describeIncrementBackupList = soft((p, { data }) => {
  const planId = required(p, 'BackupPlanId');
  const plan = data.findDbsPlan(planId);
  if (!plan) {
    throw notValid('BackupPlanId');
  }
  const pageSize = int(p, 'PageSize', 30, (n) => n === 30 || n === 50 || n === 100);
  const pageNum = int(p, 'PageNum', 0, (n) => n >= 0);
  const from = int(p, 'StartTimestamp', -1, (n) => n >= 0);
  const to = int(p, 'EndTimestamp', -1, (n) => n >= 0);
  if (from >= 0 && to >= 0 && to < from) {
    throw notValid('EndTimestamp');
  }
  // Documented default true, unlike DescribeFullBackupList where the emulator shows it only on request.
  const showStorage = optional(p, 'ShowStorageType') !== 'false';
  const series = plan.increments;
  const range = { fromMs: from >= 0 ? from : undefined, toMs: to >= 0 ? to : undefined };
  const { total, indices } = series ? series.query(range, pageNum * pageSize, pageSize) : { total: 0, indices: [] };
  return ok({
    Items: { IncrementBackupFile: series ? indices.map((i) => incrementRecord(plan, series, i, showStorage)) : [] },
    ...totals(total, pageNum, pageSize),
  });
});

export const dbsIncrementActions: Readonly<Record<string, Handler>> = {
  DescribeIncrementBackupList: describeIncrementBackupList,
};

export interface IncrementOptions {
  readonly planId: string;
  readonly count: number;
  /** Hours between binlog rotations. */
  readonly stepHours: number;
}

/**
 * Gives plans binlog files ending at BASE_TIME_MS, like their full backups. Series IDs start at 8 000 000 000, a
 * million per series in the order given; nothing is drawn from the dataset Builder, so other resources keep their
 * values.
 */
export function attachIncrements(plans: readonly DbsPlan[], options: readonly IncrementOptions[]): void {
  for (const [k, o] of options.entries()) {
    const plan = plans.find((x) => x.id === o.planId);
    if (!plan) {
      throw new Error(`no DBS plan ${o.planId}`);
    }
    plan.increments = new BackupSeries({
      seed: hashString(`${o.planId}#binlog`),
      initialCount: o.count,
      stepMs: o.stepHours * HOUR,
      granularityMs: SECOND,
      endMs: BASE_TIME_MS,
      idBase: 8_000_000_000 + k * 1_000_000,
    });
  }
}
