// The paged child list's state machine in plain Node: a scripted loader stands in for the cloud, so every
// interleaving (double clicks, refresh during a load, late answers, errors, cancellation) is exact and fast.
// Then lists that change between two pages: the real client against the emulator, through the product nodes.
import '../reliability/vscodeStub';
import * as assert from 'assert';
import { adbBackups } from '../../src/products/adb';
import type { CloudClient } from '../../src/cloud/client';
import { CancelledError, CloudError } from '../../src/cloud/errors';
import type { Backup, Resource } from '../../src/cloud/models';
import type { Page } from '../../src/cloud/paging';
import { BackupNode } from '../../src/explorer/backupNode';
import { ChildList, listLoader, singlePage, type PageLoader } from '../../src/explorer/childList';
import { LoadMoreNode, statusRows } from '../../src/explorer/messageNodes';
import type { ExplorerNode } from '../../src/explorer/node';
import { entryList } from '../../src/explorer/entryList';
import { ParentNode } from '../../src/explorer/parentNode';
import { ProductNode } from '../../src/explorer/productNode';
import { ResourceNode } from '../../src/explorer/resourceNode';
import { adbEntry } from '../../src/products/adb';
import type { Listing, ProductEntry } from '../../src/products/catalog';
import { ddsEntry } from '../../src/products/dds';
import { SAMPLE_IDS } from '../emulator';
import { fakeContext, ownerNode, statusRowsOf, until, useSuiteEmulator, type FakeContext } from '../reliability/support';

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

