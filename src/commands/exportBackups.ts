import * as vscode from 'vscode';
import { backupColumns, backupRows, partCount } from '../export/backupTable';
import { exportTable, type LoadedRows, type TableSource } from '../export/exportTable';
import { EXPORT_LIMITS, readAllBackups } from '../export/readBackups';
import type { ResourceNode } from '../explorer/resourceNode';
import { targetNode, type CommandDeps, type ExplorerCommand } from './command';
import { isResourceNode } from './filterBackups';

/** Every backup of the resource (and of its shard nodes), with the row's filter, read once the user chose a file. */
function backupSource(deps: CommandDeps, node: ResourceNode): TableSource {
  return {
    columns: backupColumns(vscode.l10n.t),
    title: vscode.l10n.t('Exporting backups…'),
    load: async (progress, signal): Promise<LoadedRows> => {
      const read = await readAllBackups(deps.session.client, node.resource, {
        // The largest page every listing accepts: fewest requests.
        pageSize: 100,
        windowDays: deps.session.settings.backupWindowDays,
        filter: node.filter,
        signal,
        onProgress: (count) => progress(vscode.l10n.t('{0} backups read', count)),
      });
      deps.log.info(`Export of ${node.resource.id}: ${read.backups.length} backups in ${read.pages} requests${read.cut ? ', stopped at the limit' : ''}.`);
      const parts = partCount(read.backups);
      const done = parts > 0 ? vscode.l10n.t('Exported {0} backups and {1} parts.', read.backups.length, parts) : vscode.l10n.t('Exported {0} backups.', read.backups.length);
      const cut = vscode.l10n.t('The export stopped at its limit of {0} requests or {1} backups; older backups are not in the file.', EXPORT_LIMITS.maxPages, EXPORT_LIMITS.maxBackups);
      return { rows: backupRows(read.backups), summary: read.cut ? `${done} ${cut}` : done };
    },
  };
}

/** Export…: a resource's backups (every page, bounded) to a CSV or JSON file. */
export const exportBackups: ExplorerCommand = {
  id: 'alibabaCloudBackups.export',
  run: async (deps, arg?: unknown) => {
    const node = targetNode(deps, arg, isResourceNode);
    if (!node) return;
    await exportTable(deps, backupSource(deps, node), `${node.resource.id}-backups`);
  },
};
