import type * as vscode from 'vscode';
import type { ProductDescriptor } from '../../cloud/product';
import type { RegionsAction } from '../../cloud/regions';
import type { ChildList } from '../childList';
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
