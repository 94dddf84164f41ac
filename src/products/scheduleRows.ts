// A resource's backup schedule, read from the rows its details already show (a DBS plan's own rows, the backup
// policy of RDS, PolarDB and Tair), so the timeline needs no request of its own. Products name the parts alike:
// "Schedule" as "<days> at <time>", or "Backup period"/"Backup days", "Backup time" and "Backup frequency".
import type { DetailRow, DetailValue } from './catalog';

/** When backups are due, as far as the API says: the words as given, and what could be read from them. */
export interface ScheduledTimes {
  /** "Monday,Wednesday,Friday", as the API gives it. */
  days?: string;
  /** "18:00Z-19:00Z" or "14:15", as the API gives it. */
  time?: string;
  /** "2/24H", "Normal" (PolarDB). */
  frequency?: string;
  /** The days a backup is due, 0 = Sunday, in UTC; absent when the days are not known. */
  weekdays?: readonly number[];
  /** When the backup window opens, in minutes after midnight UTC; only when the time names its zone. */
  startMinuteUtc?: number;
  /** Backups per scheduled day: PolarDB's enhanced backup "2/24H" runs every 2 hours, so 12. */
  perDay: number;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** The schedule the rows describe, or undefined when they name neither days nor time. */
export function scheduledTimes(rows: readonly DetailRow[]): ScheduledTimes | undefined {
  const text = (label: string): string | undefined => {
    const row = rows.find(([l]) => l === label);
    return row ? plain(row[1]) : undefined;
  };
  const combined = rows.find(([label]) => label === 'Schedule')?.[1];
  let days = text('Backup period') ?? text('Backup days');
  let time = text('Backup time');
  if (typeof combined === 'object' && !(combined instanceof Date) && combined.args.length === 2) {
    [days, time] = combined.args.map(String);
  } else if (typeof combined === 'string') {
    // One half only: days read as weekday names, anything else is the time.
    if (parseWeekdays(combined)) days = combined;
    else time = combined;
  }
  const frequency = text('Backup frequency');
  if (!days && !time) return undefined;
  const everyHours = Number(/^(\d+)\/24H$/i.exec(frequency ?? '')?.[1]);
  const perDay = everyHours > 0 ? Math.floor(24 / everyHours) : 1;
  return { days, time, frequency, weekdays: days ? parseWeekdays(days) : undefined, startMinuteUtc: time ? utcStartMinute(time) : undefined, perDay };
}

function plain(value: DetailValue): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** "Monday, Wednesday" → [1, 3]; undefined if any part is not a weekday name. */
function parseWeekdays(days: string): number[] | undefined {
  const parts = days.split(',').map((d) => d.trim().toLowerCase()).filter(Boolean);
  const numbers = parts.map((d) => WEEKDAYS.indexOf(d));
  if (numbers.length === 0 || numbers.includes(-1)) return undefined;
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/** "18:00Z-19:00Z" → 1080. A time without a zone ("14:15") could be any zone, so it gives nothing. */
function utcStartMinute(time: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})Z\b/i.exec(time.trim());
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes < 24 * 60 ? minutes : undefined;
}
