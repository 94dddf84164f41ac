import { ApiError, gatewayErrors } from './errors';
import { Dataset } from './model';

export type Params = Readonly<Record<string, string>>;

export interface HandlerContext {
  readonly params: Params;
  readonly data: Dataset;
  /** Lifetime of generated download URLs. */
  readonly urlExpirySeconds: number;
  readonly now: number;
}

export interface HandlerResult {
  /** Always served with HTTP 200; failures are thrown as ApiError. */
  readonly body: object;
  /** For the request log: the ErrCode of a DBS `Success:false` body. */
  readonly code?: string;
}

export type Handler = (ctx: HandlerContext) => HandlerResult;

/** An optional parameter; empty counts as absent because the client sends unset values as `Key=`. */
export function optional(p: Params, name: string): string | undefined {
  const v = p[name];
  return v === undefined || v === '' ? undefined : v;
}

export function required(p: Params, name: string): string {
  const v = optional(p, name);
  if (v === undefined) {
    throw gatewayErrors.missingParameter(name);
  }
  return v;
}

/** An integer parameter with a default; `invalid` builds the product's error for a bad value. */
export function intParam(
  p: Params,
  name: string,
  fallback: number,
  ok: (n: number) => boolean,
  invalid: () => ApiError,
): number {
  const raw = optional(p, name);
  if (raw === undefined) {
    return fallback;
  }
  const n = /^-?\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || !ok(n)) {
    throw invalid();
  }
  return n;
}

const MINUTE_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/;

/** Parses `yyyy-MM-ddTHH:mmZ`; undefined when the format or the date is wrong. */
export function parseMinuteTime(value: string): number | undefined {
  if (!MINUTE_TIME_RE.test(value)) {
    return undefined;
  }
  const t = Date.parse(value.replace('Z', ':00Z'));
  // Date.parse rolls 2026-02-30 over to March; compare back to catch impossible dates.
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 16) + 'Z' !== value ? undefined : t;
}

export function commaList(value: string | undefined): string[] {
  return value === undefined
    ? []
    : value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

/** Shared StartTime/EndTime validation of adb and dds DescribeBackups; the product supplies the error codes. */
export function timeRange(
  p: Params,
  errors: { start: () => ApiError; end: () => ApiError; order: () => ApiError },
): { fromMs?: number; toMs?: number } {
  const start = optional(p, 'StartTime');
  const end = optional(p, 'EndTime');
  const fromMs = start === undefined ? undefined : parseMinuteTime(start);
  const toMs = end === undefined ? undefined : parseMinuteTime(end);
  if (start !== undefined && fromMs === undefined) {
    throw errors.start();
  }
  if (end !== undefined && toMs === undefined) {
    throw errors.end();
  }
  if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) {
    throw errors.order();
  }
  // EndTime is minute-precise; include backups that started within that minute.
  return { fromMs, toMs: toMs === undefined ? undefined : toMs + 59_999 };
}

/** Tag.N.Key / Tag.N.Value pairs as the client flattens them. */
export function tagFilters(p: Params): { key: string; value?: string }[] {
  const out: { key: string; value?: string }[] = [];
  for (let n = 1; n <= 20; n++) {
    const key = optional(p, `Tag.${n}.Key`);
    if (key !== undefined) {
      out.push({ key, value: optional(p, `Tag.${n}.Value`) });
    }
  }
  return out;
}
