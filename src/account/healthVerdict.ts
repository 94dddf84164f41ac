// Show Backup Health's judgement of one resource: pure functions of one page of its newest backups, what its policy
// promises and the user's threshold, so every rule can be checked without a cloud.
import type { Backup } from '../cloud/models';
import type { BackupSchedule } from '../products/catalog';

/**
 * ok; stale: no successful backup within the limit (staleLimitHours); failing: the latest attempt failed; none: no
 * backup in the window; unknown: the backups could not be read.
 */
export type Verdict = 'ok' | 'stale' | 'failing' | 'none' | 'unknown';

export const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** How far back failures are counted. */
export const FAILURE_WINDOW_MS = 7 * DAY_MS;

export type Retention = NonNullable<BackupSchedule['retention']>;

/** What a page of a resource's newest backups says; a resource backed up per node (shard) is judged node by node. */
export interface BackupHistory {
  /** Backups on the page, whatever their status. */
  count: number;
  /** Start of the newest successful backup; per node, the oldest of their newest (the node furthest behind). */
  latestSuccess?: Date;
  /** The newest finished attempt of some node failed. */
  latestAttemptFailed: boolean;
  /** Failed backups that started within FAILURE_WINDOW_MS before now. */
  failures: number;
  /** The median wait between two consecutive backups of one node, in hours. */
  observedIntervalHours?: number;
  /** How long the newest backup that says so is kept. */
  observedRetention?: Retention;
}

/** The expected wait between backups, and whether the policy says so or the backups show it. */
export interface Cadence {
  hours: number;
  from: 'policy' | 'observed';
}

const startOf = (backup: Backup): number => backup.startTime?.getTime() ?? Number.NaN;

export function readHistory(backups: readonly Backup[], now: number): BackupHistory {
  const nodes = new Map<string, Backup[]>();
  for (const backup of backups) {
    if (Number.isNaN(startOf(backup))) continue;
    const key = backup.nodeId ?? '';
    nodes.set(key, [...(nodes.get(key) ?? []), backup]);
  }
  let latestAttemptFailed = false;
  let weakest: number | undefined;
  let nodeWithoutSuccess = false;
  const gaps: number[] = [];
  for (const list of nodes.values()) {
    list.sort((a, b) => startOf(b) - startOf(a));
    // Running, pending or paused backups are not attempts yet: the newest finished one decides.
    const attempt = list.find((b) => b.status === 'success' || b.status === 'failed');
    if (attempt?.status === 'failed') latestAttemptFailed = true;
    const success = list.find((b) => b.status === 'success');
    if (attempt && !success) nodeWithoutSuccess = true;
    if (success) weakest = Math.min(weakest ?? Infinity, startOf(success));
    for (let k = 1; k < list.length; k++) gaps.push(startOf(list[k - 1]) - startOf(list[k]));
  }
  const interval = median(gaps.filter((g) => g > 0));
  return {
    count: backups.length,
    latestSuccess: weakest === undefined || nodeWithoutSuccess ? undefined : new Date(weakest),
    latestAttemptFailed,
    failures: backups.filter((b) => b.status === 'failed' && startOf(b) >= now - FAILURE_WINDOW_MS).length,
    observedIntervalHours: interval === undefined ? undefined : interval / HOUR_MS,
    observedRetention: retentionShown(backups),
  };
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The retention the newest backup with an expiry shows: its expiry minus its start, or kept forever. */
function retentionShown(backups: readonly Backup[]): Retention | undefined {
  const newest = [...backups].filter((b) => b.expiry && !Number.isNaN(startOf(b))).sort((a, b) => startOf(b) - startOf(a))[0];
  if (!newest?.expiry) return undefined;
  if (newest.expiry.kind === 'never') return { forever: true };
  const days = Math.round((newest.expiry.time.getTime() - startOf(newest)) / DAY_MS);
  return days > 0 ? { days } : undefined;
}

/** The policy's interval where there is one, else what the backups show, else nothing. */
export function cadenceOf(schedule: BackupSchedule | undefined, history: BackupHistory | undefined): Cadence | undefined {
  if (schedule?.intervalHours) return { hours: schedule.intervalHours, from: 'policy' };
  if (history?.observedIntervalHours) return { hours: history.observedIntervalHours, from: 'observed' };
  return undefined;
}

/** Stale after twice the cadence or after the threshold, whichever comes first; the threshold alone without one. */
export function staleLimitHours(cadenceHours: number | undefined, staleAfterHours: number): number {
  return cadenceHours === undefined ? staleAfterHours : Math.min(staleAfterHours, 2 * cadenceHours);
}

export function verdictOf(history: BackupHistory, cadenceHours: number | undefined, staleAfterHours: number, now: number): Verdict {
  if (history.count === 0) return 'none';
  if (history.latestAttemptFailed) return 'failing';
  const limitMs = staleLimitHours(cadenceHours, staleAfterHours) * HOUR_MS;
  if (!history.latestSuccess || now - history.latestSuccess.getTime() > limitMs) return 'stale';
  return 'ok';
}
