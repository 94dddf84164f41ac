// The fault matrix of the tracker issue, through the real signing CloudClient and the tree's paged ChildList
// against the gateway emulator: for each fault the expected outcome is written down here and checked, with the
// emulator's request log as the witness of how many attempts were made.
//   retryable (throttling, 503, 500, HTML 502, truncated JSON, reset, hang/timeout, refused connection):
//     once → retried and recovered (2 requests); beyond the budget → exactly maxAttempts requests, then one error
//     row with the code (and the RequestId where the gateway sent one), the rest of the tree still loads, and
//     clicking the row after the fault clears recovers;
//   auth / permission / parameter errors: exactly 1 request (never retried), an error row with code and RequestId,
//     recovered by retrying once the cause is fixed (a good key, here).
// Never: an unhandled rejection, progress left running, an error text with a secret in it.
import './vscodeStub';
import * as assert from 'assert';
import { adbBackups, adbClusters, adbEntry } from '../../src/products/adb';
import { CloudClient } from '../../src/cloud/client';
import { CredentialSource } from '../../src/cloud/credentials';
import { dbsEntry, dbsFullBackups } from '../../src/products/dbs';
import { ddsEntry } from '../../src/products/dds';
import type { Entry, ProductEntry } from '../../src/products/catalog';
import { entryList } from '../../src/explorer/entryList';
import { CloudError } from '../../src/cloud/errors';
import { backoffDelay, DEFAULT_RETRY } from '../../src/cloud/retry';
import { ChildList, listLoader } from '../../src/explorer/childList';
import { SAMPLE_IDS, startEmulator, TEST_CREDENTIALS, type FaultKind, type RunningEmulator } from '../emulator';
import { fakeContext, ownerNode, searchSecrets, statusRowsOf, TEST_RETRY, until, useFigures, useSuiteEmulator, type FakeContext, type FakeRow } from './support';

const BIG: { region: string; clusterId: string } = { region: 'cn-hangzhou', clusterId: SAMPLE_IDS.adb.big };
const ALL_SECRETS = [
  TEST_CREDENTIALS.normal.accessKeySecret,
  TEST_CREDENTIALS.sts.accessKeySecret,
  TEST_CREDENTIALS.sts.securityToken,
  TEST_CREDENTIALS.expiredStsToken,
  TEST_CREDENTIALS.inactive.accessKeySecret,
  TEST_CREDENTIALS.noPermission.accessKeySecret,
];

interface RetryableFault {
  kind: FaultKind;
  title: string;
  /** The emulator log's code for a faulted request. */
  logCode: string;
  code: string;
  errKind: CloudError['kind'];
  /** The gateway answers with a JSON error body that carries a RequestId. */
  hasRequestId: boolean;
}

const RETRYABLE: RetryableFault[] = [
  { kind: 'throttle', title: 'throttling (Throttling.User)', logCode: 'Throttling.User', code: 'Throttling.User', errKind: 'throttled', hasRequestId: true },
  { kind: 'unavailable', title: '503 ServiceUnavailable', logCode: 'ServiceUnavailable', code: 'ServiceUnavailable', errKind: 'server', hasRequestId: true },
  { kind: 'internalError', title: '500 InternalError', logCode: 'InternalError', code: 'InternalError', errKind: 'server', hasRequestId: true },
  { kind: 'html502', title: 'HTML 502 page', logCode: 'html502', code: 'HtmlErrorPage', errKind: 'server', hasRequestId: false },
  { kind: 'truncatedJson', title: '200 with truncated JSON', logCode: 'truncatedJson', code: 'MalformedResponse', errKind: 'malformedResponse', hasRequestId: false },
  { kind: 'reset', title: 'connection reset', logCode: 'reset', code: 'ECONNRESET', errKind: 'network', hasRequestId: false },
  { kind: 'hang', title: 'hung request (timeout)', logCode: 'hang', code: 'RequestTimeout', errKind: 'timeout', hasRequestId: false },
];

/** Every text an error can reach a person or a log through. */
function errorTexts(err: CloudError | undefined, calls: Array<{ error?: string }>): Array<[string, string]> {
  const texts: Array<[string, string]> = calls.map((c, i) => [`CallRecord[${i}].error`, c.error ?? '']);
  if (err) {
    texts.push(['message', err.message], ['describe()', err.describe()], ['stack', err.stack ?? ''], ['String()', String(err)], ['JSON', JSON.stringify(err)]);
  }
  return texts;
}

