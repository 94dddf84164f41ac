// The explorer side in plain Node: the real CloudClient and ChildList, with a context whose rows are bare
// objects (ChildList needs no `vscode`). Node classes that build vscode.TreeItems are stood in for by BenchNode.
import type * as vscode from 'vscode';
import { CloudClient } from '../../src/cloud/client';
import { CredentialSource } from '../../src/cloud/credentials';
import { describeShardNodes } from '../../src/products/dds';
import type { Region } from '../../src/cloud/models';
import { listRegions } from '../../src/cloud/regions';
import type { ExplorerSettings } from '../../src/config';
import { ChildList, listLoader, singlePage } from '../../src/explorer/childList';
import type { ExplorerContext, ExplorerNode } from '../../src/explorer/node';
import { TEST_CREDENTIALS } from '../emulator';
import type { Fetcher, Listing } from './account';

/** A tree row without a tree item; as cheap to build as BackupNode and ResourceNode (an id, a parent, a model). */
export class BenchNode<T = unknown> implements ExplorerNode {
  readonly id: string;

  constructor(
    readonly parent: ExplorerNode | undefined,
    key: string,
    readonly model?: T,
  ) {
    this.id = parent ? `${parent.id}/${key}` : key;
  }

  getTreeItem(): vscode.TreeItem {
    throw new Error('plain Node builds no tree items');
  }
}

/** An error or Load more row; `click` is what clicking it in the tree does. */
export class BenchRow implements ExplorerNode {
  constructor(
    readonly id: string,
    readonly parent: ExplorerNode,
    readonly click: () => void,
  ) {}

  getTreeItem(): vscode.TreeItem {
    throw new Error('plain Node builds no tree items');
  }
}

export interface BenchContext extends ExplorerContext {
  /** Every load that failed: ChildList turns them into error rows, which would otherwise go unnoticed. */
  readonly failures: unknown[];
}

/** The context Session gives the tree, with the product's defaults and every endpoint pointed at the emulator. */
export function benchContext(emulatorUrl: string, maxConcurrentRequests: number): BenchContext {
  const endpointOverrides = { adb: emulatorUrl, dds: emulatorUrl, dbs: emulatorUrl };
  const settings: ExplorerSettings = { regions: [], endpointOverrides, pageSize: 100, timeoutMs: 10_000, maxConcurrentRequests, useEcsMetadata: false, backupWindowDays: 7, problems: [] };
  const failures: unknown[] = [];
  return {
    client: new CloudClient(settings, new CredentialSource(TEST_CREDENTIALS.normal)),
    settings,
    failures,
    changed: () => undefined,
    withProgress: (task) =>
      task.catch((err: unknown) => {
        failures.push(err);
        throw err;
      }),
    rows: {
      error: (id, parent, _error, retry) => new BenchRow(id, parent, retry),
      loadMore: (id, parent, _shown, _total, _loading, loadMore) => new BenchRow(id, parent, loadMore),
      loadOlder: (id, parent, _before, _loading, loadOlder) => new BenchRow(id, parent, loadOlder),
      drift: (id, parent, _drift, refresh) => new BenchRow(id, parent, refresh),
    },
  };
}

/** A node's list of children as the product nodes build it. */
export function treeList<Item>(ctx: ExplorerContext, owner: ExplorerNode, list: Listing<Item>, toNode?: (item: Item) => ExplorerNode): ChildList<Item> {
  return new ChildList<Item>(owner, ctx, list, list.open((action, scope) => listLoader(ctx, action, scope)), toNode);
}

/** Load more until the list has everything. */
export async function loadAll<Item>(list: ChildList<Item>): Promise<void> {
  await list.ensureLoaded();
  for (let shown = -1; shown !== list.items.length; ) {
    shown = list.items.length;
    await list.loadNext();
  }
}

/** The tree's way through the account: every listing a ChildList, siblings expanded together. */
export function treeFetcher(ctx: ExplorerContext): Fetcher {
  const root = new BenchNode(undefined, 'root');
  const loaded = async <Item>(list: ChildList<Item>, all = false): Promise<Item[]> => {
    await (all ? loadAll(list) : list.ensureLoaded());
    return [...list.items];
  };
  return {
    regions: (plan) =>
      loaded(new ChildList<Region>(root, ctx, { product: plan.regions.product.id, action: 'DescribeRegions' }, singlePage((signal) => listRegions(ctx.client, plan.regions, signal)))),
    resources: (list) => loaded(treeList(ctx, root, list, (r) => new BenchNode(root, r.id, r)), true),
    shardNodes: (cluster) =>
      loaded(
        new ChildList(
          root,
          ctx,
          { product: 'dds', action: 'DescribeDBInstanceAttribute' },
          singlePage(async (signal) => (await describeShardNodes(ctx.client, cluster.region, cluster.id, signal)).nodes),
          (r) => new BenchNode(root, r.id, r),
        ),
      ),
    backups: (list) => loaded(treeList(ctx, root, list, (b) => new BenchNode(root, b.id, b))),
    each: async (items, visit) => {
      await Promise.all(items.map(visit));
    },
  };
}
