// Resource limits, through the real signing CloudClient over real HTTP against the gateway emulator: a response is
// read up to a cap (16 MiB by default) and then cut off as ResponseTooLarge, never retried; a page is taken up to
// the PageSize asked for, however many items the server sends.
import * as assert from 'assert';
import { subscribe, unsubscribe } from 'diagnostics_channel';
import { createServer, get, type ClientRequest } from 'http';
import type { AddressInfo } from 'net';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { adbBackups } from '../../src/products/adb';
import { dbsFullBackups } from '../../src/products/dbs';
import { ddsBackups } from '../../src/products/dds';
import { CloudError } from '../../src/cloud/errors';
import type { Backup } from '../../src/cloud/models';
import { fetchPage, type ListAction } from '../../src/cloud/paging';
import { SAMPLE_IDS, type RunningEmulator } from '../emulator';
import { until, useFigures, useSuiteEmulator } from './support';

const MiB = 1024 * 1024;
const BIG = { region: 'cn-hangzhou', clusterId: SAMPLE_IDS.adb.big };

async function failure(promise: Promise<unknown>): Promise<CloudError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof CloudError, `expected a CloudError, got ${String(err)}`);
    return err;
  }
  throw new Error('expected a failure, got a result');
}

function assertTooLarge(err: CloudError, cap: string): void {
  assert.deepStrictEqual(
    { kind: err.kind, code: err.code, retryable: err.retryable, message: err.message },
    { kind: 'responseTooLarge', code: 'ResponseTooLarge', retryable: false, message: `The response was larger than ${cap} and was not read.` },
  );
}

/** Whether each HTTP request this process sends went out on a kept-alive connection. */
function watchReuse(): { reused: boolean[]; stop(): void } {
  const reused: boolean[] = [];
  const onStart = (message: unknown): void => {
    reused.push((message as { request: ClientRequest }).request.reusedSocket);
  };
  subscribe('http.client.request.start', onStart);
  return { reused, stop: () => unsubscribe('http.client.request.start', onStart) };
}

