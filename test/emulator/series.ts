import { intIn } from './random';

export interface SeriesSpec {
  /** Seed for everything derived per backup. */
  readonly seed: number;
  /** Backups that exist from the start. */
  readonly initialCount: number;
  /** Spacing between consecutive backups. */
  readonly stepMs: number;
  /** Times are truncated to this (60 000 for minute-precision products). */
  readonly granularityMs: number;
  /** The newest initial backup starts shortly before this instant. */
  readonly endMs: number;
  /** Numeric ID of backup 0; backup i gets idBase + i (IDs stay unique and invertible). */
  readonly idBase: number;
}

export interface SeriesQuery {
  readonly fromMs?: number;
  readonly toMs?: number;
  /** Extra filter on a backup index. */
  readonly match?: (index: number) => boolean;
}

/**
 * The backups of one resource, held as a count rather than as objects: backup i (0 = oldest) is derived from
 * (seed, i) whenever it is needed. Start times strictly increase with i, so time filters are binary searches
 * and a page of a 10 000-backup resource costs the same as a page of a small one. Adding backups appends newer ones.
 */
export class BackupSeries {
  private countValue: number;
  private readonly originMs: number;
  private sizeCache?: { count: number; total: number };

  constructor(readonly spec: SeriesSpec) {
    this.countValue = spec.initialCount;
    const origin = spec.endMs - spec.initialCount * spec.stepMs;
    this.originMs = origin - (origin % spec.granularityMs);
  }

  get count(): number {
    return this.countValue;
  }

  get seed(): number {
    return this.spec.seed;
  }

  /** Appends `n` newer backups; returns the new count. */
  add(n: number): number {
    this.countValue += n;
    return this.countValue;
  }

  /** Start time of backup i; the jitter stays below a quarter step so the order never changes. */
  startMs(i: number): number {
    const { stepMs, granularityMs, seed } = this.spec;
    const jitter = intIn(seed, i, 0, 0, Math.max(0, Math.floor(stepMs / 4) - 1));
    const t = this.originMs + i * stepMs + jitter;
    return t - (t % granularityMs);
  }

  id(i: number): number {
    return this.spec.idBase + i;
  }

  /** Index for a numeric ID, or -1. */
  indexOfId(id: number): number {
    const i = id - this.spec.idBase;
    return Number.isInteger(i) && i >= 0 && i < this.countValue ? i : -1;
  }

  /** First index whose start time is >= t. */
  private lowerBound(t: number): number {
    let lo = 0;
    let hi = this.countValue;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.startMs(mid) < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Newest-first page of indices matching the query, with the total number of matches. */
  query(q: SeriesQuery, offset: number, limit: number): { total: number; indices: number[] } {
    const lo = q.fromMs === undefined ? 0 : this.lowerBound(q.fromMs);
    const hi = (q.toMs === undefined ? this.countValue : this.lowerBound(q.toMs + 1)) - 1;
    const indices: number[] = [];
    if (!q.match) {
      const total = Math.max(0, hi - lo + 1);
      for (let k = offset; k < Math.min(total, offset + limit); k++) {
        indices.push(hi - k);
      }
      return { total, indices };
    }
    let total = 0;
    for (let i = hi; i >= lo; i--) {
      if (q.match(i)) {
        if (total >= offset && indices.length < limit) {
          indices.push(i);
        }
        total++;
      }
    }
    return { total, indices };
  }

  /** Sum of sizeOf over every backup, cached until the count changes. */
  totalSize(sizeOf: (i: number) => number): number {
    if (this.sizeCache?.count !== this.countValue) {
      let total = 0;
      for (let i = 0; i < this.countValue; i++) {
        total += sizeOf(i);
      }
      this.sizeCache = { count: this.countValue, total };
    }
    return this.sizeCache.total;
  }
}
