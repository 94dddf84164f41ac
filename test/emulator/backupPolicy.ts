import { isoMinutes } from './builders';
import type { BackupSeries } from './series';

/**
 * The backup policy fields AnalyticDB and MongoDB answer DescribeBackupPolicy with, derived from a resource's
 * series so the policy and the backups agree: every day when backups are at most a day apart, else every other day
 * (a guess: the real policy is whatever the user set; only the field names and types are documented).
 */
const EVERY_DAY = 'Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday';
const EVERY_OTHER_DAY = 'Monday,Wednesday,Friday,Sunday';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function backupPeriodOf(series: BackupSeries | undefined): string {
  return !series || series.spec.stepMs <= DAY ? EVERY_DAY : EVERY_OTHER_DAY;
}

/** The next `hour`:00Z after `now`, in the no-seconds form the policies use. */
export function nextWindowStart(now: number, hour: number): string {
  const today = now - (now % DAY) + hour * HOUR;
  return isoMinutes(today > now ? today : today + DAY);
}