/** A server of someone else's: answers every request with `size` bytes. */
async function serveBytes(size: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => res.end(Buffer.alloc(size, 'x')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** How many bytes a plain Node download of `url` received. */
function download(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve(bytes));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('Resource limits: response size and page size (real client, emulator)', function () {
  this.timeout(60_000);
  const figures = useFigures('limits');
  const s = useSuiteEmulator();
  const logOf = (action: string): ReturnType<RunningEmulator['requests']> => s.emulator.requests().filter((r) => r.action === action);

  it('an endless body fails as ResponseTooLarge within seconds, sent once, and 3 such calls grow the process by far less than 100 MB', async () => {
    const figure = { scenario: 'a 200 whose body never ends (3 calls)', injected: 3, expected: 'ResponseTooLarge at 16 MiB, not retried', passed: false };
    figures.faults.push(figure);
    const client = s.client();
    // Warmed up first, so that what is measured is the three refused responses.
    await fetchPage(client, adbBackups, BIG, 0, 30);
    s.emulator.clearRequests();
    s.emulator.injectFault({ kind: 'endlessBody', action: 'DescribeBackups' });
    global.gc?.();
    const before = process.memoryUsage();
    const took: number[] = [];
    for (let call = 1; call <= 3; call++) {
      const started = Date.now();
      const err = await failure(fetchPage(client, adbBackups, BIG, 0, 30));
      took.push(Date.now() - started);
      assertTooLarge(err, '16 MiB');
      assert.strictEqual(logOf('DescribeBackups').length, call, 'never retried: one request per call');
    }
    global.gc?.();
    const after = process.memoryUsage();
    const rssGrowth = (after.rss - before.rss) / MiB;
    const heapGrowth = (after.heapUsed - before.heapUsed) / MiB;
    // Bounded in time: the read timeout (3 s here) is never what stops it.
    assert.ok(took.every((ms) => ms < 2500), `took ${took.join(', ')} ms`);
    assert.ok(rssGrowth < 100, `RSS grew by ${rssGrowth.toFixed(1)} MB`);
    assert.ok(heapGrowth < 100, `heap grew by ${heapGrowth.toFixed(1)} MB`);
    // The emulator saw each connection close after about the cap (its own guard is 256 MiB), so it stopped too.
    await until(() => logOf('DescribeBackups').every((r) => r.detail !== undefined), 'the emulator to see the clients go');
    for (const entry of logOf('DescribeBackups')) {
      const sent = Number(/after (\d+) bytes/.exec(entry.detail ?? '')?.[1]);
      assert.ok(sent > 16 * MiB && sent < 32 * MiB, `the emulator sent ${sent} bytes`);
    }
    figure.passed = true;
    console.log(`      endless body: failed in ${took.join(', ')} ms; RSS +${rssGrowth.toFixed(1)} MB, heap +${heapGrowth.toFixed(1)} MB over 3 calls`);
  });

  it('a response whose Content-Length is over the cap is refused at its headers, without waiting for the body', async () => {
    const figure = { scenario: 'a 200 announcing a 1 GiB body', injected: 1, expected: 'ResponseTooLarge at once, not retried', passed: false };
    figures.faults.push(figure);
    s.emulator.injectFault({ kind: 'hugeContentLength', action: 'DescribeBackups' });
    const started = Date.now();
    const err = await failure(fetchPage(s.client(), adbBackups, BIG, 0, 30));
    const took = Date.now() - started;
    assertTooLarge(err, '16 MiB');
    // The body never comes: only the headers can have stopped it before the 3 s read timeout.
    assert.ok(took < 1000, `took ${took} ms`);
    assert.strictEqual(logOf('DescribeBackups').length, 1, 'not retried');
    figure.passed = true;
  });

  it('after a capped response the client goes on: 20 responses on kept-alive connections, together 5 times a small cap, all pass', async () => {
    const figure = { scenario: 'normal calls after a capped one, on kept-alive connections', injected: 1, expected: 'ResponseTooLarge once, then every call answers', passed: false };
    figures.faults.push(figure);
    const client = s.client({ settings: { maxResponseBytes: 32 * 1024 } });
    s.emulator.injectFault({ kind: 'endlessBody', action: 'DescribeBackups', times: 1 });
    assertTooLarge(await failure(fetchPage(client, adbBackups, BIG, 0, 30)), '32 KiB');
    const reuse = watchReuse();
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(`${warning.name}: ${warning.message}`);
    };
    process.on('warning', onWarning);
    try {
      for (let index = 0; index < 20; index++) {
        const page = await fetchPage(client, adbBackups, BIG, index % 7, 30);
        assert.strictEqual(page.items.length, 30);
      }
    } finally {
      reuse.stop();
      process.off('warning', onWarning);
    }
    // Nothing is left listening on a connection once its response is done (Node warns past 10 listeners).
    assert.deepStrictEqual(warnings, []);
    // Each page is about 8 KiB; a count carried over from one response to the next would trip the cap.
    assert.ok(reuse.reused.filter(Boolean).length >= 18, `reused: ${reuse.reused.join(', ')}`);
    assert.strictEqual(logOf('DescribeBackups').length, 21);
    figure.passed = true;
  });

  it('only our calls are capped: alongside one being cut off, our other calls and a 1 MiB download of someone else in this process pass', async () => {
    const figure = { scenario: 'a body that never ends, alongside other calls and another download', injected: 1, expected: 'only that call refused', passed: false };
    figures.faults.push(figure);
    const client = s.client({ settings: { maxResponseBytes: 64 * 1024 } });
    s.emulator.injectFault({ kind: 'endlessBody', action: 'DescribeBackups', regionId: 'cn-hangzhou', times: 1 });
    // Other extensions share the extension host: a request made outside our calls is none of the cap's business.
    const other = await serveBytes(MiB);
    try {
      const [refused, beijing, dbs, bytes] = await Promise.all([
        failure(fetchPage(client, adbBackups, BIG, 0, 30)),
        fetchPage(client, adbBackups, { region: 'cn-beijing', clusterId: SAMPLE_IDS.adb.beijing }, 0, 30),
        fetchPage(client, dbsFullBackups, { region: 'cn-hangzhou', planId: SAMPLE_IDS.dbs.big }, 0, 30),
        download(other.url),
      ]);
      assertTooLarge(refused, '64 KiB');
      assert.deepStrictEqual([beijing.items.length, dbs.items.length, bytes], [8, 30, MiB]);
    } finally {
      await other.close();
    }
    figure.passed = true;
  });

  function pageCapCase<Scope>(title: string, list: ListAction<Scope, Backup>, scope: Scope, total: number): void {
    it(`${title}: a 10,000-item page (MiBs of JSON, under the cap) for PageSize 30 yields the 30 asked for, and paging goes on right`, async () => {
      const figure = { scenario: `${title}: 10,000 items for PageSize 30`, injected: 1, expected: '30 items taken', passed: false };
      figures.faults.push(figure);
      const client = s.client();
      const normal = await fetchPage(client, list, scope, 0, 30);
      s.emulator.injectFault({ kind: 'oversizedPage', action: list.action, times: 1 });
      const page = await fetchPage(client, list, scope, 0, 30);
      assert.strictEqual(page.items.length, 30);
      assert.deepStrictEqual(page.items.map((b) => b.id), normal.items.map((b) => b.id));
      assert.deepStrictEqual({ loaded: page.loaded, total: page.total, hasMore: page.hasMore }, { loaded: 30, total, hasMore: true });
      const next = await fetchPage(client, list, scope, 1, 30);
      assert.strictEqual(next.loaded, 30 + next.items.length);
      assert.deepStrictEqual(logOf(list.action).map((r) => r.code ?? r.status), [200, 'oversizedPage', 200]);
      figure.passed = true;
    });
  }

  pageCapCase('adb DescribeBackups', adbBackups, BIG, 230);
  pageCapCase('dds DescribeBackups', ddsBackups, { region: 'cn-hangzhou', instanceId: SAMPLE_IDS.dds.replica1 }, 45);
  pageCapCase('dbs DescribeFullBackupList', dbsFullBackups, { region: 'cn-hangzhou', planId: SAMPLE_IDS.dbs.big }, 130);
});

describe('Resource limits: a response is not kept once its call is answered', function () {
  this.timeout(20_000);
  const s = useSuiteEmulator();

  it('the parsed body can be collected at once, not only after the request timeout', async () => {
    // gc() without --expose-gc on the command line: allowed for this process from here on.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const client = s.client({ settings: { timeoutMs: 10_000 } });
    let page: Awaited<ReturnType<typeof fetchPage<{ region: string; clusterId: string }, Backup>>> | undefined = await fetchPage(
      client,
      adbBackups,
      { region: 'cn-hangzhou', clusterId: SAMPLE_IDS.adb.big },
      0,
      100,
    );
    const raw = new WeakRef(page.items[0].raw);
    page = undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
    gc();
    assert.strictEqual(raw.deref(), undefined, 'the response is still held (a whole scan would hold ~10 s of bodies)');
  });
});
