import * as vscode from 'vscode';
import type { Backup, BackupFilter, Resource } from '../cloud/models';
import { kindEntry } from '../products';
import type { ListingOptions, ResourceKindEntry } from '../products/catalog';
import type { ChildList } from './childList';
import { entryList } from './entryList';
import type { ExplorerContext, ExplorerNode } from './node';
import { ParentNode } from './parentNode';
import { fieldsTooltip, formatShortTime, statusIcon } from './presentation';

/** A cluster, instance, shard node or plan: what it lists (backups, shard nodes, cluster backups) is its kind's. */
export class ResourceNode extends ParentNode {
  private activeFilter: BackupFilter | undefined;

  constructor(
    parent: ExplorerNode,
    ctx: ExplorerContext,
    readonly resource: Resource,
    /** Unique among the parent's rows (see ChildList); the resource ID unless it has none. */
    key = resource.id,
  ) {
    super(`${parent.id}/${key}`, parent, ctx);
  }

  private get catalogKind(): ResourceKindEntry | undefined {
    return kindEntry(this.resource);
  }

  private get listingOptions(): ListingOptions {
    return { windowDays: this.ctx.settings.backupWindowDays };
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
    const signal = new AbortController().signal;
    for (const listing of this.catalogKind?.children(this.resource, { backupId }, this.listingOptions) ?? []) {
      const page = await listing.fetch(this.ctx.client, 0, 30, signal);
      for (const { backup } of page.items) {
        const found = [backup, ...(backup?.parts ?? [])].find((b) => b?.id === backupId);
        if (found) return found;
      }
    }
    return undefined;
  }

  getTreeItem(): vscode.TreeItem {
    const capabilities = ['resource', ...(this.catalogKind?.filterable ? ['filterable'] : []), ...(this.activeFilter ? ['filtered'] : [])];
    return resourceItem(this.id, this.resource, capabilities, describeFilter(this.activeFilter));
  }

  protected createLists(): ChildList<unknown>[] {
    return (this.catalogKind?.children(this.resource, this.activeFilter, this.listingOptions) ?? []).map((listing) => entryList(this, this.ctx, listing) as ChildList<unknown>);
  }

  protected emptyLabel(): string {
    return this.activeFilter ? vscode.l10n.t('No backups match the filter') : vscode.l10n.t('No backups');
  }
}

/** The tree row for any resource: ID as label (so it can be found), its name as description. */
export function resourceItem(id: string, resource: Resource, capabilities: string[], extra?: string): vscode.TreeItem {
  const item = new vscode.TreeItem(resource.id, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = id;
  item.description = [resource.name, resource.summary, extra].filter(Boolean).join(' · ');
  item.iconPath = resource.status === 'success' || resource.status === 'unknown' ? new vscode.ThemeIcon(kindEntry(resource)?.icon ?? 'database') : statusIcon(resource.status);
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
    filter.mode,
    filter.type,
    filter.backupId && vscode.l10n.t('ID {0}', filter.backupId),
  ].filter(Boolean);
  return vscode.l10n.t('Filter: {0}', parts.join(', '));
}
