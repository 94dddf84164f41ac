// The bytes of a served backup file, made up on the fly so that no file is stored and any range can be served:
// one block of PRNG bytes whose length is a prime (so a misplaced resume never lines up with a repetition), read
// cyclically from an offset that depends on the file's key. The whole file's CRC-64 (OSS's x-oss-hash-crc64ecma)
// comes from the block's CRC combined with itself, so even a 60 GB file's is known at once. The CRC code here is
// the plain byte-at-a-time BigInt form, kept apart from the extension's fast one so that each checks the other.
import { createHash } from 'crypto';
import { hashString, Prng } from './random';

/** 1 MiB less 3: prime. */
export const BLOCK_BYTES = 1_048_573;
const POLY = 0xc96c5795d7870f42n;
const MASK = 0xffffffffffffffffn;

let twice: Buffer | undefined;
/** The block written twice in a row, so that any window of up to BLOCK_BYTES is one contiguous view. */
function blockTwice(): Buffer {
  if (twice) return twice;
  const block = Buffer.alloc(BLOCK_BYTES);
  const prng = new Prng(0x0b5f11e5);
  for (let i = 0; i < BLOCK_BYTES; i += 4) block.writeUInt32LE(Math.floor(prng.next() * 0x100000000), Math.min(i, BLOCK_BYTES - 4));
  twice = Buffer.concat([block, block]);
  return twice;
}

/** Where in the block a file starts. */
export function blockOffset(key: string): number {
  return hashString(key) % BLOCK_BYTES;
}

/** The file's bytes from `start` to `end` (exclusive), as views of at most `maxChunk` bytes (never copies). */
export function* fileChunks(key: string, start: number, end: number, maxChunk = 256 * 1024): Generator<Buffer> {
  const block = blockTwice();
  const shift = blockOffset(key);
  for (let at = start; at < end; ) {
    const from = (shift + at) % BLOCK_BYTES;
    const n = Math.min(maxChunk, end - at, BLOCK_BYTES);
    yield block.subarray(from, from + n);
    at += n;
  }
}

/** SHA-256 of a whole file, for tests to compare a download with. */
export function fileSha256(key: string, size: number): string {
  const hash = createHash('sha256');
  for (const chunk of fileChunks(key, 0, size, 4 * 1024 * 1024)) hash.update(chunk);
  return hash.digest('hex');
}

let table: bigint[] | undefined;

/** CRC-64/ECMA-182 as OSS reports it (reflected, all-ones initial value and final XOR), a byte at a time. */
export function crc64(bytes: Uint8Array): bigint {
  table ??= Array.from({ length: 256 }, (_, n) => {
    let c = BigInt(n);
    for (let k = 0; k < 8; k++) c = c & 1n ? (c >> 1n) ^ POLY : c >> 1n;
    return c;
  });
  let crc = MASK;
  for (const byte of bytes) crc = table[Number((crc ^ BigInt(byte)) & 0xffn)] ^ (crc >> 8n);
  return crc ^ MASK;
}

/** A 64×64 matrix over GF(2), column by column: what the CRC register becomes after some zero bits. */
type Matrix = bigint[];

function times(matrix: Matrix, vector: bigint): bigint {
  let sum = 0n;
  for (let i = 0; vector; i++, vector >>= 1n) if (vector & 1n) sum ^= matrix[i];
  return sum;
}

function square(matrix: Matrix): Matrix {
  return matrix.map((column) => times(matrix, column));
}

/** The CRC of A followed by B, from the CRCs of A and B and the length of B (as zlib's crc32_combine). */
export function crc64Combine(crcA: bigint, crcB: bigint, lengthB: number): bigint {
  if (lengthB <= 0) return crcA;
  // One zero bit, then two, four: the operator for one zero byte is the first squaring in the loop.
  let odd: Matrix = [POLY, ...Array.from({ length: 63 }, (_, i) => 1n << BigInt(i))];
  let even = square(odd);
  odd = square(even);
  let n = lengthB;
  let crc = crcA;
  for (;;) {
    even = square(odd);
    if (n % 2) crc = times(even, crc);
    n = Math.floor(n / 2);
    if (n === 0) break;
    odd = square(even);
    if (n % 2) crc = times(odd, crc);
    n = Math.floor(n / 2);
    if (n === 0) break;
  }
  return crc ^ crcB;
}

/** The CRC of the block read from each offset asked for so far (a few hundred ms each in BigInt). */
const blockCrcs = new Map<number, bigint>();

/** The whole file's CRC-64: the block (from the file's offset) repeated, then a part of it. */
export function fileCrc64(key: string, size: number): bigint {
  const shift = blockOffset(key);
  const block = blockTwice().subarray(shift, shift + BLOCK_BYTES);
  const repeats = Math.floor(size / BLOCK_BYTES);
  let whole = 0n; // the CRC of nothing
  if (!blockCrcs.has(shift)) blockCrcs.set(shift, crc64(block));
  let power = blockCrcs.get(shift) ?? 0n;
  let powerBytes = BLOCK_BYTES;
  for (let k = repeats; k > 0; k = Math.floor(k / 2)) {
    if (k % 2) whole = crc64Combine(whole, power, powerBytes);
    if (k > 1) {
      power = crc64Combine(power, power, powerBytes);
      powerBytes *= 2;
    }
  }
  const rest = size % BLOCK_BYTES;
  return crc64Combine(whole, crc64(block.subarray(0, rest)), rest);
}
