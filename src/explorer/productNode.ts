import * as vscode from 'vscode';
import { say, type ProductEntry } from '../products/catalog';
import type { ChildList } from './childList';
import { entryList } from './entryList';
import type { ExplorerContext, ExplorerNode } from './node';
import { collapsedItem, ParentNode } from './parentNode';

/** A product under a region; what it lists there (clusters, instances of each type, plans) is the catalog's. */
export class ProductNode extends ParentNode {
  constructor(
    parent: ExplorerNode,
    ctx: ExplorerContext,
    readonly product: ProductEntry,
    private readonly region: string,
  ) {
    super(`${parent.id}/${product.id}`, parent, ctx);
  }

  getTreeItem(): vscode.TreeItem {
    const item = collapsedItem(say(this.product.title, vscode.l10n.t), this.id);
    item.contextValue = `product refreshable product-${this.product.id}`;
    return item;
  }

  protected createLists(): ChildList<unknown>[] {
    return this.product.resources(this.region).map((listing) => entryList(this, this.ctx, listing) as ChildList<unknown>);
  }

  protected emptyLabel(): string {
    return say(this.product.emptyLabel, vscode.l10n.t);
  }
}
