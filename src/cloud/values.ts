import type { RawValue } from './types';

/** A moment, or the APIs' way of saying "kept forever" (years 2999 and 9999 are used as sentinels). */
export type Expiry = { kind: 'never' } | { kind: 'at'; time: Date };

const ISO_NO_SECONDS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})Z$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** A date and time with no zone: the APIs mean UTC, while `new Date` would read it in the machine's zone. */
const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** Reads every time shape these APIs use: ISO with or without seconds, a bare date, or epoch milliseconds. */
export function toTime(value: RawValue | undefined): Date | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? new Date(value) : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d{12,}$/.test(trimmed)) return new Date(Number(trimmed));
  const noSeconds = ISO_NO_SECONDS.exec(trimmed);
  const iso = noSeconds ? `${noSeconds[1]}:00Z` : DATE_ONLY.test(trimmed) ? `${trimmed}T00:00:00Z` : ISO_WITHOUT_ZONE.test(trimmed) ? `${trimmed}Z` : trimmed;
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

export function toExpiry(value: RawValue | undefined): Expiry | undefined {
  const time = toTime(value);
  if (!time) return undefined;
  return time.getUTCFullYear() >= 2999 ? { kind: 'never' } : { kind: 'at', time };
}

/** Numbers arrive as numbers or as strings, depending on the API. */
export function toNumber(value: RawValue | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

export function toBoolean(value: RawValue | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 1 || value === '1') return true;
  if (value === 'false' || value === 0 || value === '0') return false;
  return undefined;
}

/** A non-empty string, or undefined: the APIs send "" for "absent" (for example a download URL). */
export function toText(value: RawValue | undefined): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The API time format for filters on ADB and MongoDB: UTC, minutes, no seconds. */
export function formatMinuteUtc(time: Date): string {
  return `${time.toISOString().slice(0, 16)}Z`;
}
