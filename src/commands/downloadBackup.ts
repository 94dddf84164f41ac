import * as os from 'os';
import * as vscode from 'vscode';
import type { Backup } from '../cloud/models';
import { backupUrlSource, expectedFileBytes, listAgain, type BackupPlace, type UrlField } from '../download/backupSource';
import { download } from '../download/downloader';
import { DownloadError } from '../download/downloadError';
import { suggestedFileName } from '../download/fileName';
import { BackupNode } from '../explorer/backupNode';
import type { ExplorerNode } from '../explorer/node';
import { ResourceNode } from '../explorer/resourceNode';
import { isBackupNode } from './copyBackupId';
import { targetNode, type CommandDeps, type ExplorerCommand } from './command';
import { doneText, failureText, progressText } from './downloadMessages';

/** Where the last download went, offered again for the next one in this session. */
let lastFolder: vscode.Uri | undefined;

export const downloadBackup: ExplorerCommand = {
  id: 'alibabaCloudBackups.downloadBackup',
  run: (deps, arg?: unknown) => run(deps, arg),
};

/**
 * Download Backup…: which URL (public or intranet, when both), where to save it, then the download with progress
 * in a cancellable notification. Everything said is our own words; the log has the backup ID and the path.
 */
async function run(deps: CommandDeps, arg: unknown): Promise<void> {
  const node = targetNode(deps, arg, isBackupNode);
  if (!node) return;
  const backup = node.backup;
  const field = await chooseUrl(backup);
  if (!field) return;
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(lastFolder ?? defaultFolder(), suggestedFileName(backup[field], backup.id)),
    saveLabel: vscode.l10n.t('Download'),
    title: vscode.l10n.t('Save Backup As'),
  });
  if (!target) return;
  if (target.scheme !== 'file') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Backups can only be saved to a folder on the machine the extension runs on.'));
    return;
  }
  lastFolder = vscode.Uri.joinPath(target, '..');
  const place = placeOf(node);
  const relist = async (current: Backup, signal: AbortSignal): Promise<Backup | undefined> => (place ? listAgain(deps.session.client, place, current, signal) : undefined);
  const renewed = (fresh: Backup): void => {
    node.backup = fresh;
    deps.log.info(`Download URL of backup ${backup.id} renewed.`);
  };
  deps.log.info(`Downloading backup ${backup.id} (${field === 'downloadUrl' ? 'public' : 'intranet'} URL) to ${target.fsPath}`);
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading backup'), cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const cancel = token.onCancellationRequested(() => abort.abort());
        let percent = 0;
        try {
          return await download({
            url: backupUrlSource(backup, field, relist, renewed),
            target: target.fsPath,
            signal: abort.signal,
            proxy: deps.session.proxy,
            expectedBytes: expectedFileBytes(backup),
            log: (line) => deps.log.info(`Backup ${backup.id}: ${line}`),
            onProgress: (p) => {
              const now = p.total ? Math.floor((100 * p.bytes) / p.total) : percent;
              progress.report({ message: progressText(p), increment: Math.max(0, now - percent) });
              percent = Math.max(percent, now);
            },
          });
        } finally {
          cancel.dispose();
        }
      },
    );
    deps.log.info(`Backup ${backup.id} downloaded to ${target.fsPath}: ${result.bytes} bytes, ${result.resumes} resumed, ${result.restarts} restarted, ${result.renewals} URL renewals.`);
    void vscode.window.showInformationMessage(doneText(result));
  } catch (err) {
    if (!(err instanceof DownloadError)) throw err;
    if (err.reason === 'cancelled') {
      deps.log.info(`Download of backup ${backup.id} cancelled.`);
      vscode.window.setStatusBarMessage(failureText(err), 5000);
      return;
    }
    deps.log.error(`Download of backup ${backup.id} failed: ${err.message}`);
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window.showErrorMessage(failureText(err), showLog).then((choice) => {
      if (choice === showLog) deps.log.show(true);
    });
  }
}

/** The URL to use: the only one there is, or the user's choice when there are both. */
async function chooseUrl(backup: Backup): Promise<UrlField | undefined> {
  if (!backup.downloadUrl && !backup.intranetDownloadUrl) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This backup has no download URL.'));
    return undefined;
  }
  if (!backup.intranetDownloadUrl) return 'downloadUrl';
  if (!backup.downloadUrl) return 'intranetDownloadUrl';
  const items: Array<vscode.QuickPickItem & { field: UrlField }> = [
    { label: vscode.l10n.t('Public URL'), field: 'downloadUrl' },
    { label: vscode.l10n.t('Intranet URL (only from inside the VPC)'), field: 'intranetDownloadUrl' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Download Backup'), placeHolder: vscode.l10n.t('Download through which URL?') });
  return picked?.field;
}

function defaultFolder(): vscode.Uri {
  const workspace = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return workspace?.uri ?? vscode.Uri.file(os.homedir());
}

/** The resource a backup was listed under and the ID the listing knows (a cluster backup's, for its parts). */
function placeOf(node: BackupNode): BackupPlace | undefined {
  let listed = node.backup;
  for (let at: ExplorerNode | undefined = node.parent; at; at = at.parent) {
    if (at instanceof ResourceNode) return { resource: at.resource, listedId: listed.id };
    if (at instanceof BackupNode) listed = at.backup;
  }
  return undefined;
}
