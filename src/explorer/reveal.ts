import * as vscode from 'vscode';
import type { Backup, Resource } from '../cloud/models';
import type { CommandDeps } from '../commands/command';
import { loadDetails } from '../commands/detailsTarget';
import { DetailsPanel } from '../webview/detailsPanel';
import type { DetailsSubject } from '../webview/subject';
import { BackupNode } from './backupNode';
import type { ExplorerNode } from './node';
import { ProductNode } from './productNode';
import { RegionNode } from './regionNodes';
import { ResourceNode } from './resourceNode';

/** Where a resource is, as far as finding its row goes: a shard node also names its cluster. */
type Whereabouts = Pick<Resource, 'product' | 'region' | 'id' | 'parentId'>;

/** Why no row could be shown: the settings leave out its region or its product, or the loaded tree lacks it. */
type Absence = 'region' | 'product' | 'row';

/**
 * Shows a resource in the Backups view: its region, product (and a shard node's cluster) rows expand through the
 * tree's own lists, loading further pages where needed, and its row is selected and scrolled into view. Its
 * details open, also when the settings keep it out of the view, which is then said.
 */
export async function revealResource(deps: CommandDeps, resource: Resource): Promise<void> {
  const row = await resourceRow(deps, resource);
  if (!(row instanceof ResourceNode)) return showAbsent(deps, row, { kind: 'resource', resource });
  await select(deps, row, { kind: 'resource', resource: row.resource });
}

/**
 * Shows a backup in the Backups view without paging through the list before it: the resource whose list holds it
 * (`owner`, by default the backup's own resource) is put into a filtered state on the backup's ID, which its row
 * says ("Filter: ID …") and Clear Filter undoes; then the backup's row is selected and its details open.
 */
export async function revealBackup(deps: CommandDeps, backup: Backup, owner?: Resource): Promise<void> {
  const holder = await resourceRow(deps, owner ?? { product: backup.product, region: backup.region, id: backup.resourceId });
  if (!(holder instanceof ResourceNode)) return showAbsent(deps, holder, { kind: 'backup', backup });
  holder.setFilter({ backupId: backup.id });
  const row = await backupRow(holder, backup.id);
  if (!row) {
    await select(deps, holder, { kind: 'backup', backup });
    return explain('row');
  }
  await select(deps, row, { kind: 'backup', backup: row.backup });
}

async function resourceRow(deps: CommandDeps, where: Whereabouts): Promise<ResourceNode | Absence> {
  const settings = deps.session.settings;
  const region = (await deps.provider.getChildren()).find((n): n is RegionNode => n instanceof RegionNode && n.region.id === where.region);
  if (!region) return settings.regions.length > 0 && !settings.regions.includes(where.region) ? 'region' : 'row';
  const product = (await region.getChildren()).find((n): n is ProductNode => n instanceof ProductNode && n.product.id === where.product);
  if (!product) return settings.products.length > 0 && !settings.products.includes(where.product) ? 'product' : 'row';
  const direct = await product.findChild(isResourceRow(where.id));
  if (direct) return direct;
  // A shard node is listed under its cluster, whose one list of shards comes whole.
  const parent = where.parentId === undefined ? undefined : await product.findChild(isResourceRow(where.parentId));
  return (await parent?.getChildren())?.find(isResourceRow(where.id)) ?? 'row';
}

function isResourceRow(id: string): (node: ExplorerNode) => node is ResourceNode {
  return (node): node is ResourceNode => node instanceof ResourceNode && node.resource.id === id;
}

/** The backup's row under a filtered resource, or its row among the parts of the backup that holds it. */
async function backupRow(holder: ResourceNode, id: string): Promise<BackupNode | undefined> {
  for (const row of await holder.getChildren()) {
    if (!(row instanceof BackupNode)) continue;
    if (row.backup.id === id) return row;
    if (row.backup.parts?.some((part) => part.id === id)) {
      return (await row.getChildren()).find((part): part is BackupNode => part instanceof BackupNode && part.backup.id === id);
    }
  }
  return undefined;
}

/**
 * Opens the details, then selects the row: selecting it is what loads a resource's policy and timeline into the open panel
 * (the selection handler in extension.ts), so a row that was selected already has it loaded here.
 */
async function select(deps: CommandDeps, row: ExplorerNode, subject: DetailsSubject): Promise<void> {
  const wasSelected = deps.tree.selection.length === 1 && deps.tree.selection[0].id === row.id;
  DetailsPanel.show(deps.extensionUri, subject);
  if (!deps.tree.visible) await vscode.commands.executeCommand('workbench.view.extension.alibabaCloudBackups');
  await deps.tree.reveal(row, { select: true, focus: true, expand: false });
  if (wasSelected) void loadDetails(deps, subject);
}

function showAbsent(deps: CommandDeps, absence: Absence, subject: DetailsSubject): void {
  DetailsPanel.show(deps.extensionUri, subject);
  void loadDetails(deps, subject);
  explain(absence);
}

/** Fixed sentences: the IDs involved came from the cloud, and a notification renders links. */
function explain(absence: Absence): void {
  const text =
    absence === 'region'
      ? vscode.l10n.t('The Backups view does not show this region (setting alibabaCloudBackups.regions); the details are open.')
      : absence === 'product'
        ? vscode.l10n.t('The Backups view does not show this product (setting alibabaCloudBackups.products); the details are open.')
        : vscode.l10n.t('It could not be shown in the Backups view; the details are open.');
  void vscode.window.showInformationMessage(text);
}
