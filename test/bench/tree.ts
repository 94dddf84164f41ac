// The tree in plain Node: the real CloudClient and ChildList, with a context whose rows are bare objects
// (ChildList needs no `vscode`). Node classes that build vscode.TreeItems are stood in for by BenchNode.
import type * as vscode from 'vscode';
import { CloudClient } from '../../src/cloud/client';
import { CredentialSource } from '../../src/cloud/credentials';
import type { ExplorerSettings } from '../../src/config';
import { ChildList } from '../../src/explorer/childList';
import type { ExplorerContext, ExplorerNode } from '../../src/explorer/node';
import type { Entry, Listing } from '../../src/products/catalog';
import { PRODUCTS } from '../../src/products';
import { entryId } from '../../src/products/listings';
import { TEST_CREDENTIALS } from '../emulator';

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
/** The timeoutMs setting's default. */
export const DEFAULT_TIMEOUT_MS = 10_000;

export function benchContext(emulatorUrl: string, maxConcurrentRequests: number, timeoutMs = DEFAULT_TIMEOUT_MS): BenchContext {
  const endpointOverrides = Object.fromEntries(PRODUCTS.map((p) => [p.id, emulatorUrl]));
  const settings: ExplorerSettings = { regions: [], endpointOverrides, pageSize: 100, timeoutMs, maxConcurrentRequests, useEcsMetadata: false, backupWindowDays: 7, products: [], problems: [] };
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

/** A node's list of children as entryList builds it (ids across pages, a key per list), with bench rows. */
export function treeList(ctx: ExplorerContext, owner: ExplorerNode, listing: Listing): ChildList<Entry> {
  return new ChildList<Entry>(
    owner,
    ctx,
    { product: listing.product, action: listing.action },
    (index, pageSize, signal) => listing.fetch(ctx.client, index, pageSize, signal),
    (entry, key) => new BenchNode(owner, key, entry),
    listing.key,
    entryId,
  );
}

/** Load more until the list has everything. */
export async function loadAll<Item>(list: ChildList<Item>): Promise<void> {
  await list.ensureLoaded();
  for (let shown = -1; shown !== list.items.length; ) {
    shown = list.items.length;
    await list.loadNext();
  }
}
