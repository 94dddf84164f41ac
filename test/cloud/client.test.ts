import * as assert from 'assert';
import * as net from 'net';
import { adbBackups, adbRegions } from '../../src/products/adb';
import { CloudClient } from '../../src/cloud/client';
import { CredentialSource } from '../../src/cloud/credentials';
import { CancelledError, CloudError } from '../../src/cloud/errors';
import { fetchPage } from '../../src/cloud/paging';
import { listRegions } from '../../src/cloud/regions';
import { TEST_CREDENTIALS } from '../emulator/credentials';
import { failure, TEST_KEY, useEmulator } from './harness';

const BIG = { region: 'cn-hangzhou', clusterId: 'am-bp1big0000000001' };

function texts(err: unknown): string {
  return err instanceof CloudError ? `${err.message} ${err.describe()} ${err.stack ?? ''}` : String(err);
}

describe('CloudClient: signing, errors and retries against the gateway emulator', () => {
  const h = useEmulator();

  describe('authentication', () => {
    it('a wrong secret is refused as SignatureDoesNotMatch, and the secret is in no error text', async () => {
      const wrong = { accessKeyId: TEST_KEY.accessKeyId, accessKeySecret: 'not-the-secret-9d1c' };
      const err = await failure(listRegions(h.client({ key: wrong }), adbRegions));
      assert.ok(err instanceof CloudError);
      assert.strictEqual(err.code, 'SignatureDoesNotMatch');
      assert.strictEqual(err.kind, 'auth');
      assert.ok(err.requestId);
      assert.ok(!texts(err).includes('not-the-secret-9d1c'));
      assert.strictEqual(h.emulator.requests().length, 1, 'auth errors are never retried');
    });

    it('an action sent as GET (as a few are documented) is signed as GET and answered', async () => {
      const { body } = await h.client().call(adbRegions.product, 'DescribeRegions', 'cn-hangzhou', {}, undefined, 'GET');
      assert.ok(adbRegions.parse(body).length > 0);
      assert.strictEqual(h.emulator.requests().length, 1);
      assert.strictEqual(h.emulator.requests()[0].code, undefined, 'the GET signature verified');
    });

    it('an unknown AccessKey ID is InvalidAccessKeyId.NotFound', async () => {
      const err = await failure(listRegions(h.client({ key: { accessKeyId: 'EMULATOR_UNKNOWN_ID', accessKeySecret: 'x-secret-x' } }), adbRegions));
      assert.ok(err instanceof CloudError);
      assert.strictEqual(err.code, 'InvalidAccessKeyId.NotFound');
      assert.strictEqual(err.kind, 'auth');
    });

    it('an STS key signs with its token; a wrong or expired token is refused', async () => {
      const sts = TEST_CREDENTIALS.sts;
      assert.ok((await listRegions(h.client({ key: sts }), adbRegions)).length > 0);
      for (const securityToken of ['wrong-token-1234', TEST_CREDENTIALS.expiredStsToken]) {
        const err = await failure(listRegions(h.client({ key: { ...sts, securityToken } }), adbRegions));
        assert.ok(err instanceof CloudError);
        assert.match(err.code, /^InvalidSecurityToken\./);
        assert.ok(!texts(err).includes(securityToken) && !texts(err).includes(sts.accessKeySecret));
      }
    });

    it('a key without permission is a permission error', async () => {
      const err = await failure(listRegions(h.client({ key: TEST_CREDENTIALS.noPermission }), adbRegions));
      assert.ok(err instanceof CloudError);
      assert.strictEqual(err.kind, 'permission');
    });
  });

  describe('faults', () => {
    it('throttling once is retried and recovers', async () => {
      h.emulator.injectFault({ kind: 'throttle', action: 'DescribeBackups', times: 1 });
      const page = await fetchPage(h.client(), adbBackups, BIG, 0, 30);
      assert.strictEqual(page.items.length, 30);
      assert.deepStrictEqual(h.calls.map((c) => c.outcome), ['throttled', 'ok']);
    });

    it('throttling beyond the retry budget stops after the bounded attempts', async () => {
      h.emulator.injectFault({ kind: 'throttle' });
      const err = await failure(fetchPage(h.client(), adbBackups, BIG, 0, 30));
      assert.ok(err instanceof CloudError);
      assert.strictEqual(err.code, 'Throttling.User');
      assert.strictEqual(err.kind, 'throttled');
      assert.strictEqual(h.emulator.requests().length, 3);
    });

    for (const [kind, expected] of [
      ['unavailable', { kind: 'server', code: 'ServiceUnavailable' }],
      ['internalError', { kind: 'server', code: 'InternalError' }],
      ['html502', { kind: 'server', code: 'HtmlErrorPage' }],
      ['truncatedJson', { kind: 'malformedResponse', code: 'MalformedResponse' }],
      ['reset', { kind: 'network', code: 'ECONNRESET' }],
    ] as const) {
      it(`${kind}: mapped to ${expected.kind}/${expected.code}, retried, recovered once it clears`, async () => {
        h.emulator.injectFault({ kind, times: 1 });
        const page = await fetchPage(h.client(), adbBackups, BIG, 0, 30);
        assert.strictEqual(page.items.length, 30);
        assert.strictEqual(h.calls[0].outcome, expected.kind);
        h.emulator.injectFault({ kind });
        const err = await failure(fetchPage(h.client(), adbBackups, BIG, 0, 30));
        assert.ok(err instanceof CloudError);
        assert.deepStrictEqual({ kind: err.kind, code: err.code }, expected);
      });
    }

    it('a hung request times out after the configured limit and is retried', async () => {
      h.emulator.injectFault({ kind: 'hang' });
      const started = Date.now();
      const err = await failure(fetchPage(h.client({ settings: { timeoutMs: 300, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } } }), adbBackups, BIG, 0, 30));
      assert.ok(err instanceof CloudError);
      assert.strictEqual(err.kind, 'timeout');
      assert.strictEqual(h.calls.length, 2);
      assert.ok(Date.now() - started < 5000);
    });

    it('a refused connection is a network error', async () => {
      const port = await new Promise<number>((resolve) => {
        const server = net.createServer().listen(0, '127.0.0.1', () => {
          const { port: p } = server.address() as net.AddressInfo;
          server.close(() => resolve(p));
        });
      });
      const url = `http://127.0.0.1:${port}`;
      const client = new CloudClient(
        { endpointOverrides: { adb: url }, timeoutMs: 1000, maxConcurrentRequests: 2, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } },
        new CredentialSource(TEST_KEY),
      );
      const err = await failure(listRegions(client, adbRegions));
      assert.ok(err instanceof CloudError);
      assert.strictEqual(err.kind, 'network');
      assert.strictEqual(err.code, 'ECONNREFUSED');
    });

    it('a parameter error is not retried', async () => {
      await failure(fetchPage(h.client(), adbBackups, { region: 'cn-hangzhou', clusterId: 'am-doesnotexist' }, 0, 30));
      assert.strictEqual(h.emulator.requests().length, 1);
    });
  });

  describe('cancellation and concurrency', () => {
    it('cancelling stops the retry wait at once and sends nothing more', async () => {
      h.emulator.injectFault({ kind: 'throttle' });
      const controller = new AbortController();
      const client = h.client({ settings: { retry: { maxAttempts: 5, baseDelayMs: 2000, maxDelayMs: 2000 } } });
      const pending = failure(fetchPage(client, adbBackups, BIG, 0, 30, controller.signal));
      await new Promise((resolve) => setTimeout(resolve, 100));
      controller.abort();
      const err = await pending;
      assert.ok(err instanceof CancelledError);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(h.emulator.requests().length <= 2);
    });

    it('a hung request is abandoned when cancelled', async () => {
      h.emulator.injectFault({ kind: 'hang' });
      const controller = new AbortController();
      const pending = failure(fetchPage(h.client(), adbBackups, BIG, 0, 30, controller.signal));
      setTimeout(() => controller.abort(), 50);
      assert.ok((await pending) instanceof CancelledError);
    });

    it('never has more requests in flight than maxConcurrentRequests', async () => {
      h.emulator.setLatency(30);
      const client = h.client({ settings: { maxConcurrentRequests: 3 } });
      await Promise.all(Array.from({ length: 12 }, (_, i) => fetchPage(client, adbBackups, BIG, i % 3, 30)));
      assert.strictEqual(h.emulator.stats().inFlightPeak, 3);
      assert.strictEqual(client.peakConcurrency, 3);
    });
  });
});
