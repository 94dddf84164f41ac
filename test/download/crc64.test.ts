// The downloader's CRC-64 (slice-by-8 on 32-bit halves) against the published check value and against the
// emulator's plain byte-at-a-time BigInt form, whose combine gives the x-oss-hash-crc64ecma of a whole file.
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { Crc64 } from '../../src/download/crc64';
import { BLOCK_BYTES, crc64, fileChunks, fileCrc64 } from '../emulator/fileContent';

function fast(...parts: Uint8Array[]): string {
  const crc = new Crc64();
  for (const p of parts) crc.update(p);
  return crc.digest();
}

describe('CRC-64/ECMA-182 (OSS x-oss-hash-crc64ecma)', () => {
  it('gives the check value of CRC-64/XZ for "123456789", and 0 for nothing', () => {
    assert.strictEqual(fast(Buffer.from('123456789')), '11051210869376104954');
    assert.strictEqual(crc64(Buffer.from('123456789')).toString(), '11051210869376104954');
    assert.strictEqual(fast(), '0');
  });

  it('agrees with the byte-at-a-time form however the bytes are split', () => {
    for (const length of [1, 7, 8, 9, 63, 64, 65, 1000, 4099]) {
      const bytes = randomBytes(length);
      const cut = Math.floor(length / 3);
      assert.strictEqual(fast(bytes.subarray(0, cut), bytes.subarray(cut, cut + 1), bytes.subarray(cut + 1)), crc64(bytes).toString(), `${length} bytes`);
    }
  });

  it("the emulator's whole-file CRC (block CRCs combined) is the CRC of the bytes it serves", () => {
    for (const size of [0, 1, BLOCK_BYTES - 1, BLOCK_BYTES, BLOCK_BYTES + 1, 3 * BLOCK_BYTES + 777]) {
      const key = 'bucket.oss-cn-hangzhou.aliyuncs.com/f';
      assert.strictEqual(fast(...fileChunks(key, 0, size)), fileCrc64(key, size).toString(), `${size} bytes`);
    }
  });
});