describe('ChildList when the listing changes between two pages (real client, emulator)', () => {
  const s = useSuiteEmulator();
  const region = 'cn-hangzhou';
  const regionNode = ownerNode(`region/${region}`);
  let ctx: FakeContext;

  beforeEach(() => {
    // The rows the extension builds, so the drift row is the real one (the stub stands in for `vscode`).
    ctx = { ...fakeContext(s.client(), { pageSize: 30 }), rows: statusRows };
  });

  /** Backup IDs of a resource as the emulator holds them, newest first. */
  function idsNewestFirst(product: 'adb' | 'dds', resourceId: string): string[] {
    const series = product === 'adb' ? s.emulator.data.findAdbCluster(resourceId)?.backups : s.emulator.data.findDdsInstance(resourceId)?.backups;
    assert.ok(series, `${resourceId} has backups`);
    return Array.from({ length: series.count }, (_, k) => String(series.id(series.count - 1 - k)));
  }

  /** A resource's node as the product node lists it, so the product's identity functions are the ones in use. */
  async function resourceUnder(product: ProductEntry, resourceId: string): Promise<ResourceNode> {
    const productNode = new ProductNode(regionNode, ctx, product, region);
    const found = (await productNode.getChildren?.())?.find((n): n is ResourceNode => n instanceof ResourceNode && n.resource.id === resourceId);
    assert.ok(found, `${resourceId} is listed`);
    return found;
  }

  /** A node listing backups through a loader of the test's, as the catalog's listings do. */
  function listingNode(id: string, load: PageLoader<Backup>): ParentNode {
    const listing: Listing = {
      key: 'backups',
      product: 'adb',
      action: adbBackups.action,
      fetch: async (_client, index, pageSize, signal) => {
        const page = await load(index, pageSize, signal);
        return { ...page, items: page.items.map((backup) => ({ backup })) };
      },
    };
    return new (class extends ParentNode {
      getTreeItem(): never {
        return {} as never;
      }
      protected createLists(): ChildList<unknown>[] {
        return [entryList(this, ctx, listing) as ChildList<unknown>];
      }
      protected emptyLabel(): string {
        return 'No backups';
      }
    })(id, undefined, ctx);
  }

  /** The backup or resource ID a row shows, or undefined for the other rows (Load more, drift…). */
  const itemId = (row: ExplorerNode): string | undefined =>
    row instanceof BackupNode ? row.backup.id : row instanceof ResourceNode ? row.resource.id : undefined;

  /** What the tree shows under a node: its items' IDs, the labels of the other rows, and every row's id. */
  async function shown(node: ExplorerNode): Promise<{ items: string[]; rows: string[]; ids: string[]; others: ExplorerNode[] }> {
    const children = (await node.getChildren?.()) ?? [];
    const others = children.filter((c) => itemId(c) === undefined);
    return {
      items: children.flatMap((c) => itemId(c) ?? []),
      rows: others.map((c) => String(c.getTreeItem().label)),
      ids: children.map((c) => c.id),
      others,
    };
  }

  /** Clicks the Load more row (as its command does) and waits for the page. */
  async function loadMore(node: ExplorerNode): Promise<void> {
    const row = (await node.getChildren?.())?.find((c): c is LoadMoreNode => c instanceof LoadMoreNode);
    assert.ok(row, 'a Load more row');
    row.loadMore();
    await until(() => ctx.progress.active === 0, 'the page to load');
  }

  function assertUnique(ids: string[], what: string): void {
    const repeated = ids.filter((id, k) => ids.indexOf(id) !== k);
    assert.deepStrictEqual(repeated, [], `${what} shown more than once`);
  }

  it('3 backups added between page 1 and Load more: every backup once, unique ids, a row says "3 new since loaded — refresh"', async () => {
    const cluster = SAMPLE_IDS.adb.big;
    const before = idsNewestFirst('adb', cluster);
    const node = await resourceUnder(adbEntry, cluster);
    assert.deepStrictEqual((await shown(node)).rows, [`Load more… (30 of ${before.length})`]);

    s.emulator.data.addBackups('adb', cluster, 3);
    await loadMore(node);
    let view = await shown(node);
    assertUnique(view.ids, 'tree item ids');
    assertUnique(view.items, 'backups');
    // Page 2 started 3 items early (they were already shown); the 3 new ones sit before page 1's offset.
    assert.deepStrictEqual(view.items, before.slice(0, 57));
    assert.deepStrictEqual(view.rows, ['3 new since loaded — refresh', `Load more… (57 of ${before.length + 3})`]);

    for (let guard = 0; view.rows.some((r) => r.startsWith('Load more')); guard++) {
      assert.ok(guard < 20, 'Load more ends');
      await loadMore(node);
      view = await shown(node);
    }
    assertUnique(view.ids, 'tree item ids');
    assert.deepStrictEqual(view.items, before, 'every backup that was there at the first page, once, newest first');
    assert.deepStrictEqual(view.rows, ['3 new since loaded — refresh']);

    // Clicking the row runs Refresh on it, which resets it: the list loads again from the new newest.
    const drift = view.others[0];
    const item = drift.getTreeItem();
    assert.deepStrictEqual(item.command && { command: item.command.command, arguments: item.command.arguments }, { command: 'alibabaCloudBackups.refresh', arguments: [drift] });
    ctx.changes.length = 0;
    drift.reset?.();
    assert.ok(ctx.changes.includes(node), 'the resource is redrawn');
    view = await shown(node);
    const after = idsNewestFirst('adb', cluster);
    assert.deepStrictEqual(view.items, after.slice(0, 30));
    assert.deepStrictEqual(view.rows, [`Load more… (30 of ${after.length})`]);
  });

  it('2 newest backups removed between page 1 and Load more: the skipped ones are owned up to ("2 removed since loaded — refresh")', async () => {
    const replica = SAMPLE_IDS.dds.replica1;
    const before = idsNewestFirst('dds', replica);
    assert.strictEqual(before.length, 45);
    const node = await resourceUnder(ddsEntry, replica);
    assert.deepStrictEqual((await shown(node)).rows, ['Load more… (30 of 45)']);

    // Through the control route, as another process (the workbench tests) would.
    const res = await fetch(`${s.emulator.url}/__emulator/backups`, { method: 'DELETE', body: JSON.stringify({ product: 'dds', resourceId: replica, count: 2 }) });
    assert.deepStrictEqual(await res.json(), { ok: true, total: 43 });
    await loadMore(node);
    const view = await shown(node);
    assertUnique(view.ids, 'tree item ids');
    // Page 2 started 2 items late: before[30] and before[31] were never served.
    assert.deepStrictEqual(view.items, [...before.slice(0, 30), ...before.slice(32)]);
    assert.deepStrictEqual(view.rows, ['2 removed since loaded — refresh']);

    view.others[0].reset?.();
    const again = await shown(node);
    assert.deepStrictEqual(again.items, idsNewestFirst('dds', replica).slice(0, 30));
    assert.deepStrictEqual(again.rows, ['Load more… (30 of 43)']);
  });

  it('clusters listed before page 1\'s offset between two pages: each cluster once, "2 new since loaded — refresh"', async () => {
    const beijing = 'cn-beijing';
    const data = s.emulator.data;
    const model = data.findAdbCluster(SAMPLE_IDS.adb.beijing);
    assert.ok(model);
    const clone = (k: number): typeof model => ({ ...model, id: `am-2zeclone${String(k).padStart(6, '0')}` });
    data.adb.clusters.push(...Array.from({ length: 38 }, (_, k) => clone(k)));
    const productNode = new ProductNode(ownerNode(`region/${beijing}`), ctx, adbEntry, beijing);
    const listed = (): string[] => data.adb.clusters.filter((c) => c.regionId === beijing).map((c) => c.id);
    const before = listed();
    assert.deepStrictEqual((await shown(productNode)).rows, ['Load more… (30 of 40)']);

    data.adb.clusters.unshift(clone(100), clone(101));
    await loadMore(productNode);
    const view = await shown(productNode);
    assertUnique(view.ids, 'tree item ids');
    assert.deepStrictEqual(view.items, before);
    assert.deepStrictEqual(view.rows, ['2 new since loaded — refresh']);
  });

  it('a list whose API reports no total (MongoDB cluster backups) pages to its end with no drift row', async () => {
    const cluster: Resource = { product: 'dds', kind: 'ddsShardedCluster', region, id: SAMPLE_IDS.dds.clusterBackup, status: 'success', raw: {} };
    const node = new ResourceNode(ownerNode(`region/${region}/dds`), ctx, cluster);
    assert.deepStrictEqual((await shown(node)).rows, ['Load more… (30 loaded)']);
    await loadMore(node);
    const view = await shown(node);
    assert.strictEqual(view.items.length, 45);
    assertUnique(view.ids, 'tree item ids');
    assert.deepStrictEqual(view.rows, [], 'nothing moved, so no drift row; a short page ends the list');
  });

  it('backups without an ID each show, under ids of their own, on every page', async () => {
    const cluster = SAMPLE_IDS.adb.big;
    const total = s.emulator.data.backupCount('adb', cluster);
    const real = listLoader(ctx, adbBackups, { region, clusterId: cluster });
    const blanked: PageLoader<Backup> = async (index, pageSize, signal) => {
      const page = await real(index, pageSize, signal);
      return { ...page, items: page.items.map((b) => ({ ...b, id: '' })) };
    };
    const node = listingNode(`region/${region}/adb/${cluster}`, blanked);
    assert.strictEqual((await shown(node)).items.length, 30);
    await loadMore(node);
    const view = await shown(node);
    assert.strictEqual(view.items.length, 60, 'every backup of both pages is a row');
    assertUnique(view.ids, 'tree item ids');
    assert.deepStrictEqual(view.rows, [`Load more… (60 of ${total})`], 'no drift: nothing moved');
  });

  it('a page that repeats items while the total stays: "3 new, 3 removed since loaded — refresh"', async () => {
    const backup = (k: number): Backup => ({ product: 'adb', region, resourceId: 'am-scripted', id: `b${k}`, status: 'success', raw: {} });
    // Page 2 starts 3 items early although the total did not change: 3 were added and 3 removed.
    const loader: PageLoader<Backup> = async (index) => {
      const first = index === 0 ? 0 : 27;
      return { items: Array.from({ length: 30 }, (_, k) => backup(first + k)), total: 100, index, loaded: (index + 1) * 30, hasMore: true };
    };
    const node = listingNode(`region/${region}/adb/am-scripted`, loader);
    await shown(node);
    await loadMore(node);
    const view = await shown(node);
    assertUnique(view.ids, 'tree item ids');
    assert.deepStrictEqual(view.items, Array.from({ length: 57 }, (_, k) => `b${k}`));
    assert.deepStrictEqual(view.rows, ['3 new, 3 removed since loaded — refresh', 'Load more… (57 of 100)']);
  });
});
