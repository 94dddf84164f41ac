import * as vscode from 'vscode';
import type { Backup, BackupFilter, Resource } from '../cloud/models';
import { BackupNode } from './backupNode';
import { ChildList, type PageLoader } from './childList';
import type { ExplorerContext, ExplorerNode } from './node';
import { ParentNode } from './parentNode';
import { fieldsTooltip, formatShortTime, statusIcon } from './presentation';

const ICONS: Record<Resource['kind'], string> = {
  adbCluster: 'database',
  ddsReplicaSet: 'database',
  ddsShardedCluster: 'layers',
  ddsShardNode: 'symbol-namespace',
  dbsPlan: 'calendar',
};

/** How a resource lists its backups: the product's listing, narrowed by a filter. */
export type BackupListing = { action: string; loader: (filter: BackupFilter | undefined) => PageLoader<Backup> };

/** A cluster, replica set, shard node or backup plan, whose children are its backups, a page at a time. */
export class ResourceNode extends ParentNode {
  private activeFilter: BackupFilter | undefined;

  constructor(
    parent: ExplorerNode,
    ctx: ExplorerContext,
    readonly resource: Resource,
    private readonly listing: BackupListing,
    /** Unique among the parent's rows (see ChildList); the resource ID unless it has none. */
    key = resource.id,
  ) {
    super(`${parent.id}/${key}`, parent, ctx);
  }

  get filter(): BackupFilter | undefined {
    return this.activeFilter;
  }

  /** Narrows the backups shown; the list reloads on the next expand. */
  setFilter(filter: BackupFilter | undefined): void {
    this.activeFilter = filter;
    this.reset();
    this.ctx.changed(this);
  }

  /** Asks the API for one backup again, by ID: download URLs expire, and the list may be old. */
  async fetchBackup(backupId: string): Promise<Backup | undefined> {
    const page = await this.listing.loader({ backupId })(0, 30, new AbortController().signal);
    return page.items.find((b) => b.id === backupId);
  }

  getTreeItem(): vscode.TreeItem {
    return resourceItem(this.id, this.resource, ['resource', 'filterable', ...(this.activeFilter ? ['filtered'] : [])], describeFilter(this.activeFilter));
  }

  protected createLists(): ChildList<unknown>[] {
    const list = new ChildList<Backup>(
      this,
      this.ctx,
      { product: this.resource.product, action: this.listing.action },
      this.listing.loader(this.activeFilter),
      (b, key) => new BackupNode(this, b, key),
      undefined,
      backupIdentity,
    );
    return [list as ChildList<unknown>];
  }

  protected emptyLabel(): string {
    return this.activeFilter ? vscode.l10n.t('No backups match the filter') : vscode.l10n.t('No backups');
  }
}

/** Backups are told apart across pages by their ID (for DBS, the backup set ID). */
export const backupIdentity = (backup: Backup): string => backup.id;

/** Resources are told apart across pages by their ID. */
export const resourceIdentity = (resource: Resource): string => resource.id;

/** The tree row for any resource: ID as label (so it can be found), its name as description. */
export function resourceItem(id: string, resource: Resource, capabilities: string[], extra?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(resource.id, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = id;
  item.description = [resource.name, extra].filter(Boolean).join(' · ');
  item.iconPath = resource.status === 'success' || resource.status === 'unknown' ? new vscode.ThemeIcon(ICONS[resource.kind]) : statusIcon(resource.status);
  item.tooltip = fieldsTooltip(resource.id, [
    [vscode.l10n.t('Name'), resource.name],
    [vscode.l10n.t('Status'), resource.statusText],
    [vscode.l10n.t('Region'), resource.region],
    [vscode.l10n.t('Belongs to'), resource.parentId],
  ]);
  item.contextValue = [...capabilities, 'refreshable', 'hasDetails', `kind-${resource.kind}`].join(' ');
  return item;
}

function describeFilter(filter: BackupFilter | undefined): string | undefined {
  if (!filter) return undefined;
  const parts = [
    filter.start || filter.end ? `${formatShortTime(filter.start) ?? '…'} – ${formatShortTime(filter.end) ?? '…'}` : undefined,
    filter.status,
  ].filter(Boolean);
  return vscode.l10n.t('Filter: {0}', parts.join(', '));
}
