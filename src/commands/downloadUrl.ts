import * as vscode from 'vscode';
import { checkDownloadUrl, validFor } from '../cloud/downloadUrls';
import type { Backup } from '../cloud/models';
import { ResourceNode } from '../explorer/resourceNode';
import { isBackupNode } from './copyBackupId';
import { targetNode, type CommandDeps } from './command';
import { inertText } from './inertText';

type UrlField = 'downloadUrl' | 'intranetDownloadUrl';

/** Seconds of validity a copied URL should still have: enough to paste it and start a download. */
const MIN_VALIDITY_S = 120;

/**
 * Copies a backup's download URL. A signed URL that has expired (or nearly) is fetched anew by BackupId first.
 * Only http(s) URLs are copied. The confirmation names the backup, never the URL.
 */
export async function copyUrl(deps: CommandDeps, arg: unknown, field: UrlField): Promise<void> {
  const node = targetNode(deps, arg, isBackupNode);
  if (!node) return;
  let backup: Backup = node.backup;
  let url = backup[field];
  let check = url === undefined ? undefined : checkDownloadUrl(url);
  if (check?.usable && !validFor(check, MIN_VALIDITY_S) && node.parent instanceof ResourceNode) {
    const resource = node.parent;
    const fresh = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Renewing the download URL…') }, () =>
      resource.fetchBackup(backup.id),
    );
    if (fresh) {
      node.backup = backup = fresh;
      url = fresh[field];
      check = url === undefined ? undefined : checkDownloadUrl(url);
      deps.log.info(`Download URL of backup ${backup.id} had expired; fetched it again.`);
    }
  }
  // Backup IDs come from the API: they stay out of notifications, which render links.
  if (!url || !check) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This backup has no download URL.'));
    return;
  }
  if (!check.usable) {
    deps.log.warn(`The download URL of backup ${backup.id} was not copied: ${check.reason === 'scheme' ? 'not an http(s) URL' : 'not a valid URL'}.`);
    void vscode.window.showWarningMessage(vscode.l10n.t('The download URL of this backup is not a valid http(s) address, so it was not copied.'));
    return;
  }
  await vscode.env.clipboard.writeText(url);
  const id = inertText(backup.id);
  const message = field === 'downloadUrl' ? vscode.l10n.t('Copied the download URL of backup {0}', id) : vscode.l10n.t('Copied the intranet download URL of backup {0}', id);
  vscode.window.setStatusBarMessage(message, 4000);
}
