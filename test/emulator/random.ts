/**
 * Deterministic pseudo-randomness. Resource attributes come from a sequential generator seeded once per dataset;
 * backup attributes come from a stateless hash of (resource seed, backup index) so any backup can be produced on
 * demand, in any order, without storing it.
 */

/** FNV-1a, 32 bit: turns a resource ID into a seed. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A well-mixed uint32 from three inputs (murmur3 finaliser). */
export function mix(seed: number, index: number, salt: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A number in [0, 1) for (seed, index, salt). */
export function unit(seed: number, index: number, salt: number): number {
  return mix(seed, index, salt) / 0x100000000;
}

/** An integer in [min, max] for (seed, index, salt). */
export function intIn(seed: number, index: number, salt: number, min: number, max: number): number {
  return min + Math.floor(unit(seed, index, salt) * (max - min + 1));
}

/** Sequential generator (mulberry32) for building a dataset in a fixed order. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Lower-case alphanumerics, the alphabet of Alibaba resource ID suffixes. */
  id(length: number): string {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    let out = '';
    for (let i = 0; i < length; i++) {
      out += alphabet[Math.floor(this.next() * alphabet.length)];
    }
    return out;
  }
}
