// Presigned URLs expire. The downloader renews one whose Expires has passed before it asks, and one the server
// calls expired (403 AccessDenied "Request has expired."), then goes on with Range from what is written; the
// renewal lists the backup again by its ID through the product catalog and the real signing client.
import * as assert from 'assert';
import * as path from 'path';
import type { Backup } from '../../src/cloud/models';
import { backupUrlSource, expectedFileBytes, listAgain } from '../../src/download/backupSource';
import { download } from '../../src/download/downloader';
import { SAMPLE_IDS, type RequestLogEntry } from '../emulator';
import { FAST_RETRY, fetchTo, filesIn, findResource, firstBackups, MiB, sha256, useDownloads } from './support';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('renewing an expired download URL', function () {
  this.timeout(60_000);
  const h = useDownloads();
  const gets = (): RequestLogEntry[] => h.emulator.requests().filter((r) => r.action === 'GetObject');

  it('a URL whose Expires has passed is renewed before anything is asked of the server', async () => {
    const stale = h.emulator.mintFile(2 * MiB, { expiresInSeconds: -60 });
    const fresh = h.emulator.mintFile(2 * MiB);
    const asked: boolean[] = [];
    const { result, target, log } = await fetchTo(h.dir, 'f.bin', '', {
      url: async (renew) => {
        asked.push(renew);
        return renew ? fresh : stale;
      },
    });
    assert.deepStrictEqual(asked, [false, true]);
    assert.strictEqual(result.renewals, 1);
    assert.deepStrictEqual(gets().map((r) => r.status), [200], 'the stale URL was never sent');
    assert.strictEqual(sha256(target), h.emulator.fileSha256(fresh));
    assert.ok(log.includes('The download URL has expired; fetching a new one first.'), log.join('\n'));
  });

  it('a URL that cannot be renewed (still expired, gone, or the listing fails) ends the download, leaving nothing', async () => {
    const stale = h.emulator.mintFile(MiB, { expiresInSeconds: -60 });
    const still = await fetchTo(h.dir, 'f.bin', stale).then(() => undefined, (e: Error) => e);
    assert.strictEqual(still?.message, 'The download URL expired and no valid one could be fetched. Renewed 3 times.');
    const gone = await fetchTo(h.dir, 'f.bin', '', { url: async (renew) => (renew ? undefined : stale) }).then(() => undefined, (e: Error) => e);
    assert.strictEqual(gone?.message, 'The download URL expired and no valid one could be fetched.');
    const failing = await fetchTo(h.dir, 'f.bin', '', {
      url: async (renew) => {
        if (renew) throw Object.assign(new Error('listing failed'), { code: 'ECONNRESET' });
        return stale;
      },
    }).then(() => undefined, (e: Error) => e);
    assert.strictEqual(failing?.message, 'The download URL expired and no valid one could be fetched. Fetching a new one failed (ECONNRESET).');
    assert.deepStrictEqual(gets(), []);
    assert.deepStrictEqual(filesIn(h.dir), []);
  });

  it('a backup whose URL the server calls expired mid-download is listed again through the catalog, however old, and the download goes on with Range', async () => {
    const client = h.cloud();
    const resource = await findResource(client, 'r-kvstore', 'cn-hangzhou', SAMPLE_IDS.kvstore.standard);
    const all = await firstBackups(client, resource, 45);
    const backup = all.filter((b) => b.downloadUrl).sort((a, b) => (a.sizeBytes ?? 0) - (b.sizeBytes ?? 0))[0];
    assert.ok(backup.startTime && backup.startTime.getTime() < Date.now() - 8 * DAY_MS, 'the backup should be older than the first 7-day window');
    assert.strictEqual(expectedFileBytes(backup), undefined, "Tair's BackupSize has no stated unit: the file is not checked against it");
    h.emulator.clearRequests();
    h.emulator.injectFault({ kind: 'resetMidFile', afterBytes: 10 * MiB, times: 1 });
    h.emulator.injectFault({ kind: 'expiredUrl', times: 1 });
    const renewed: Backup[] = [];
    const target = path.join(h.dir, 'redis.rdb');
    const result = await download({
      url: backupUrlSource(backup, 'downloadUrl', (current, signal) => listAgain(client, { resource, listedId: current.id }, current, signal), (fresh) => renewed.push(fresh)),
      target,
      signal: new AbortController().signal,
      retry: FAST_RETRY,
    });
    assert.deepStrictEqual({ renewals: result.renewals, resumes: result.resumes, bytes: result.bytes }, { renewals: 1, resumes: 2, bytes: backup.sizeBytes });
    const trail = h.emulator.requests().map((r) => [r.action, r.status, r.params.Range ?? r.params.BackupId, r.code].filter((x) => x !== undefined).join(' '));
    assert.deepStrictEqual(trail, [
      'GetObject 200 resetMidFile',
      `GetObject 403 bytes=${10 * MiB}- expiredUrl`,
      `DescribeBackups 200 ${backup.id}`,
      `GetObject 206 bytes=${10 * MiB}-`,
    ]);
    const relisted = h.emulator.requests().find((r) => r.action === 'DescribeBackups');
    assert.ok(relisted && Date.parse(relisted.params.StartTime) < backup.startTime.getTime() && Date.parse(relisted.params.EndTime) > backup.startTime.getTime());
    assert.strictEqual(renewed.length, 1);
    assert.strictEqual(sha256(target), h.emulator.fileSha256(renewed[0].downloadUrl ?? ''));
  });

  it("a node's backup inside a MongoDB cluster backup is listed again through its cluster backup's ID", async () => {
    const client = h.cloud();
    const resource = await findResource(client, 'dds', 'cn-hangzhou', SAMPLE_IDS.dds.clusterBackup);
    const cluster = (await firstBackups(client, resource)).find((b) => b.parts?.some((p) => p.downloadUrl));
    const part = cluster?.parts?.find((p) => p.downloadUrl);
    assert.ok(cluster && part);
    assert.strictEqual(expectedFileBytes(part), part.sizeBytes, "MongoDB's BackupSize is the file's size in bytes");
    h.emulator.clearRequests();
    const again = await listAgain(client, { resource, listedId: cluster.id }, part, new AbortController().signal);
    assert.deepStrictEqual([again?.id, again?.sizeBytes, typeof again?.downloadUrl], [part.id, part.sizeBytes, 'string']);
    const listed = h.emulator.requests().filter((r) => r.action === 'DescribeClusterBackups');
    assert.deepStrictEqual(listed.map((r) => r.params.BackupId), [cluster.id]);
  });
});
