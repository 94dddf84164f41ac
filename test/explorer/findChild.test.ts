// ParentNode.findChild, which Find by ID… uses to reach a resource far down a product's list: it loads further pages
// through the node's own lists only until the row turns up, stops at the end of the list or at an error, and tells
// the tree when it added pages.
import '../reliability/vscodeStub';
import * as assert from 'assert';
import type { CloudClient } from '../../src/cloud/client';
import { CloudError } from '../../src/cloud/errors';
import type { Resource } from '../../src/cloud/models';
import type { ChildList } from '../../src/explorer/childList';
import { entryList } from '../../src/explorer/entryList';
import type { ExplorerNode } from '../../src/explorer/node';
import { ParentNode } from '../../src/explorer/parentNode';
import { ResourceNode } from '../../src/explorer/resourceNode';
import type { Listing } from '../../src/products/catalog';
import { fakeContext, type FakeContext } from '../reliability/support';

const TOTAL = 100;
const instanceId = (k: number): string => `rm-bp1instance${String(k).padStart(5, '0')}`;
const isRow = (id: string) => (node: ExplorerNode): node is ResourceNode => node instanceof ResourceNode && node.resource.id === id;

describe('finding a child row through paged lists', () => {
  let ctx: FakeContext;
  let fetched: number[];
  let failAt: number | undefined;

  /** A product-like node listing TOTAL instances, a page at a time. */
  function productNode(): ParentNode {
    const listing: Listing = {
      key: 'instances',
      product: 'rds',
      action: 'DescribeDBInstances',
      fetch: async (_client, index, pageSize) => {
        fetched.push(index);
        if (index === failAt) throw new CloudError({ product: 'rds', action: 'DescribeDBInstances', kind: 'server', code: 'ServiceUnavailable', message: 'down' });
        const ids = Array.from({ length: Math.max(0, Math.min(pageSize, TOTAL - index * pageSize)) }, (_, k) => instanceId(index * pageSize + k));
        const items = ids.map((id) => ({ resource: { product: 'rds', kind: 'rdsInstance', region: 'cn-hangzhou', id, status: 'success', raw: {} } satisfies Resource }));
        const loaded = index * pageSize + items.length;
        return { items, total: TOTAL, index, loaded, hasMore: loaded < TOTAL };
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
        return 'No instances';
      }
    })('region/cn-hangzhou/rds', undefined, ctx);
  }

  beforeEach(() => {
    ctx = fakeContext({} as CloudClient, { pageSize: 30 });
    fetched = [];
    failAt = undefined;
  });

  it('loads pages only until the row turns up, and tells the tree once', async () => {
    const node = productNode();
    const row = await node.findChild(isRow(instanceId(75)));
    assert.strictEqual(row?.resource.id, instanceId(75));
    assert.deepStrictEqual(fetched, [0, 1, 2]);
    assert.deepStrictEqual(ctx.changes, [node]);
    assert.ok((await node.getChildren()).includes(row), 'the row is one of the node\'s children, the instance the tree gets');
  });

  it('asks nothing more for a row on a page already loaded', async () => {
    const node = productNode();
    await node.getChildren();
    const row = await node.findChild(isRow(instanceId(3)));
    assert.strictEqual(row?.resource.id, instanceId(3));
    assert.deepStrictEqual(fetched, [0]);
    assert.deepStrictEqual(ctx.changes, []);
  });

  it('ends with the list when no row matches', async () => {
    const node = productNode();
    assert.strictEqual(await node.findChild(isRow('rm-bp1nothere')), undefined);
    assert.deepStrictEqual(fetched, [0, 1, 2, 3]);
  });

  it('stops at a page that fails, leaving its error row', async () => {
    failAt = 1;
    const node = productNode();
    assert.strictEqual(await node.findChild(isRow(instanceId(75))), undefined);
    assert.deepStrictEqual(fetched, [0, 1]);
    const rows = await node.getChildren();
    assert.ok(rows.some((r) => 'kind' in r && (r as { kind: string }).kind === 'error'), 'the failed page shows its error row');
  });
});
