import { Product } from './errors';

/** Faults of the gateway's API requests. */
export type ApiFaultKind =
  | 'throttle'
  | 'unavailable'
  | 'internalError'
  | 'html502'
  | 'truncatedJson'
  | 'hang'
  | 'reset'
  | 'endlessBody'
  | 'hugeContentLength'
  | 'oversizedPage';

/** Faults of backup file downloads (the emulator's OSS, see files.ts); they never hit an API request, nor the reverse. */
export const DOWNLOAD_FAULT_KINDS = ['resetMidFile', 'slowLink', 'ignoreRange', 'expiredUrl'] as const;
export type DownloadFaultKind = (typeof DOWNLOAD_FAULT_KINDS)[number];

export type FaultKind = ApiFaultKind | DownloadFaultKind;

export function isDownloadFault(kind: FaultKind): kind is DownloadFaultKind {
  return (DOWNLOAD_FAULT_KINDS as readonly string[]).includes(kind);
}

export const FAULT_KINDS: readonly FaultKind[] = [
  'throttle',
  'unavailable',
  'internalError',
  'html502',
  'truncatedJson',
  'hang',
  'reset',
  'endlessBody',
  'hugeContentLength',
  'oversizedPage',
  ...DOWNLOAD_FAULT_KINDS,
];

export interface FaultSpec {
  kind: FaultKind;
  product?: Product;
  action?: string;
  /** Matches the RegionId or Region parameter, or else the region of the resource the request names. */
  regionId?: string;
  /** How many matching requests to hit; default: until cleared. */
  times?: number;
  /** resetMidFile: body bytes sent before the socket is destroyed (default: half of what the request asked for). */
  afterBytes?: number;
  /** slowLink: the rate the body is sent at (default 1 MiB/s). */
  bytesPerSecond?: number;
}

/** What a request looks like to the fault matcher. */
export interface FaultTarget {
  readonly product: Product;
  readonly action: string;
  readonly regionId?: string;
}

interface ActiveFault {
  readonly spec: FaultSpec;
  remaining: number;
}

/** Throws on anything that is not a usable FaultSpec (the control API feeds it raw JSON). */
export function validateFault(value: unknown): FaultSpec {
  if (typeof value !== 'object' || value === null) {
    throw new Error('fault must be an object');
  }
  const v = value as Record<string, unknown>;
  if (!FAULT_KINDS.includes(v.kind as FaultKind)) {
    throw new Error(`kind must be one of ${FAULT_KINDS.join(', ')}`);
  }
  if (v.product !== undefined && v.product !== 'adb' && v.product !== 'dds' && v.product !== 'dbs' && v.product !== 'rds' && v.product !== 'polardb' && v.product !== 'r-kvstore') {
    throw new Error('product must be adb, dds or dbs');
  }
  for (const k of ['action', 'regionId'] as const) {
    if (v[k] !== undefined && typeof v[k] !== 'string') {
      throw new Error(`${k} must be a string`);
    }
  }
  for (const k of ['times', 'afterBytes', 'bytesPerSecond'] as const) {
    if (v[k] !== undefined && !(Number.isSafeInteger(v[k]) && (v[k] as number) > 0)) {
      throw new Error(`${k} must be a positive integer`);
    }
  }
  return {
    kind: v.kind as FaultKind,
    product: v.product as Product | undefined,
    action: v.action as string | undefined,
    regionId: v.regionId as string | undefined,
    times: v.times as number | undefined,
    afterBytes: v.afterBytes as number | undefined,
    bytesPerSecond: v.bytesPerSecond as number | undefined,
  };
}

/** Active faults in insertion order; the first one matching a request fires and uses up one of its `times`. */
export class FaultRegistry {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    const checked = validateFault(spec);
    this.faults.push({ spec: checked, remaining: checked.times ?? Infinity });
  }

  clear(): void {
    this.faults = [];
  }

  list(): FaultSpec[] {
    return this.faults.map((f) => ({ ...f.spec }));
  }

  /** Consumes and returns the fault for this API request, if any. */
  take(target: FaultTarget): ApiFaultKind | undefined {
    const f = this.consume(
      ({ kind, product, action, regionId }) =>
        !isDownloadFault(kind) &&
        (product === undefined || product === target.product) &&
        (action === undefined || action === target.action) &&
        (regionId === undefined || regionId === target.regionId),
    );
    return f?.kind as ApiFaultKind | undefined;
  }

  /** Consumes and returns the fault for this file download, if any (download faults match every download). */
  takeDownload(): (FaultSpec & { kind: DownloadFaultKind }) | undefined {
    return this.consume((spec) => isDownloadFault(spec.kind)) as (FaultSpec & { kind: DownloadFaultKind }) | undefined;
  }

  private consume(matches: (spec: FaultSpec) => boolean): FaultSpec | undefined {
    const f = this.faults.find(({ spec }) => matches(spec));
    if (!f) {
      return undefined;
    }
    f.remaining--;
    if (f.remaining <= 0) {
      this.faults = this.faults.filter((x) => x !== f);
    }
    return { ...f.spec };
  }
}
