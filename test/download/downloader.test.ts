// The downloader over real HTTP against the emulator's OSS: whole files, a reset mid-file resumed with Range, a
// server that ignores Range, the API's size, cancellation, a link that stays down.
import * as assert from 'assert';
import { download } from '../../src/download/downloader';
import type { RequestLogEntry } from '../emulator';
import { downloadFailure, fetchTo, filesIn, MiB, sha256, useDownloads } from './support';

describe('downloading a backup file', function () {
  this.timeout(30_000);
  const h = useDownloads();
  const gets = (): RequestLogEntry[] => h.emulator.requests().filter((r) => r.action === 'GetObject');

  it('a whole file lands under its name with the bytes the server made, checked against its CRC-64; no .part is left', async () => {
    const url = h.emulator.mintFile(3 * MiB + 12_345);
    const { result, target, log } = await fetchTo(h.dir, 'backup.tar.gz', url, { expectedBytes: 3 * MiB + 12_345 });
    assert.deepStrictEqual(result, { bytes: 3 * MiB + 12_345, checksum: 'crc64', resumes: 0, restarts: 0, renewals: 0 });
    assert.strictEqual(sha256(target), h.emulator.fileSha256(url));
    assert.deepStrictEqual(filesIn(h.dir), ['backup.tar.gz']);
    assert.deepStrictEqual(gets().map((r) => [r.status, r.params.Range]), [[200, undefined]]);
    assert.ok(log.some((l) => /CRC-64 \d+ matches/.test(l)), log.join('\n'));
  });

  it('a reset mid-file is resumed with exactly one Range request from where the file ends; the bytes are the same', async () => {
    const url = h.emulator.mintFile(8 * MiB);
    h.emulator.injectFault({ kind: 'resetMidFile', afterBytes: 3_000_001, times: 1 });
    const { result, target, log } = await fetchTo(h.dir, 'f.bin', url);
    assert.strictEqual(result.resumes, 1);
    assert.strictEqual(sha256(target), h.emulator.fileSha256(url));
    // What arrived is written; bytes still queued in Node's response stream when the socket closed are not, so the
    // file may end a little before the cut.
    const ended = Number(/failed at byte (\d+) of 8388608 \(/.exec(log.join('\n'))?.[1]);
    assert.ok(ended > 3_000_001 - 256 * 1024 && ended <= 3_000_001, `the file ended at ${ended}`);
    assert.deepStrictEqual(gets().map((r) => [r.status, r.params.Range, r.code]), [
      [200, undefined, 'resetMidFile'],
      [206, `bytes=${ended}-`, undefined],
    ]);
  });

  it('a server that answers the Range request with the whole file (200) is read from the start again', async () => {
    const url = h.emulator.mintFile(5 * MiB);
    h.emulator.injectFault({ kind: 'resetMidFile', afterBytes: MiB, times: 1 });
    h.emulator.injectFault({ kind: 'ignoreRange', times: 1 });
    const { result, target } = await fetchTo(h.dir, 'f.bin', url);
    assert.deepStrictEqual({ resumes: result.resumes, restarts: result.restarts }, { resumes: 1, restarts: 1 });
    assert.strictEqual(sha256(target), h.emulator.fileSha256(url));
    assert.deepStrictEqual(gets().map((r) => [r.status, r.params.Range]), [[200, undefined], [200, `bytes=${MiB}-`]]);
  });

  it("a server that sends another size than the backup's is refused before the body, and nothing is left", async () => {
    const url = h.emulator.mintFile(2 * MiB);
    const err = await downloadFailure(fetchTo(h.dir, 'f.bin', url, { expectedBytes: 2 * MiB + 1 }));
    assert.strictEqual(err.reason, 'sizeMismatch');
    assert.strictEqual(err.message, "The file does not have the size it should have. The server sends 2097152 bytes; the backup's size is 2097153 bytes.");
    assert.deepStrictEqual(filesIn(h.dir), []);
  });

  it('cancelling stops the transfer and removes the .part file', async () => {
    const url = h.emulator.mintFile(4 * MiB);
    h.emulator.injectFault({ kind: 'slowLink', bytesPerSecond: 256 * 1024 });
    const abort = new AbortController();
    const seen: number[] = [];
    const running = download({
      url: async () => url,
      target: `${h.dir}/f.bin`,
      signal: abort.signal,
      onProgress: (p) => {
        seen.push(p.bytes);
        if (p.bytes > 0) abort.abort();
      },
    });
    const err = await downloadFailure(running);
    assert.strictEqual(err.reason, 'cancelled');
    assert.ok(seen.some((b) => b > 0 && b < 4 * MiB), `progress seen: ${seen.join(', ')}`);
    assert.deepStrictEqual(filesIn(h.dir), []);
    assert.strictEqual(gets().length, 1);
  });

  it('progress says bytes, total and rate, and ends at the whole size', async () => {
    const url = h.emulator.mintFile(MiB);
    h.emulator.injectFault({ kind: 'slowLink', bytesPerSecond: 2 * MiB });
    const seen: Array<{ bytes: number; total?: number; bytesPerSecond: number }> = [];
    await fetchTo(h.dir, 'f.bin', url, { onProgress: (p) => seen.push(p) });
    const last = seen[seen.length - 1];
    assert.deepStrictEqual({ bytes: last.bytes, total: last.total }, { bytes: MiB, total: MiB });
    // The first report has nothing to measure a rate against.
    const rates = seen.slice(1).filter((p) => p.bytes < MiB).map((p) => p.bytesPerSecond);
    assert.ok(rates.length > 0 && rates.every((r) => r > 0.5 * MiB && r < 4 * MiB), `rates: ${rates.join(', ')}`);
  });

  it('a file that cannot be created ends the download before anything is asked', async () => {
    const err = await downloadFailure(fetchTo(`${h.dir}/no-such-folder`, 'f.bin', h.emulator.mintFile(MiB)));
    assert.deepStrictEqual([err.reason, err.message], ['file', 'The file could not be written. Creating the file failed (ENOENT).']);
    assert.deepStrictEqual(gets(), []);
  });

  it('a server that cannot be reached is given up after the attempts allowed, and nothing is left', async () => {
    const url = h.emulator.mintFile(MiB).replace(`:${h.emulator.port}/`, ':1/');
    const err = await downloadFailure(fetchTo(h.dir, 'f.bin', url));
    assert.strictEqual(err.reason, 'network');
    assert.strictEqual(err.message, 'The connection kept failing. 3 attempts in a row brought nothing; the last: ECONNREFUSED.');
    assert.deepStrictEqual(filesIn(h.dir), []);
  });
});
