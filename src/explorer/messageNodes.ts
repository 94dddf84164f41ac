import * as vscode from 'vscode';
import type { CloudError } from '../cloud/errors';
import type { ExplorerNode, StatusRows } from './node';

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
    private readonly shown: number,
    private readonly total: number,
    private readonly loading: boolean,
    readonly loadMore: () => void,
  ) {}

  getTreeItem(): vscode.TreeItem {
    const label = this.loading
      ? vscode.l10n.t('Loading… ({0} of {1})', this.shown, this.total)
      : vscode.l10n.t('Load more… ({0} of {1})', this.shown, this.total);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.loading ? 'loading~spin' : 'ellipsis');
    item.contextValue = 'loadMore';
    item.command = { command: 'alibabaCloudBackups.loadMore', title: vscode.l10n.t('Load More'), arguments: [this] };
    return item;
  }
}

/** The error and Load more rows every paged list ends with. */
export const statusRows: StatusRows = {
  error: (id, parent, error, retry) => new ErrorNode(id, parent, error, retry),
  loadMore: (id, parent, shown, total, loading, loadMore) => new LoadMoreNode(id, parent, shown, total, loading, loadMore),
};
