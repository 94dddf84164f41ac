// http.proxyStrictSSL through a real proxy to the emulator's TLS port, whose certificate nobody trusts: off, the
// API call and the download through the proxy's CONNECT tunnel get through; on, they are refused. A host reached
// directly is checked either way, since the setting is about the proxy's connections.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CloudError } from '../../src/cloud/errors';
import type { ProxyConfig } from '../../src/cloud/proxy';
import { listRegions } from '../../src/cloud/regions';
import { adbRegions } from '../../src/products/adb';
import { makeTestCertificate } from '../emulator';
import { startProxy, type RunningProxy } from '../proxy/server';
import { downloadFailure, fetchTo, MiB, sha256 } from '../download/support';
import { failure, useEmulator } from './harness';

/** The certificate refusal, as Node words it for the API call and as the download names its code. */
const SELF_SIGNED = /self[-_]signed[-_ ]cert/i;

describe('http.proxyStrictSSL on https targets', function () {
  this.timeout(30_000);
  const h = useEmulator({ downloads: true, tls: makeTestCertificate() });
  let proxy: RunningProxy;
  let dir: string;
  beforeEach(async () => {
    proxy = await startProxy();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abx-strict-ssl-'));
  });
  afterEach(async () => {
    await proxy.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const tlsOrigin = (): string => `https://${h.emulator.tlsEndpoint ?? ''}`;
  const via = (strictSSL: boolean, noProxy: string[] = []): ProxyConfig => ({ url: proxy.url, noProxy, strictSSL });
  const regionsOver = (proxyConfig: ProxyConfig): Promise<unknown> =>
    listRegions(h.client({ settings: { endpointOverrides: { adb: tlsOrigin() }, proxy: proxyConfig } }), adbRegions);
  /** A download URL the emulator minted, fetched from its TLS port instead. */
  const tlsFileUrl = (size: number): { url: string; minted: string } => {
    const minted = h.emulator.mintFile(size);
    return { url: minted.replace(h.emulator.url, tlsOrigin()), minted };
  };

  it('off: an API call and a download go through the tunnel although the certificate is not trusted', async () => {
    const regions = await regionsOver(via(false));
    assert.ok(Array.isArray(regions) && regions.length > 0);
    const { url, minted } = tlsFileUrl(MiB);
    const { result, target } = await fetchTo(dir, 'a.bin', url, { proxy: via(false) });
    assert.strictEqual(result.bytes, MiB);
    assert.strictEqual(sha256(target), h.emulator.fileSha256(minted));
    assert.deepStrictEqual(proxy.log, [`CONNECT ${h.emulator.tlsEndpoint}`, `CONNECT ${h.emulator.tlsEndpoint}`]);
  });

  /** The refusal as a person reads it: the certificate named by its code, asked once (asking again cannot help). */
  const assertCertificateRefused = (err: unknown): void => {
    assert.ok(err instanceof CloudError, String(err));
    assert.strictEqual(err.kind, 'certificate');
    assert.match(err.code, SELF_SIGNED);
    assert.match(err.message, /TLS certificate was not accepted/);
    assert.doesNotMatch(err.message, /https?:\/\//, 'the message quotes no URL');
    assert.strictEqual(h.calls.length, 1, 'attempts');
  };

  it('on: the untrusted certificate is refused, for the API call and the download, and nothing is answered', async () => {
    assertCertificateRefused(await failure(regionsOver(via(true))));
    const download = await downloadFailure(fetchTo(dir, 'b.bin', tlsFileUrl(MiB).url, { proxy: via(true) }));
    assert.strictEqual(download.reason, 'certificate');
    assert.match(download.message, SELF_SIGNED);
    assert.ok(proxy.log.length > 0 && proxy.log.every((line) => line === `CONNECT ${h.emulator.tlsEndpoint}`), proxy.log.join('\n'));
    assert.strictEqual(h.emulator.requests().length, 0);
  });

  it('off, but the host is on noProxy: reached directly, its certificate is checked', async () => {
    assertCertificateRefused(await failure(regionsOver(via(false, ['127.0.0.1']))));
    const download = await downloadFailure(fetchTo(dir, 'c.bin', tlsFileUrl(MiB).url, { proxy: via(false, ['127.0.0.1']) }));
    assert.strictEqual(download.reason, 'certificate');
    assert.match(download.message, SELF_SIGNED);
    assert.deepStrictEqual(proxy.log, []);
    assert.strictEqual(h.emulator.requests().length, 0);
  });
});
