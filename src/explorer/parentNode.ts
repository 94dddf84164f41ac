import * as vscode from 'vscode';
import type { ChildList } from './childList';
import { MessageNode } from './messageNodes';
import type { ExplorerContext, ExplorerNode } from './node';

/**
 * A node whose children come from one or more listings (MongoDB lists replica sets and sharded clusters
 * separately). The listings load in parallel on first expand; when all come back empty, one row says so.
 */
export abstract class ParentNode implements ExplorerNode {
  private childLists: ChildList<unknown>[] | undefined;

  constructor(
    readonly id: string,
    readonly parent: ExplorerNode | undefined,
    protected readonly ctx: ExplorerContext,
  ) {}

  abstract getTreeItem(): vscode.TreeItem;

  /** Builds this node's listings; called once, and again after a reset. */
  protected abstract createLists(): ChildList<unknown>[];

  /** The row shown when every listing is empty, e.g. "No backups". */
  protected abstract emptyLabel(): string;

  protected get lists(): ChildList<unknown>[] {
    this.childLists ??= this.createLists();
    return this.childLists;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    const lists = this.lists;
    await Promise.all(lists.map((list) => list.ensureLoaded()));
    if (lists.every((list) => list.isEmpty)) return [new MessageNode(`${this.id}#empty`, this, this.emptyLabel())];
    return lists.flatMap((list) => list.render());
  }

  /**
   * The child row `match` picks, loading further pages of each list until it turns up or the lists end (Find by
   * ID…: a resource far down a long list); the tree is told when pages were added.
   */
  async findChild<T extends ExplorerNode>(match: (node: ExplorerNode) => node is T): Promise<T | undefined> {
    let grown = false;
    try {
      for (const list of this.lists) {
        await list.ensureLoaded();
        for (;;) {
          const found = list.render().find(match);
          if (found) return found;
          if (!list.canLoadMore) break;
          await list.loadNext();
          grown = true;
        }
      }
      return undefined;
    } finally {
      if (grown) this.ctx.changed(this);
    }
  }

  reset(): void {
    for (const list of this.childLists ?? []) list.reset();
    this.childLists = undefined;
  }
}

export function collapsedItem(label: string, id: string): vscode.TreeItem {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = id;
  return item;
}
