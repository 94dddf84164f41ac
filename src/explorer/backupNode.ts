import * as vscode from 'vscode';
import type { Backup, Resource } from '../cloud/models';
import { productEntry } from '../products';
import { say } from '../products/catalog';
import type { ExplorerNode } from './node';
import { fieldsTooltip, formatShortTime, formatSize, statusIcon } from './presentation';

/** The shard a backup belongs to, unless the row above is that shard (a MongoDB shard node's own backups). */
function shardShown(parent: ExplorerNode, backup: Backup): string | undefined {
  const owner = 'resource' in parent ? (parent as { resource: Resource }).resource.id : undefined;
  return backup.nodeId !== owner ? backup.nodeId : undefined;
}

/** One backup or backup set: ID as label, shard / when / how big / status as description. */
export class BackupNode implements ExplorerNode {
  readonly id: string;

  constructor(
    readonly parent: ExplorerNode,
    public backup: Backup,
    /** Unique among the parent's rows; the list gives a backup without an ID a key of its own. */
    key = backup.id,
  ) {
    this.id = `${parent.id}/${key}`;
  }

  getTreeItem(): vscode.TreeItem {
    const b = this.backup;
    // A product whose API gives no URL says so, rather than leaving the copy commands silently absent.
    const noDownload = b.downloadUrl ? undefined : productEntry(b.product)?.noDownloadUrl;
    const item = new vscode.TreeItem(b.id, b.parts?.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const progress = b.status === 'running' && b.progressPercent !== undefined ? `${b.progressPercent}%` : undefined;
    const unavailable = b.available === false ? vscode.l10n.t('not restorable') : undefined;
    item.description = [shardShown(this.parent, b), formatShortTime(b.startTime), formatSize(b.sizeBytes), b.statusText, progress, unavailable].filter(Boolean).join(' · ');
    item.iconPath = statusIcon(b.status);
    item.tooltip = fieldsTooltip(vscode.l10n.t('Backup {0}', b.id), [
      [vscode.l10n.t('Status'), b.statusText],
      [vscode.l10n.t('Type'), b.type],
      [vscode.l10n.t('Method'), b.method],
      [vscode.l10n.t('Size'), formatSize(b.sizeBytes)],
      [vscode.l10n.t('Started'), formatShortTime(b.startTime)],
      [vscode.l10n.t('Finished'), formatShortTime(b.endTime)],
      [vscode.l10n.t('Expires'), b.expiry?.kind === 'never' ? vscode.l10n.t('Never') : formatShortTime(b.expiry?.time)],
      [vscode.l10n.t('Mode'), b.mode],
      [vscode.l10n.t('Shard node'), b.nodeId],
      [vscode.l10n.t('Parts'), b.parts?.length ? String(b.parts.length) : undefined],
      [vscode.l10n.t('Download'), noDownload ? say(noDownload, vscode.l10n.t) : undefined],
    ]);
    const capabilities = ['backup', `product-${b.product}`];
    if (b.downloadUrl) capabilities.push('hasDownloadUrl');
    if (b.intranetDownloadUrl) capabilities.push('hasIntranetUrl');
    item.contextValue = capabilities.join(' ');
    item.command = { command: 'alibabaCloudBackups.showDetails', title: vscode.l10n.t('Show Details'), arguments: [this] };
    return item;
  }

  /** The backups it is made of (a MongoDB cluster backup's per-node backups); they come with it, no request. */
  async getChildren(): Promise<ExplorerNode[]> {
    return (this.backup.parts ?? []).map((part, k) => new BackupNode(this, part, part.id || `part#${k + 1}`));
  }
}
