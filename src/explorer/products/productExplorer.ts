import type * as vscode from 'vscode';
import type { Backup, BackupFilter, Resource } from '../../cloud/models';
import type { ListAction } from '../../cloud/paging';
import type { ProductDescriptor } from '../../cloud/product';
import type { RegionsAction } from '../../cloud/regions';
import { ChildList, listLoader } from '../childList';
import { ResourceNode, resourceIdentity } from '../resourceNode';
import type { ExplorerContext, ExplorerNode } from '../node';
import { collapsedItem, ParentNode } from '../parentNode';

/** Everything the tree needs to know about one product: its regions and the node it shows under a region. */
export interface ProductExplorer {
  readonly product: ProductDescriptor;
  readonly regions: RegionsAction;
  title(): string;
  createNode(parent: ExplorerNode, region: string, ctx: ExplorerContext): ExplorerNode;
}

/** A product under a region; its listings (clusters, instances, plans) are the product file's business. */
export class ProductNode extends ParentNode {
  constructor(
    parent: ExplorerNode,
    ctx: ExplorerContext,
    private readonly product: ProductExplorer,
    private readonly empty: string,
    private readonly lists_: (node: ProductNode) => ChildList<unknown>[],
  ) {
    super(`${parent.id}/${product.product.id}`, parent, ctx);
  }

  getTreeItem(): vscode.TreeItem {
    const item = collapsedItem(this.product.title(), this.id);
    item.contextValue = `product refreshable product-${this.product.product.id}`;
    return item;
  }

  protected createLists(): ChildList<unknown>[] {
    return this.lists_(this);
  }

  protected emptyLabel(): string {
    return this.empty;
  }
}

/**
 * A product whose resources come from one paged listing and each list their backups with another: the shape of
 * ADB (clusters) and DBS (plans). MongoDB, with two listings and shard nodes, builds its own node.
 */
export function resourceListProduct<ResourceScope, BackupScope>(spec: {
  product: ProductDescriptor;
  regions: RegionsAction;
  title: () => string;
  emptyLabel: () => string;
  resources: ListAction<ResourceScope, Resource>;
  resourceScope: (region: string) => ResourceScope;
  backups: ListAction<BackupScope, Backup>;
  backupScope: (region: string, resource: Resource, filter: BackupFilter | undefined) => BackupScope;
}): ProductExplorer {
  const explorer: ProductExplorer = {
    product: spec.product,
    regions: spec.regions,
    title: spec.title,
    createNode: (parent, region, ctx) =>
      new ProductNode(parent, ctx, explorer, spec.emptyLabel(), (node) => [
        new ChildList<Resource>(
          node,
          ctx,
          { product: spec.product.id, action: spec.resources.action },
          listLoader(ctx, spec.resources, spec.resourceScope(region)),
          (resource, key) =>
            new ResourceNode(
              node,
              ctx,
              resource,
              { action: spec.backups.action, loader: (filter) => listLoader(ctx, spec.backups, spec.backupScope(region, resource, filter)) },
              key,
            ),
          undefined,
          resourceIdentity,
        ) as ChildList<unknown>,
      ]),
  };
  return explorer;
}
