import * as vscode from 'vscode';
import type { Backup } from '../cloud/models';
import { ResourceNode } from '../explorer/resourceNode';
import { isBackupNode } from './copyBackupId';
import { targetNode, type CommandDeps } from './command';

type UrlField = 'downloadUrl' | 'intranetDownloadUrl';

/** Seconds of validity a copied URL should still have: enough to paste it and start a download. */
const MIN_VALIDITY_S = 120;

/** When the OSS signature in a URL stops working (its `Expires`, in epoch seconds). */
function urlExpiry(url: string): Date | undefined {
  const expires = Number(new URL(url).searchParams.get('Expires'));
  return Number.isFinite(expires) && expires > 0 ? new Date(expires * 1000) : undefined;
}

function isFresh(url: string): boolean {
  const expiry = urlExpiry(url);
  return !expiry || expiry.getTime() - Date.now() > MIN_VALIDITY_S * 1000;
}

/**
 * Copies a MongoDB backup's download URL. A signed URL that has expired (or nearly) is fetched anew by
 * BackupId first. The confirmation names the backup, never the URL.
 */
export async function copyUrl(deps: CommandDeps, arg: unknown, field: UrlField): Promise<void> {
  const node = targetNode(deps, arg, isBackupNode);
  if (!node) return;
  let backup: Backup = node.backup;
  let url = backup[field];
  if (url && !isFresh(url) && node.parent instanceof ResourceNode) {
    const resource = node.parent;
    const fresh = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Renewing the download URL…') }, () =>
      resource.fetchBackup(backup.id),
    );
    if (fresh) {
      node.backup = backup = fresh;
      url = fresh[field];
      deps.log.info(`Download URL of backup ${backup.id} had expired; fetched it again.`);
    }
  }
  if (!url) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Backup {0} has no download URL.', backup.id));
    return;
  }
  await vscode.env.clipboard.writeText(url);
  const message = field === 'downloadUrl' ? vscode.l10n.t('Copied the download URL of backup {0}', backup.id) : vscode.l10n.t('Copied the intranet download URL of backup {0}', backup.id);
  vscode.window.setStatusBarMessage(message, 4000);
}
