// The paged child list's state machine in plain Node: a scripted loader stands in for the cloud, so every
// interleaving (double clicks, refresh during a load, late answers, errors, cancellation) is exact and fast.
import * as assert from 'assert';
import type { CloudClient } from '../../src/cloud/client';
import { CancelledError, CloudError } from '../../src/cloud/errors';
import type { Page } from '../../src/cloud/paging';
import { ChildList, singlePage, type PageLoader } from '../../src/explorer/childList';
import { fakeContext, ownerNode, statusRowsOf, type FakeContext } from '../reliability/support';

interface Pending {
  index: number;
  pageSize: number;
  signal: AbortSignal;
  resolve(page: Page<string>): void;
  reject(err: unknown): void;
}

/** A loader whose every call waits until the test answers it. */
function scriptedLoader(): { load: PageLoader<string>; calls: Pending[] } {
  const calls: Pending[] = [];
  const load: PageLoader<string> = (index, pageSize, signal) =>
    new Promise<Page<string>>((resolve, reject) => {
      calls.push({ index, pageSize, signal, resolve, reject });
    });
  return { load, calls };
}

function page(index: number, size: number, total: number): Page<string> {
  const first = index * size;
  const items = Array.from({ length: Math.max(0, Math.min(size, total - first)) }, (_, i) => `item-${first + i}`);
  return { items, total, index, loaded: first + items.length, hasMore: first + items.length < total };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const throttled = (): CloudError =>
  new CloudError({ product: 'adb', action: 'DescribeBackups', kind: 'throttled', code: 'Throttling.User', message: 'Request was denied due to user flow control.', requestId: 'REQ-1' });

describe('ChildList (paged children) without VS Code', () => {
  let ctx: FakeContext;
  const owner = ownerNode('region/cn-hangzhou/adb/am-1');
  const list = (load: PageLoader<string>): ChildList<string> => new ChildList<string>(owner, ctx, { product: 'adb', action: 'DescribeBackups' }, load, (item) => ownerNode(item));

  beforeEach(() => {
    ctx = fakeContext({} as CloudClient, { pageSize: 30 });
  });

  it('loads the first page once, however many callers ask at the same time', async () => {
    const { load, calls } = scriptedLoader();
    const l = list(load);
    const all = Promise.all([l.ensureLoaded(), l.ensureLoaded(), l.loadNext(), l.ensureLoaded()]);
    await flush();
    assert.strictEqual(calls.length, 1);
    assert.deepStrictEqual([calls[0].index, calls[0].pageSize], [0, 30]);
    calls[0].resolve(page(0, 30, 75));
    await all;
    assert.strictEqual(l.items.length, 30);
    assert.strictEqual(calls.length, 1);
    assert.strictEqual(ctx.progress.active, 0);
  });

  it('Load more clicked many times while a page loads fetches that page once, then the next one', async () => {
    const { load, calls } = scriptedLoader();
    const l = list(load);
    const first = l.ensureLoaded();
    calls[0].resolve(page(0, 30, 75));
    await first;
    const more = statusRowsOf(l.render()).find((r) => r.kind === 'loadMore');
    assert.ok(more?.loadMore, 'a Load more row after a partial first page');
    assert.deepStrictEqual([more.shown, more.total, more.loading], [30, 75, false]);
    for (let i = 0; i < 10; i++) more.loadMore();
    await flush();
    assert.strictEqual(calls.length, 2);
    assert.strictEqual(calls[1].index, 1);
    const loading = statusRowsOf(l.render()).find((r) => r.kind === 'loadMore');
    assert.strictEqual(loading?.loading, true, 'the row says Loading… while the page is in flight');
    calls[1].resolve(page(1, 30, 75));
    await flush();
    l.loadNext();
    await flush();
    assert.strictEqual(calls[2].index, 2);
    calls[2].resolve(page(2, 30, 75));
    await flush();
    assert.strictEqual(l.items.length, 75);
    assert.deepStrictEqual(new Set(l.items).size, 75, 'no item twice');
    assert.deepStrictEqual(statusRowsOf(l.render()), [], 'no Load more row at the end');
    await l.loadNext();
    assert.strictEqual(calls.length, 3, 'nothing is fetched past the end');
  });

  it('an error becomes one error row (code and RequestId), retry asks for the same page again and recovers', async () => {
    const { load, calls } = scriptedLoader();
    const l = list(load);
    const first = l.ensureLoaded();
    calls[0].resolve(page(0, 30, 75));
    await first;
    const next = l.loadNext();
    calls[1].reject(throttled());
    await next;
    const rows = statusRowsOf(l.render());
    assert.strictEqual(rows.length, 1);
    assert.strictEqual(rows[0].kind, 'error');
    assert.strictEqual(rows[0].error?.code, 'Throttling.User');
    assert.strictEqual(rows[0].error?.requestId, 'REQ-1');
    assert.strictEqual(l.items.length, 30, 'what was loaded stays');
    assert.strictEqual(ctx.progress.active, 0, 'no progress left running after a failure');
    rows[0].retry?.();
    await flush();
    assert.strictEqual(calls[2].index, 1, 'retry asks for the page that failed, not the one after');
    assert.deepStrictEqual(statusRowsOf(l.render()).map((r) => r.kind), ['loadMore'], 'the error row is gone while retrying');
    calls[2].resolve(page(1, 30, 75));
    await flush();
    assert.strictEqual(l.items.length, 60);
    assert.ok(ctx.changes.length >= 1, 'the tree is told to redraw the node once the retry settles');
  });

  it('whatever a loader throws is shown as a CloudError with the list\'s product and action', async () => {
    const l = list(() => Promise.reject(new TypeError('boom <b>')));
    await l.ensureLoaded();
    const [row] = statusRowsOf(l.render());
    assert.ok(row.error instanceof CloudError);
    assert.strictEqual(row.error.product, 'adb');
    assert.strictEqual(row.error.action, 'DescribeBackups');
    assert.strictEqual(row.error.message, 'boom <b>');
  });

  it('a cancelled load shows no error', async () => {
    const l = list(() => Promise.reject(new CancelledError()));
    await l.ensureLoaded();
    assert.deepStrictEqual(statusRowsOf(l.render()), []);
  });

  it('refresh during a load aborts it, ignores its late answer and starts again from page 0', async () => {
    const { load, calls } = scriptedLoader();
    const l = list(load);
    const first = l.ensureLoaded();
    await flush();
    l.reset();
    assert.strictEqual(calls[0].signal.aborted, true, 'the load in flight is cancelled');
    const again = l.ensureLoaded();
    await flush();
    assert.strictEqual(calls.length, 2);
    assert.strictEqual(calls[1].index, 0);
    calls[0].resolve(page(0, 30, 75)); // the late answer of the cancelled load
    calls[1].resolve(page(0, 30, 75));
    await Promise.all([first, again]);
    assert.strictEqual(l.items.length, 30, 'the late page is not added on top');
    calls.length = 0;
    // A late failure of a cancelled load does not show either.
    const third = l.loadNext();
    await flush();
    l.reset();
    calls[0].reject(throttled());
    await third;
    assert.deepStrictEqual(statusRowsOf(l.render()), []);
    assert.strictEqual(l.items.length, 0);
  });

  it('a load that never answers still ends its progress when refreshed (no spinner forever)', async () => {
    // Like the real client: gives up at once when its signal aborts.
    const hang: PageLoader<string> = (_i, _s, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new CancelledError())));
    const l = list(hang);
    void l.ensureLoaded();
    await flush();
    assert.strictEqual(ctx.progress.active, 1);
    l.reset();
    await flush();
    assert.strictEqual(ctx.progress.active, 0);
  });

  it('isEmpty only for a settled, error-free, empty list', async () => {
    const { load, calls } = scriptedLoader();
    const l = list(load);
    assert.strictEqual(l.isEmpty, false, 'not started');
    const loading = l.ensureLoaded();
    assert.strictEqual(l.isEmpty, false, 'loading');
    calls[0].resolve(page(0, 30, 0));
    await loading;
    assert.strictEqual(l.isEmpty, true);
    assert.deepStrictEqual(statusRowsOf(l.render()), []);
    const failing = list(() => Promise.reject(throttled()));
    await failing.ensureLoaded();
    assert.strictEqual(failing.isEmpty, false, 'an error is not "empty"');
  });

  it('singlePage wraps a whole-list call as one final page', async () => {
    const l = new ChildList<string>(owner, ctx, { product: 'dds', action: 'DescribeRegions' }, singlePage(async () => ['a', 'b']));
    await l.ensureLoaded();
    assert.deepStrictEqual(l.items, ['a', 'b']);
    assert.deepStrictEqual(statusRowsOf(l.render()), []);
  });
});