describe('Reliability: fault matrix through CloudClient and ChildList (emulator)', function () {
  this.timeout(60_000);
  const figures = useFigures('faults');
  const s = useSuiteEmulator();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  before(() => process.on('unhandledRejection', onUnhandled));
  after(() => {
    process.off('unhandledRejection', onUnhandled);
    assert.deepStrictEqual(unhandled, [], 'no promise was left rejected without a handler');
  });

  function backupsList(ctx: FakeContext, scope = BIG): ChildList<unknown> {
    return new ChildList(ownerNode(`region/${scope.region}/adb/${scope.clusterId}`), ctx, { product: 'adb', action: adbBackups.action }, listLoader(ctx, adbBackups, scope)) as ChildList<unknown>;
  }

  function only<T extends FakeRow['kind']>(list: ChildList<unknown>, kind: T): FakeRow {
    const rows = statusRowsOf(list.render());
    assert.strictEqual(rows.length, 1, `one status row expected, got ${JSON.stringify(rows.map((r) => r.kind))}`);
    assert.strictEqual(rows[0].kind, kind);
    return rows[0];
  }

  const logOf = (action: string): ReturnType<RunningEmulator['requests']> => s.emulator.requests().filter((r) => r.action === action);

  async function clickRetry(list: ChildList<unknown>, ctx: FakeContext): Promise<void> {
    const row = only(list, 'error');
    row.retry?.();
    await until(() => ctx.progress.active === 0 && statusRowsOf(list.render()).every((r) => r.kind !== 'loadMore' || !r.loading), 'the retry to settle');
    await list.ensureLoaded();
  }

  for (const f of RETRYABLE) {
    const client = (): CloudClient => s.client({ settings: f.kind === 'hang' ? { timeoutMs: 400 } : {} });

    it(`${f.title} once: retried after a backoff and recovered (2 requests, no error row)`, async () => {
      const figure = { scenario: `${f.title}, once`, injected: 1, expected: 'retried, recovered', passed: false };
      figures.faults.push(figure);
      s.emulator.injectFault({ kind: f.kind, action: 'DescribeBackups', times: 1 });
      const ctx = fakeContext(client());
      const list = backupsList(ctx);
      await list.ensureLoaded();
      assert.strictEqual(list.items.length, 30);
      only(list, 'loadMore');
      const log = logOf('DescribeBackups');
      assert.deepStrictEqual(log.map((r) => r.code ?? r.status), [f.logCode, 200]);
      assert.deepStrictEqual(s.calls.map((c) => [c.attempt, c.outcome]), [[1, f.errKind], [2, 'ok']]);
      assert.strictEqual(ctx.progress.active, 0);
      figure.passed = true;
    });

    it(`${f.title} beyond the retry budget: ${TEST_RETRY.maxAttempts} requests, error row with ${f.code}${f.hasRequestId ? ' and RequestId' : ''}, rest of the tree loads, retry recovers`, async () => {
      const figure = { scenario: `${f.title}, beyond the retry budget`, injected: TEST_RETRY.maxAttempts, expected: `error row ${f.code}, retry recovers`, passed: false };
      figures.faults.push(figure);
      s.emulator.injectFault({ kind: f.kind, action: 'DescribeBackups' });
      const ctx = fakeContext(client());
      const list = backupsList(ctx);
      const started = Date.now();
      await list.ensureLoaded();
      const elapsed = Date.now() - started;
      const row = only(list, 'error');
      const err = row.error;
      assert.ok(err instanceof CloudError);
      assert.deepStrictEqual({ code: err.code, kind: err.kind, retryable: err.retryable }, { code: f.code, kind: f.errKind, retryable: true });
      const log = logOf('DescribeBackups');
      assert.strictEqual(log.length, TEST_RETRY.maxAttempts, 'bounded: exactly maxAttempts requests');
      assert.ok(log.every((r) => r.code === f.logCode));
      if (f.hasRequestId) assert.strictEqual(err.requestId, log[log.length - 1].requestId, 'the RequestId of the last attempt is shown');
      assert.match(err.describe(), new RegExp(`${f.code.replace('.', '\\.')}`));
      assert.strictEqual(ctx.progress.active, 0, 'no progress left running');
      // Bounded in time too: attempts × timeout + the backoff ceiling.
      assert.ok(elapsed < TEST_RETRY.maxAttempts * (f.kind === 'hang' ? 400 : 100) + 2000, `took ${elapsed} ms`);
      assert.deepStrictEqual(searchSecrets(errorTexts(err, s.calls), ALL_SECRETS), []);

      // The rest of the tree: the region's cluster list (another action) loads while the fault is on.
      const clusters = new ChildList(ownerNode('region/cn-hangzhou/adb'), ctx, { product: 'adb', action: adbClusters.action }, listLoader(ctx, adbClusters, { region: 'cn-hangzhou' }));
      await clusters.ensureLoaded();
      assert.ok(clusters.items.length > 0);
      assert.deepStrictEqual(statusRowsOf(clusters.render()), []);

      s.emulator.clearFaults();
      await clickRetry(list, ctx);
      assert.strictEqual(list.items.length, 30, 'recovered once the fault cleared');
      only(list, 'loadMore');
      assert.strictEqual(logOf('DescribeBackups').length, TEST_RETRY.maxAttempts + 1);
      figure.passed = true;
    });
  }

  // Pending, reported to the lead: the gateway's x-acs-request-id header is the only RequestId of a non-JSON answer,
  // and the client drops the headers when the body does not parse, so these error rows name no RequestId.

  it('backoff: attempts are spaced by the exponential ceiling (jitter pinned to its maximum) and capped', async () => {
    const figure = { scenario: 'throttling: backoff between retries', injected: 4, expected: 'gaps ≥ 80, 160, 200 ms', passed: false };
    figures.faults.push(figure);
    const policy = { maxAttempts: 4, baseDelayMs: 80, maxDelayMs: 200 };
    assert.deepStrictEqual([1, 2, 3, 4].map((n) => backoffDelay(policy, n, () => 1)), [80, 160, 200, 200]);
    assert.deepStrictEqual([1, 2, 3].map((n) => backoffDelay(policy, n, () => 0)), [0, 0, 0]);
    // The product's own budget is bounded: at most maxAttempts and a total wait under 10 s.
    const worst = Array.from({ length: DEFAULT_RETRY.maxAttempts - 1 }, (_, i) => backoffDelay(DEFAULT_RETRY, i + 1, () => 1)).reduce((a, b) => a + b, 0);
    assert.ok(DEFAULT_RETRY.maxAttempts <= 5 && worst < 10_000, `default policy ${JSON.stringify(DEFAULT_RETRY)} waits up to ${worst} ms`);

    s.emulator.injectFault({ kind: 'throttle', action: 'DescribeBackups' });
    const random = Math.random;
    Math.random = () => 1;
    try {
      const ctx = fakeContext(s.client({ settings: { retry: policy } }));
      const list = backupsList(ctx);
      await list.ensureLoaded();
      only(list, 'error');
    } finally {
      Math.random = random;
    }
    const starts = logOf('DescribeBackups').map((r) => r.startedAt);
    assert.strictEqual(starts.length, 4);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    [80, 160, 200].forEach((min, i) => assert.ok(gaps[i] >= min - 2, `gap ${i + 1} is ${gaps[i]} ms, expected ≥ ${min}`));
    figure.passed = true;
  });

  const sts = TEST_CREDENTIALS.sts;
  const AUTH = [
    { title: 'wrong secret', key: { accessKeyId: TEST_CREDENTIALS.normal.accessKeyId, accessKeySecret: 'wrong-secret-for-test-91ab' }, code: 'SignatureDoesNotMatch', kind: 'auth' },
    { title: 'unknown AccessKey ID', key: { accessKeyId: 'EMULATOR_UNKNOWN_KEY_ID', accessKeySecret: 'unknown-key-secret-44d0' }, code: 'InvalidAccessKeyId.NotFound', kind: 'auth' },
    { title: 'inactive AccessKey', key: TEST_CREDENTIALS.inactive, code: 'InvalidAccessKeyId.Inactive', kind: 'auth' },
    { title: 'wrong STS token', key: { ...sts, securityToken: 'wrong-sts-token-for-test-6c2f' }, code: 'InvalidSecurityToken.MismatchWithAccessKey', kind: 'auth' },
    { title: 'expired STS token', key: { ...sts, securityToken: TEST_CREDENTIALS.expiredStsToken }, code: 'InvalidSecurityToken.Expired', kind: 'auth' },
    { title: 'STS key without its token', key: { accessKeyId: sts.accessKeyId, accessKeySecret: sts.accessKeySecret }, code: 'InvalidSecurityToken.Malformed', kind: 'auth' },
    { title: 'key without permission', key: TEST_CREDENTIALS.noPermission, code: 'Forbidden.RAM', kind: 'permission' },
  ] as const;

  for (const a of AUTH) {
    it(`${a.title}: one request (not retried), error row ${a.code} with RequestId, no secret in any text, a good key recovers`, async () => {
      const figure = { scenario: a.title, injected: 1, expected: `error row ${a.code}, not retried`, passed: false };
      figures.faults.push(figure);
      const ctx = fakeContext(s.client({ key: a.key }));
      const list = backupsList(ctx);
      await list.ensureLoaded();
      const err = only(list, 'error').error;
      assert.ok(err instanceof CloudError);
      assert.deepStrictEqual({ code: err.code, kind: err.kind, retryable: err.retryable }, { code: a.code, kind: a.kind, retryable: false });
      const log = logOf('DescribeBackups');
      assert.strictEqual(log.length, 1, 'auth and permission errors are never retried');
      assert.strictEqual(err.requestId, log[0].requestId);
      const needles = [...ALL_SECRETS, a.key.accessKeySecret, 'securityToken' in a.key ? a.key.securityToken : ''];
      assert.deepStrictEqual(searchSecrets(errorTexts(err, s.calls), needles), []);
      assert.strictEqual(ctx.progress.active, 0);
      // The user sets a good key: the session's client is replaced; clicking the error row loads.
      ctx.client = s.client();
      await clickRetry(list, ctx);
      assert.strictEqual(list.items.length, 30);
      figure.passed = true;
    });
  }

  const PARAMETER: Array<{ title: string; list: (ctx: FakeContext) => ChildList<unknown>; code: RegExp; pageSize?: number }> = [
    { title: 'unknown cluster (404)', list: (ctx) => backupsList(ctx, { region: 'cn-hangzhou', clusterId: 'am-doesnotexist000' }), code: /^InvalidDBCluster\.NotFound$/ },
    { title: 'page size the API refuses (400)', list: (ctx) => backupsList(ctx), code: /^InvalidParameter$/, pageSize: 42 },
    {
      title: 'DBS unknown plan (HTTP 200, Success:false)',
      list: (ctx) => new ChildList(ownerNode('p'), ctx, { product: 'dbs', action: dbsFullBackups.action }, listLoader(ctx, dbsFullBackups, { region: 'cn-hangzhou', planId: 'dbsplannotthere01' })) as ChildList<unknown>,
      code: /^InvalidParameterValid$/,
    },
  ];
  for (const p of PARAMETER) {
    it(`parameter error, ${p.title}: one request, error row with code and RequestId`, async () => {
      const figure = { scenario: `parameter error: ${p.title}`, injected: 1, expected: 'error row, not retried', passed: false };
      figures.faults.push(figure);
      const ctx = fakeContext(s.client(), p.pageSize ? { pageSize: p.pageSize as 30 } : {});
      const list = p.list(ctx);
      await list.ensureLoaded();
      const err = only(list, 'error').error;
      assert.ok(err instanceof CloudError);
      assert.match(err.code, p.code);
      assert.strictEqual(err.retryable, false);
      const log = s.emulator.requests();
      assert.strictEqual(log.length, 1, 'parameter errors are never retried');
      assert.strictEqual(err.requestId, log[0].requestId);
      figure.passed = true;
    });
  }

  describe('one region fails, the others load', () => {
    // Each product's lists under a region come from the catalog, as the tree builds them.
    const listsOf = (product: ProductEntry) => (ctx: FakeContext, region: string): Array<ChildList<unknown>> =>
      product.resources(region).map((listing) => entryList(ownerNode(`region/${region}/${product.id}`), ctx, listing) as ChildList<unknown>);
    const CASES: Array<{ product: 'adb' | 'dds' | 'dbs'; action: string; lists: (ctx: FakeContext, region: string) => Array<ChildList<unknown>>; expected: (region: string) => string[] }> = [
      {
        product: 'adb',
        action: 'DescribeDBClusters',
        lists: listsOf(adbEntry),
        expected: (region) => [...s.emulator.data.adb.clusters, ...s.emulator.data.adb5].filter((c) => c.regionId === region).map((c) => c.id),
      },
      { product: 'dds', action: 'DescribeDBInstances', lists: listsOf(ddsEntry), expected: (region) => s.emulator.data.dds.instances.filter((c) => c.regionId === region).map((c) => c.id) },
      { product: 'dbs', action: 'DescribeBackupPlanList', lists: listsOf(dbsEntry), expected: (region) => s.emulator.data.dbs.plans.filter((c) => c.regionId === region).map((c) => c.id) },
    ];

    for (const c of CASES) {
      it(`${c.product}: ${c.action} fails in one region only; the other regions list their resources; retry recovers that region alone`, async () => {
        const regions = s.emulator.data[c.product].regions.map((r) => r.regionId);
        const failing = regions[1];
        const figure = { scenario: `one region fails (${c.product} ${c.action} in ${failing})`, injected: 0, expected: 'error row in that region, the others load', passed: false };
        figures.faults.push(figure);
        s.emulator.injectFault({ kind: 'unavailable', product: c.product, action: c.action, regionId: failing });
        const ctx = fakeContext(s.client());
        const byRegion = new Map(regions.map((r) => [r, c.lists(ctx, r)]));
        await Promise.all([...byRegion.values()].flat().map((l) => l.ensureLoaded()));
        for (const [region, lists] of byRegion) {
          const ids = lists.flatMap((l) => l.items as Entry[]).map((e) => e.resource?.id ?? '').sort();
          const rows = lists.flatMap((l) => statusRowsOf(l.render()));
          if (region === failing) {
            assert.ok(rows.length >= 1 && rows.every((r) => r.kind === 'error' && r.error?.code === 'ServiceUnavailable' && r.error.requestId), `${region}: error rows with code and RequestId`);
            assert.deepStrictEqual(ids, []);
          } else {
            assert.deepStrictEqual(rows, [], `${region}: no status rows`);
            assert.deepStrictEqual(ids, c.expected(region).sort(), `${region}: every resource of the dataset`);
          }
        }
        figure.injected = s.emulator.requests().filter((r) => r.code === 'ServiceUnavailable').length;
        assert.strictEqual(figure.injected, TEST_RETRY.maxAttempts * byRegion.get(failing)!.length);
        s.emulator.clearFaults();
        s.emulator.clearRequests();
        for (const list of byRegion.get(failing)!) {
          only(list, 'error').retry?.();
          await until(() => ctx.progress.active === 0, 'retry');
          await list.ensureLoaded();
        }
        assert.deepStrictEqual(byRegion.get(failing)!.flatMap((l) => l.items as Entry[]).map((e) => e.resource?.id ?? '').sort(), c.expected(failing).sort());
        const other = s.emulator.requests().filter((r) => (r.params.RegionId ?? r.params.Region) !== failing);
        assert.deepStrictEqual(other, [], 'the retry asked only for the failed region');
        figure.passed = true;
      });
    }
  });
});

