import * as vscode from 'vscode';
import type { CloudError } from '../cloud/errors';
import type { ExplorerNode, ListDrift, StatusRows } from './node';

/** A leaf that says something: "No backups", a warning about a setting. */
export class MessageNode implements ExplorerNode {
  constructor(
    readonly id: string,
    readonly parent: ExplorerNode | undefined,
    private readonly label: string,
    private readonly icon = 'info',
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = 'message';
    return item;
  }
}

/** A load that failed: the API's code and message, RequestId in the tooltip; clicking it tries again. */
export class ErrorNode implements ExplorerNode {
  constructor(
    readonly id: string,
    readonly parent: ExplorerNode,
    readonly error: CloudError,
    readonly retry: () => void,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(`${this.error.code}: ${this.error.message}`, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = vscode.l10n.t('Click to retry');
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(this.error.describe());
    tooltip.appendMarkdown(`\n\n${vscode.l10n.t('Click to retry. The log has every request with its RequestId.')}`);
    item.tooltip = tooltip;
    item.contextValue = 'error';
    item.command = { command: 'alibabaCloudBackups.retry', title: vscode.l10n.t('Retry'), arguments: [this] };
    return item;
  }
}

/** The "Load more… (shown of total)" row at the end of a paged list. */
export class LoadMoreNode implements ExplorerNode {
  constructor(
    readonly id: string,
    readonly parent: ExplorerNode,
    private readonly label: string,
    private readonly loading: boolean,
    readonly loadMore: () => void,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.loading ? 'loading~spin' : 'ellipsis');
    item.contextValue = 'loadMore';
    item.command = { command: 'alibabaCloudBackups.loadMore', title: vscode.l10n.t('Load More'), arguments: [this] };
    return item;
  }
}

/** "Load more… (30 of 230)", or "(30 loaded)" for a list whose API reports no total. */
function loadMoreLabel(shown: number, total: number, loading: boolean): string {
  if (total <= shown) return loading ? vscode.l10n.t('Loading… ({0} loaded)', shown) : vscode.l10n.t('Load more… ({0} loaded)', shown);
  return loading ? vscode.l10n.t('Loading… ({0} of {1})', shown, total) : vscode.l10n.t('Load more… ({0} of {1})', shown, total);
}

/** "Load older… (before 2026-11-22)": the next window back of a list the API serves a time range at a time. */
function loadOlderLabel(before: Date, loading: boolean): string {
  const day = before.toISOString().slice(0, 10);
  return loading ? vscode.l10n.t('Loading backups before {0}…', day) : vscode.l10n.t('Load older… (before {0})', day);
}

/** "3 new since loaded — refresh": the list changed between its pages; clicking it loads the list again. */
export class DriftNode implements ExplorerNode {
  constructor(
    readonly id: string,
    readonly parent: ExplorerNode,
    private readonly drift: ListDrift,
    private readonly refresh: () => void,
  ) {}

  /** The Refresh command resets the row it is given: for this row that means reloading its list. */
  reset(): void {
    this.refresh();
  }

  getTreeItem(): vscode.TreeItem {
    const { added, removed } = this.drift;
    const label =
      added > 0 && removed > 0
        ? vscode.l10n.t('{0} new, {1} removed since loaded — refresh', added, removed)
        : added > 0
          ? vscode.l10n.t('{0} new since loaded — refresh', added)
          : vscode.l10n.t('{0} removed since loaded — refresh', removed);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('refresh', new vscode.ThemeColor('list.warningForeground'));
    item.tooltip = vscode.l10n.t('The list changed while it was loaded page by page, so rows may be missing. Click to load it again.');
    item.contextValue = 'drift';
    item.command = { command: 'alibabaCloudBackups.refresh', title: vscode.l10n.t('Refresh'), arguments: [this] };
    return item;
  }
}

/** The drift, error and Load more rows every paged list ends with. */
export const statusRows: StatusRows = {
  error: (id, parent, error, retry) => new ErrorNode(id, parent, error, retry),
  loadMore: (id, parent, shown, total, loading, loadMore) => new LoadMoreNode(id, parent, loadMoreLabel(shown, total, loading), loading, loadMore),
  loadOlder: (id, parent, before, loading, loadOlder) => new LoadMoreNode(id, parent, loadOlderLabel(before, loading), loading, loadOlder),
  drift: (id, parent, drift, refresh) => new DriftNode(id, parent, drift, refresh),
};
