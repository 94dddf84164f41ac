// What a backup policy promises, read from the fields the products' DescribeBackupPolicy answers (and a DBS plan's
// own fields) name alike: the weekdays backups run on, a high-frequency interval, and the retention.
import type { RawObject, RawValue } from '../cloud/types';
import { toNumber, toText } from '../cloud/values';
import type { BackupSchedule } from './catalog';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * "Monday,Wednesday,Friday" → 72: the longest wait from one scheduled day to the next, across the week's end, so
 * that a schedule with a quiet weekend is not held to its weekday pace. One day a week → 168.
 */
export function longestGapHours(period: string | undefined): number | undefined {
  const days = [...new Set((period ?? '').split(',').map((d) => WEEKDAYS.indexOf(d.trim().toLowerCase())))].filter((d) => d >= 0).sort((a, b) => a - b);
  if (days.length === 0) return undefined;
  let gap = 0;
  for (let k = 0; k < days.length; k++) gap = Math.max(gap, (k + 1 < days.length ? days[k + 1] : days[0] + 7) - days[k]);
  return gap * 24;
}

/** A retention in days, as a number or its text; -1 keeps backups forever (PolarDB Level-2), 0 or less says nothing. */
export function retentionOf(value: RawValue | undefined): BackupSchedule['retention'] {
  const days = toNumber(value);
  if (days === -1) return { forever: true };
  return days !== undefined && days > 0 ? { days } : undefined;
}

/**
 * The schedule of a policy that names its weekdays `PreferredBackupPeriod` and its retention `BackupRetentionPeriod`
 * (RDS, AnalyticDB, MongoDB, Tair). `everyMinutes` is a high-frequency interval where the API has one (-1: off);
 * when on, backups run that often on every day, so it is the interval.
 */
export function weekdaySchedule(body: RawObject, everyMinutes?: RawValue): BackupSchedule {
  const minutes = toNumber(everyMinutes);
  return {
    intervalHours: minutes !== undefined && minutes > 0 ? minutes / 60 : longestGapHours(toText(body.PreferredBackupPeriod)),
    retention: retentionOf(body.BackupRetentionPeriod),
  };
}
