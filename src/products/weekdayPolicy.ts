// The backup policy of the products whose DescribeBackupPolicy names its fields alike (RDS, AnalyticDB, MongoDB):
// weekdays in PreferredBackupPeriod, a time window in PreferredBackupTime, retention in BackupRetentionPeriod.
import type { RawObject, RawValue } from '../cloud/types';
import { toNumber, toText, toTime } from '../cloud/values';
import { msg, type BackupPolicy, type DetailValue } from './catalog';
import { weekdaySchedule } from './schedule';

/** "Monday,Wednesday at 15:00Z-16:00Z", or whichever half is known. */
export function scheduleValue(days: string | undefined, time: string | undefined): DetailValue {
  return days && time ? { message: msg('{0} at {1}'), args: [days, time] } : (days ?? time);
}

/** EnableBackupLog is "1"/"0" (or true/false); BackupLog says Enable/Disabled; either may be the one present. */
function logBackupValue(body: RawObject): DetailValue {
  const flag = toText(body.EnableBackupLog) ?? toText(body.BackupLog);
  if (flag === undefined) return undefined;
  const on = flag === '1' || flag.toLowerCase() === 'true' || flag.toLowerCase().startsWith('enable');
  return { message: on ? msg('On') : msg('Off'), args: [] };
}

/** Retention, schedule, next backup and log backup; `everyMinutes` is a high-frequency interval (-1: off). */
export function weekdayPolicy(body: RawObject, everyMinutes?: RawValue): BackupPolicy {
  const retention = toNumber(body.BackupRetentionPeriod);
  return {
    rows: [
      [msg('Retention'), retention === undefined ? undefined : { message: msg('{0} days'), args: [retention] }],
      [msg('Schedule'), scheduleValue(toText(body.PreferredBackupPeriod), toText(body.PreferredBackupTime))],
      [msg('Next backup'), toTime(body.PreferredNextBackupTime)],
      [msg('Log backup'), logBackupValue(body)],
    ],
    schedule: weekdaySchedule(body, everyMinutes),
  };
}
