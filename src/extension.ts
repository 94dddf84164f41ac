import * as vscode from 'vscode';
import { CredentialService } from './auth/credentialService';
import { clearFilter } from './commands/clearFilter';
import type { CommandDeps, ExplorerCommand } from './commands/command';
import { copyBackupId } from './commands/copyBackupId';
import { copyDownloadUrl } from './commands/copyDownloadUrl';
import { copyIntranetDownloadUrl } from './commands/copyIntranetDownloadUrl';
import { filterBackups } from './commands/filterBackups';
import { loadMore } from './commands/loadMore';
import { openAsJson } from './commands/openAsJson';
import { refresh } from './commands/refresh';
import { retry } from './commands/retry';
import { selectRegions } from './commands/selectRegions';
import { showDetails } from './commands/showDetails';
import { showLog } from './commands/showLog';
import { signIn } from './commands/signIn';
import { signOut } from './commands/signOut';
import { SECTION } from './config';
import { VIEW_ID } from './explorer/node';
import { BackupTreeProvider } from './explorer/treeProvider';
import { Session } from './session';
import { DetailsPanel } from './webview/detailsPanel';
import { register as registerJsonDocuments } from './webview/jsonDocument';
import { detailsSubject } from './commands/detailsTarget';

const COMMANDS: readonly ExplorerCommand[] = [
  refresh, signIn, signOut, selectRegions, copyBackupId, copyDownloadUrl, copyIntranetDownloadUrl,
  showDetails, openAsJson, showLog, loadMore, retry, filterBackups, clearFilter,
];

/** What activate() hands to other extensions and to tests: how long it took, for the benchmark. */
export interface ExtensionApi {
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Alibaba Cloud Backups', { log: true });
  const credentials = new CredentialService(context.secrets);
  // The session reports changes only after activation, when `provider` exists.
  const session = new Session(credentials, log, (node) => provider.changed(node));
  const provider = new BackupTreeProvider(session);
  const tree = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  provider.onDidResolveCredentials = (label) => {
    tree.description = label;
  };

  const deps: CommandDeps = { extensionUri: context.extensionUri, session, provider, tree, credentials, log };
  const refreshAll = (): void => provider.refresh();
  context.subscriptions.push(
    log,
    tree,
    ...COMMANDS.map((c) => vscode.commands.registerCommand(c.id, (...args: unknown[]) => c.run(deps, ...args))),
    credentials.store.onDidChange(refreshAll),
    tree.onDidChangeSelection((e) => {
      const subject = e.selection.length === 1 ? detailsSubject(deps, e.selection[0]) : undefined;
      if (subject) DetailsPanel.update(subject);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) refreshAll();
    }),
  );
  registerJsonDocuments(context);
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs };
}

export function deactivate(): void {}
