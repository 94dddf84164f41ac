// Requests through a real HTTP proxy (TooTallNate's `proxy`, on loopback) to the signature-checking emulator: the
// API calls and a backup download go through it, noProxy goes direct, a closed proxy port is a clear ProxyRefused,
// and a proxy's user name and password reach the proxy only, never an error or a log line.
import * as assert from 'assert';
import { CloudError } from '../../src/cloud/errors';
import type { ProxyConfig } from '../../src/cloud/proxy';
import { listRegions } from '../../src/cloud/regions';
import { adbRegions } from '../../src/products/adb';
import { closedPort, startProxy, type RunningProxy } from '../proxy/server';
import { downloadFailure, fetchTo, MiB, sha256, useDownloads } from '../download/support';
import { failure } from './harness';

const via = (url: string, noProxy: string[] = []): ProxyConfig => ({ url, noProxy, strictSSL: true });

describe('requests through an HTTP proxy', function () {
  this.timeout(30_000);
  const h = useDownloads();
  let proxy: RunningProxy;
  beforeEach(async () => {
    proxy = await startProxy();
  });
  afterEach(() => proxy.close());

  it('an API call goes through the proxy, signed as ever: the proxy logs it and the emulator verifies the signature', async () => {
    const regions = await listRegions(h.client({ settings: { proxy: via(proxy.url) } }), adbRegions);
    assert.ok(regions.length > 0);
    assert.strictEqual(proxy.log.length, 1, proxy.log.join('\n'));
    // AnalyticDB is asked for region names in a language (the query); the action travels in the signed body.
    assert.strictEqual(proxy.log[0], `POST http://127.0.0.1:${h.emulator.port}/?AcceptLanguage=en-US DescribeRegions`);
    assert.strictEqual(h.emulator.requests()[0].code, undefined, 'the signature verified');
  });

  it('a host on the noProxy list is reached directly', async () => {
    for (const noProxy of [['127.0.0.1'], [`127.0.0.1:${h.emulator.port}`], ['*']]) {
      await listRegions(h.client({ settings: { proxy: via(proxy.url, noProxy) } }), adbRegions);
    }
    await listRegions(h.client({ settings: { proxy: via(proxy.url, ['127.0.0.1:1', 'example.com']) } }), adbRegions);
    assert.strictEqual(proxy.log.length, 1, 'only the call whose noProxy entries do not match went through the proxy');
    assert.strictEqual(h.emulator.requests().length, 4);
  });

  it('a backup file is downloaded through the proxy, byte for byte', async () => {
    const url = h.emulator.mintFile(2 * MiB);
    const { result, target } = await fetchTo(h.dir, 'b.bin', url, { proxy: via(proxy.url) });
    assert.strictEqual(result.bytes, 2 * MiB);
    assert.strictEqual(sha256(target), h.emulator.fileSha256(url));
    assert.deepStrictEqual(proxy.log.map((l) => l.split('?')[0]), [`GET ${url.split('?')[0]}`]);
  });

  it('a proxy that refuses the connection is ProxyRefused, naming the proxy but never its credentials', async () => {
    const port = await closedPort();
    const client = h.client({ settings: { proxy: via(`http://alice:s3cret-pw@127.0.0.1:${port}`) } });
    const err = await failure(listRegions(client, adbRegions));
    assert.ok(err instanceof CloudError, String(err));
    assert.strictEqual(err.code, 'ProxyRefused');
    assert.strictEqual(err.kind, 'network');
    assert.strictEqual(err.message, `The proxy http://127.0.0.1:${port} refused the connection (ECONNREFUSED).`);
    const texts = [err.describe(), err.stack ?? '', ...h.calls.map((c) => c.error ?? '')].join('\n');
    assert.ok(!/alice|s3cret/.test(texts), texts);
    assert.strictEqual(h.emulator.requests().length, 0);

    const download = await downloadFailure(fetchTo(h.dir, 'c.bin', h.emulator.mintFile(MiB), { proxy: via(`http://alice:s3cret-pw@127.0.0.1:${port}`) }));
    assert.strictEqual(download.reason, 'network');
    assert.match(download.message, new RegExp(`the last: The proxy http://127\\.0\\.0\\.1:${port} refused the connection \\(ECONNREFUSED\\)\\.$`));
    assert.ok(!/alice|s3cret/.test(download.message));
  });

  it('a proxy that asks for credentials gets those of its URL, and they appear in no log line or record', async () => {
    const guarded = await startProxy({ auth: { user: 'alice', pass: 's3cret-pw' } });
    try {
      await listRegions(h.client({ settings: { proxy: via(guarded.url) } }), adbRegions);
      assert.strictEqual(guarded.log.length, 1);
      assert.strictEqual(guarded.refused, 0);
      assert.ok(!JSON.stringify(h.calls).includes('s3cret'));
      const without = guarded.url.replace('alice:s3cret-pw@', '');
      const err = await failure(listRegions(h.client({ settings: { proxy: via(without) } }), adbRegions));
      assert.ok(err instanceof CloudError);
      assert.strictEqual(err.code, 'ProxyAuthenticationRequired', err.describe());
      assert.match(err.message, new RegExp(`^The proxy http://127\\.0\\.0\\.1:${guarded.port} asks for a user name and password \\(HTTP 407\\)`));
      assert.strictEqual(guarded.refused, 3, 'retried as a network failure would be');
    } finally {
      await guarded.close();
    }
  });
});
