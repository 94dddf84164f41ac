// API responses are cut at 16 MiB (src/cloud/requestScope.ts), but only requests started inside the client's request
// scope are watched: a download, started outside it, is not cut, even right after the capped client renewed its URL.
import * as assert from 'assert';
import { withRequestScope } from '../../src/cloud/requestScope';
import { DEFAULT_MAX_RESPONSE_BYTES, ResponseTooLargeError } from '../../src/cloud/responseCap';
import { download } from '../../src/download/downloader';
import { SAMPLE_IDS } from '../emulator';
import { FAST_RETRY, fetchTo, findResource, MiB, sha256, useDownloads } from './support';

describe('downloads and the response cap', function () {
  this.timeout(30_000);
  const h = useDownloads();
  const SIZE = 24 * MiB;

  it(`a ${SIZE / MiB} MiB download is not cut at ${DEFAULT_MAX_RESPONSE_BYTES / MiB} MiB, also when the capped API client renewed its URL just before`, async () => {
    const stale = h.emulator.mintFile(SIZE, { expiresInSeconds: -1 });
    const fresh = h.emulator.mintFile(SIZE);
    const client = h.cloud();
    const { result, target } = await fetchTo(h.dir, 'big.bin', '', {
      url: async (renew) => {
        if (!renew) return stale;
        // A real API call through the capped client, as a renewal makes; the download continues after it.
        await findResource(client, 'rds', 'cn-hangzhou', SAMPLE_IDS.rds.mysql);
        return fresh;
      },
    });
    assert.deepStrictEqual([result.bytes, result.renewals], [SIZE, 1]);
    assert.strictEqual(sha256(target), h.emulator.fileSha256(fresh));
  });

  it('the same download inside the request scope would be cut (so the test above means something)', async () => {
    const url = h.emulator.mintFile(SIZE);
    const abort = new AbortController();
    const capped = withRequestScope({ maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES }, () =>
      download({ url: async () => url, target: `${h.dir}/capped.bin`, signal: abort.signal, retry: FAST_RETRY }),
    );
    await assert.rejects(capped, ResponseTooLargeError);
    abort.abort();
  });
});
