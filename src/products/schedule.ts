// What a backup policy promises, read once from the fields the products' DescribeBackupPolicy answers (and a DBS
// plan's own fields) name alike: the weekdays and time backups run at, a high-frequency interval, and the retention.
// The timeline, the health scan and the details view all read this one schedule.
import type { RawObject, RawValue } from '../cloud/types';
import { toNumber, toText } from '../cloud/values';
import type { BackupSchedule } from './catalog';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** "Monday, Wednesday" → [1, 3]; undefined if any part is not a weekday name ("Everyday" is not read). */
function parseWeekdays(days: string | undefined): number[] | undefined {
  const parts = (days ?? '').split(',').map((d) => d.trim().toLowerCase()).filter(Boolean);
  const numbers = parts.map((d) => WEEKDAYS.indexOf(d));
  if (numbers.length === 0 || numbers.includes(-1)) return undefined;
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/**
 * [1, 3, 5] → 72: the longest wait from one scheduled day to the next, across the week's end, so that a schedule
 * with a quiet weekend is not held to its weekday pace. One day a week → 168.
 */
function longestGapHours(weekdays: readonly number[]): number {
  let gap = 0;
  for (let k = 0; k < weekdays.length; k++) gap = Math.max(gap, (k + 1 < weekdays.length ? weekdays[k + 1] : weekdays[0] + 7) - weekdays[k]);
  return gap * 24;
}

/** "18:00Z-19:00Z" → 1080. A time without a zone ("14:15") could be any zone, so it gives nothing. */
function utcStartMinute(time: string | undefined): number | undefined {
  const match = /^(\d{1,2}):(\d{2})Z\b/i.exec((time ?? '').trim());
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes < 24 * 60 ? minutes : undefined;
}

/** A retention in days, as a number or its text; -1 keeps backups forever (PolarDB Level-2), 0 or less says nothing. */
export function retentionOf(value: RawValue | undefined): BackupSchedule['retention'] {
  const days = toNumber(value);
  if (days === -1) return { forever: true };
  return days !== undefined && days > 0 ? { days } : undefined;
}

/** What a policy says, in the API's words; `everyMinutes` is a high-frequency interval (-1 or absent: off). */
export interface PolicyWords {
  days?: string;
  time?: string;
  /** "2/24H" (PolarDB): a backup every 2 hours on the scheduled days; "Normal" follows the weekdays. */
  frequency?: string;
  everyMinutes?: RawValue;
  retention?: BackupSchedule['retention'];
}

/** The one reading of a schedule: a high-frequency interval wins over the weekdays, as backups then run all day. */
export function readSchedule(words: PolicyWords): BackupSchedule {
  const days = words.days?.trim() || undefined;
  const time = words.time?.trim() || undefined;
  const frequency = words.frequency?.trim() || undefined;
  const weekdays = parseWeekdays(days);
  const everyMinutes = toNumber(words.everyMinutes);
  const everyHours = Number(/^(\d+)\/24H$/i.exec(frequency ?? '')?.[1]);
  const intervalHours =
    everyMinutes !== undefined && everyMinutes > 0 ? everyMinutes / 60 : everyHours > 0 ? everyHours : weekdays && longestGapHours(weekdays);
  return {
    intervalHours,
    retention: words.retention,
    days,
    time,
    frequency,
    weekdays,
    startMinuteUtc: utcStartMinute(time),
    perDay: everyHours > 0 ? Math.floor(24 / everyHours) : 1,
  };
}

/**
 * The schedule of a policy that names its weekdays `PreferredBackupPeriod`, its time `PreferredBackupTime` and its
 * retention `BackupRetentionPeriod` (RDS, AnalyticDB, MongoDB, Tair).
 */
export function weekdaySchedule(body: RawObject, everyMinutes?: RawValue): BackupSchedule {
  return readSchedule({
    days: toText(body.PreferredBackupPeriod),
    time: toText(body.PreferredBackupTime),
    everyMinutes,
    retention: retentionOf(body.BackupRetentionPeriod),
  });
}

/** Whether the schedule names when backups run at all (else the timeline says the schedule is unknown). */
export function namesWhen(schedule: BackupSchedule | undefined): schedule is BackupSchedule {
  return schedule !== undefined && (schedule.days !== undefined || schedule.time !== undefined);
}
