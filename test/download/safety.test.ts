// Where a signed URL may be sent (https; plain http only to this machine), what the downloader refuses from a
// server (redirects, other ranges, a wrong CRC-64), and that no error message or log line repeats a URL.
import * as assert from 'assert';
import { subscribe, unsubscribe } from 'diagnostics_channel';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { DownloadError } from '../../src/download/downloadError';
import { downloadTransport } from '../../src/download/transport';
import { downloadFailure, fetchTo, filesIn, MiB, useDownloads } from './support';

/** Counts the HTTP requests this process starts while `run` runs. */
async function requestsDuring(run: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const onStart = (): void => {
    count++;
  };
  subscribe('http.client.request.start', onStart);
  try {
    await run();
  } finally {
    unsubscribe('http.client.request.start', onStart);
  }
  return count;
}

/** A server that answers every request with `answer`; its URLs carry a signature like OSS's. */
async function misbehaving(answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/bucket/f.bin?Expires=4102444800&OSSAccessKeyId=EMULATOR_OSS_KEY_ID&Signature=bad%2Bserver%3D`, server };
}

describe('download safety', function () {
  this.timeout(30_000);
  const h = useDownloads();

  it('fetches https as it is, plain http only from this machine, and http://…aliyuncs.com over https', () => {
    const ok = (url: string) => {
      const t = downloadTransport(url);
      return t.ok ? `${t.url.href}${t.upgraded ? ' (upgraded)' : ''}` : t.reason;
    };
    assert.strictEqual(ok('https://b.oss-cn-hangzhou.aliyuncs.com/f?Expires=1&Signature=s'), 'https://b.oss-cn-hangzhou.aliyuncs.com/f?Expires=1&Signature=s');
    assert.strictEqual(ok('http://127.0.0.1:4010/__files/f?Signature=s'), 'http://127.0.0.1:4010/__files/f?Signature=s');
    assert.strictEqual(ok('http://localhost:9/f'), 'http://localhost:9/f');
    assert.strictEqual(ok('http://[::1]:9/f'), 'http://[::1]:9/f');
    assert.strictEqual(ok('http://rdsbak-hz-v3.oss-cn-hangzhou.aliyuncs.com:80/c/h.tar.gz?Expires=1&Signature=a%2Bb'), 'https://rdsbak-hz-v3.oss-cn-hangzhou.aliyuncs.com/c/h.tar.gz?Expires=1&Signature=a%2Bb (upgraded)');
    for (const url of ['http://example.com/f', 'http://10.0.0.5/f', 'http://oss.aliyuncs.com.example.org/f', 'http://aliyuncs.com/f']) assert.strictEqual(ok(url), 'plainHttpRemote', url);
    for (const url of ['ftp://h/f', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/plain,x']) assert.strictEqual(ok(url), 'scheme', url);
    assert.strictEqual(ok('https://user:pw@b.oss-cn-hangzhou.aliyuncs.com/f'), 'hasUserInfo');
    assert.strictEqual(ok('not a url'), 'malformed');
  });

  it('refuses plain http to another machine, and any scheme but http(s), before a single request', async () => {
    for (const [url, reason] of [['http://example.com/backup.tar.gz?Expires=4102444800&Signature=abc', 'plainHttpRemote'], ['ftp://example.com/backup.tar.gz', 'scheme']]) {
      let err: DownloadError | undefined;
      const sent = await requestsDuring(async () => {
        err = await downloadFailure(fetchTo(h.dir, 'f.bin', url));
      });
      assert.strictEqual(err?.reason, reason, url);
      assert.strictEqual(sent, 0, `${url}: requests sent`);
    }
    assert.deepStrictEqual(filesIn(h.dir), []);
  });

  it('follows no redirect, not even to the same place', async () => {
    const target = h.emulator.mintFile(MiB);
    const { url, server } = await misbehaving((_req, res) => res.writeHead(302, { location: target }).end());
    try {
      const err = await downloadFailure(fetchTo(h.dir, 'f.bin', url));
      assert.deepStrictEqual([err.reason, err.status], ['redirect', 302]);
      assert.deepStrictEqual(h.emulator.requests(), []);
    } finally {
      server.close();
    }
  });

  it('refuses a 206 with other bytes than asked for, and a file whose CRC-64 is not the one the server gave', async () => {
    let calls = 0;
    const { url, server } = await misbehaving((_req, res) => {
      calls++;
      if (calls === 1) {
        // Half the file, then the connection drops.
        res.writeHead(200, { 'content-length': 1000 });
        res.write(Buffer.alloc(500));
        setTimeout(() => res.destroy(), 20);
      } else if (calls === 2) {
        res.writeHead(206, { 'content-length': 500, 'content-range': 'bytes 400-899/1000' }).end(Buffer.alloc(500));
      } else {
        res.writeHead(200, { 'content-length': 1000, 'x-oss-hash-crc64ecma': '12345' }).end(Buffer.alloc(1000));
      }
    });
    try {
      const range = await downloadFailure(fetchTo(h.dir, 'f.bin', url));
      assert.strictEqual(range.reason, 'badRange');
      const crc = await downloadFailure(fetchTo(h.dir, 'f.bin', url));
      assert.strictEqual(crc.reason, 'checksumMismatch');
      assert.match(crc.message, /^The file does not match its CRC-64\. The file's CRC-64 is \d+; the server's is 12345\.$/);
      assert.deepStrictEqual(filesIn(h.dir), []);
    } finally {
      server.close();
    }
  });

  it('says no URL, path or signature in any error message or log line', async () => {
    const urls: string[] = [];
    const texts: string[] = [];
    const run = async (url: string, faults: Array<Parameters<typeof h.emulator.injectFault>[0]> = [], expectedBytes?: number): Promise<void> => {
      urls.push(url);
      h.emulator.clearFaults();
      faults.forEach((f) => h.emulator.injectFault(f));
      const log: string[] = [];
      const fresh = h.emulator.mintFile(2 * MiB);
      urls.push(fresh);
      await fetchTo(h.dir, 'f.bin', url, { log: (l) => log.push(l), expectedBytes, url: async (renew) => (renew ? fresh : url) }).catch((e: Error) => texts.push(e.message, String(e.stack)));
      texts.push(...log);
    };
    await run(h.emulator.mintFile(2 * MiB), [{ kind: 'resetMidFile', times: 1 }, { kind: 'expiredUrl', times: 1 }]);
    await run(h.emulator.mintFile(2 * MiB, { expiresInSeconds: -5 }));
    await run(h.emulator.mintFile(2 * MiB), [], 7);
    await run(h.emulator.mintFile(2 * MiB).replace(/Signature=[^&]+/, 'Signature=tampered%2Bsig%3D'));
    await run(h.emulator.mintFile(2 * MiB).replace('/downloads/', '/nothing-here/'));
    await run(h.emulator.mintFile(2 * MiB).replace(`:${h.emulator.port}/`, ':1/'));
    await run('http://example.com/f.bin?Expires=4102444800&OSSAccessKeyId=K&Signature=plain%2Bhttp%3D');
    assert.ok(texts.length > 10, texts.join('\n'));
    const needles = urls.flatMap((u) => {
      const parsed = new URL(u);
      const signature = parsed.searchParams.get('Signature') ?? '';
      return [u, parsed.pathname, parsed.search, signature, encodeURIComponent(signature), 'Signature=', 'OSSAccessKeyId'];
    });
    for (const text of texts) for (const needle of needles) assert.ok(!text.includes(needle), `"${needle}" in: ${text}`);
  });
});