describe('Reliability: connection refused (emulator stopped), then restarted', function () {
  this.timeout(60_000);
  const figures = useFigures('refused');
  let emulator: RunningEmulator | undefined;
  after(async () => emulator?.close());

  it('a stopped endpoint gives an ECONNREFUSED error row after the bounded attempts; retry recovers once it is back', async () => {
    const figure = { scenario: 'connection refused (emulator stopped)', injected: 0, expected: 'error row ECONNREFUSED, retry recovers after restart', passed: false };
    figures.faults.push(figure);
    emulator = await startEmulator();
    const port = emulator.port;
    const calls: Array<{ outcome: string; error?: string }> = [];
    const url = emulator.url;
    const client = new CloudClient({ endpointOverrides: { adb: url, dds: url, dbs: url }, timeoutMs: 2000, maxConcurrentRequests: 4, retry: TEST_RETRY }, new CredentialSource(TEST_CREDENTIALS.normal), (r) => calls.push(r));
    const ctx = fakeContext(client);
    const clusters = new ChildList(ownerNode('region/cn-hangzhou/adb'), ctx, { product: 'adb', action: 'DescribeDBClusters' }, listLoader(ctx, adbClusters, { region: 'cn-hangzhou' }));
    await clusters.ensureLoaded();
    assert.ok(clusters.items.length > 0, 'loads while the endpoint is up');

    await emulator.close();
    emulator = undefined;
    calls.length = 0;
    const backups = new ChildList(ownerNode('b'), ctx, { product: 'adb', action: 'DescribeBackups' }, listLoader(ctx, adbBackups, BIG));
    await backups.ensureLoaded();
    const [row] = statusRowsOf(backups.render());
    assert.strictEqual(row?.kind, 'error');
    assert.strictEqual(row.error?.code, 'ECONNREFUSED');
    assert.strictEqual(row.error?.kind, 'network');
    assert.strictEqual(calls.length, TEST_RETRY.maxAttempts, 'retried within the budget, then given up');
    assert.ok(calls.every((c) => c.outcome === 'network'));
    assert.strictEqual(ctx.progress.active, 0);
    figure.injected = calls.length;

    emulator = await startEmulator({ port });
    row.retry?.();
    await until(() => ctx.progress.active === 0, 'retry');
    await backups.ensureLoaded();
    assert.strictEqual(backups.items.length, 30, 'recovered once the endpoint is back');
    assert.deepStrictEqual(statusRowsOf(backups.render()).map((r) => r.kind), ['loadMore']);
    figure.passed = true;
  });
});
