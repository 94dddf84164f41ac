// CRC-64/ECMA-182 as OSS computes it for `x-oss-hash-crc64ecma` (reflected, initial value and final XOR all ones;
// also known as CRC-64/XZ). JavaScript has no 64-bit integers that are fast, so the register is kept as two 32-bit
// halves and eight bytes are folded at a time through eight lookup tables ("slice-by-8").

const POLY_LO = 0xd7870f42;
const POLY_HI = 0xc96c5795;
const SLICES = 8;

function buildTables(): { lo: Uint32Array; hi: Uint32Array } {
  const lo = new Uint32Array(256 * SLICES);
  const hi = new Uint32Array(256 * SLICES);
  for (let n = 0; n < 256; n++) {
    let l = n;
    let h = 0;
    for (let bit = 0; bit < 8; bit++) {
      const carry = l & 1;
      l = ((l >>> 1) | (h << 31)) >>> 0;
      h >>>= 1;
      if (carry) {
        l = (l ^ POLY_LO) >>> 0;
        h = (h ^ POLY_HI) >>> 0;
      }
    }
    lo[n] = l;
    hi[n] = h;
  }
  // Table t advances a byte through t further zero bytes.
  for (let t = 1; t < SLICES; t++) {
    for (let n = 0; n < 256; n++) {
      const l = lo[(t - 1) * 256 + n];
      const h = hi[(t - 1) * 256 + n];
      lo[t * 256 + n] = (((l >>> 8) | (h << 24)) ^ lo[l & 0xff]) >>> 0;
      hi[t * 256 + n] = ((h >>> 8) ^ hi[l & 0xff]) >>> 0;
    }
  }
  return { lo, hi };
}

let tables: { lo: Uint32Array; hi: Uint32Array } | undefined;

/** A running CRC-64 over bytes fed in order. */
export class Crc64 {
  private lo = 0xffffffff;
  private hi = 0xffffffff;

  update(bytes: Uint8Array): void {
    tables ??= buildTables();
    const { lo: TL, hi: TH } = tables;
    let l = this.lo;
    let h = this.hi;
    const end8 = bytes.length - (bytes.length % 8);
    let i = 0;
    for (; i < end8; i += 8) {
      const a = l ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
      const b = h ^ (bytes[i + 4] | (bytes[i + 5] << 8) | (bytes[i + 6] << 16) | (bytes[i + 7] << 24));
      l = TL[1792 + (a & 0xff)] ^ TL[1536 + ((a >>> 8) & 0xff)] ^ TL[1280 + ((a >>> 16) & 0xff)] ^ TL[1024 + (a >>> 24)] ^
        TL[768 + (b & 0xff)] ^ TL[512 + ((b >>> 8) & 0xff)] ^ TL[256 + ((b >>> 16) & 0xff)] ^ TL[b >>> 24];
      h = TH[1792 + (a & 0xff)] ^ TH[1536 + ((a >>> 8) & 0xff)] ^ TH[1280 + ((a >>> 16) & 0xff)] ^ TH[1024 + (a >>> 24)] ^
        TH[768 + (b & 0xff)] ^ TH[512 + ((b >>> 8) & 0xff)] ^ TH[256 + ((b >>> 16) & 0xff)] ^ TH[b >>> 24];
    }
    for (; i < bytes.length; i++) {
      const x = (l ^ bytes[i]) & 0xff;
      l = ((l >>> 8) | (h << 24)) ^ TL[x];
      h = (h >>> 8) ^ TH[x];
    }
    this.lo = l >>> 0;
    this.hi = h >>> 0;
  }

  /** The value as OSS writes it: an unsigned decimal. */
  digest(): string {
    return ((BigInt((~this.hi) >>> 0) << 32n) | BigInt((~this.lo) >>> 0)).toString();
  }
}
