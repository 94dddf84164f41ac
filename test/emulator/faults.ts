import { Product } from './errors';

export type FaultKind =
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
];

export interface FaultSpec {
  kind: FaultKind;
  product?: Product;
  action?: string;
  /** Matches the RegionId or Region parameter, or else the region of the resource the request names. */
  regionId?: string;
  /** How many matching requests to hit; default: until cleared. */
  times?: number;
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
  if (v.times !== undefined && !(Number.isInteger(v.times) && (v.times as number) > 0)) {
    throw new Error('times must be a positive integer');
  }
  return {
    kind: v.kind as FaultKind,
    product: v.product as Product | undefined,
    action: v.action as string | undefined,
    regionId: v.regionId as string | undefined,
    times: v.times as number | undefined,
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

  /** Consumes and returns the fault for this request, if any. */
  take(target: FaultTarget): FaultKind | undefined {
    const f = this.faults.find(
      ({ spec }) =>
        (spec.product === undefined || spec.product === target.product) &&
        (spec.action === undefined || spec.action === target.action) &&
        (spec.regionId === undefined || spec.regionId === target.regionId),
    );
    if (!f) {
      return undefined;
    }
    f.remaining--;
    if (f.remaining <= 0) {
      this.faults = this.faults.filter((x) => x !== f);
    }
    return f.spec.kind;
  }
}
