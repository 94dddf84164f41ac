import * as vscode from 'vscode';
import { CredentialService } from './auth/credentialService';
import { IdentityStatusItem } from './auth/identityStatus';
import { watchProfileFiles } from './auth/profileFiles';
import { ProfileStore } from './auth/profileStore';
import { clearFilter } from './commands/clearFilter';
import type { CommandDeps, ExplorerCommand } from './commands/command';
import { copyBackupId } from './commands/copyBackupId';
import { copyDownloadUrl } from './commands/copyDownloadUrl';
import { copyIntranetDownloadUrl } from './commands/copyIntranetDownloadUrl';
import { exportBackups } from './commands/exportBackups';
import { downloadBackup } from './commands/downloadBackup';
import { filterBackups } from './commands/filterBackups';
import { findById } from './commands/findById';
import { loadMore } from './commands/loadMore';
import { openAsJson } from './commands/openAsJson';
import { refresh } from './commands/refresh';
import { retry } from './commands/retry';
import { selectProducts } from './commands/selectProducts';
import { selectRegions } from './commands/selectRegions';
import { showDetails } from './commands/showDetails';
import { showHealth } from './commands/showHealth';
import { showLog } from './commands/showLog';
import { signIn } from './commands/signIn';
import { signOut } from './commands/signOut';
import { switchProfile } from './commands/switchProfile';
import { SECTION } from './config';
import { VIEW_ID } from './explorer/node';
import { BackupTreeProvider } from './explorer/treeProvider';
import { redactingLog } from './redactingLog';
import { Session } from './session';
import { DetailsPanel } from './webview/detailsPanel';
import { HealthPanel } from './webview/healthPanel';
import { register as registerJsonDocuments } from './webview/jsonDocument';
import { loadDetails, subjectOf } from './commands/detailsTarget';

const COMMANDS: readonly ExplorerCommand[] = [
  refresh, signIn, signOut, selectRegions, selectProducts, copyBackupId, copyDownloadUrl, copyIntranetDownloadUrl,
  showDetails, openAsJson, showLog, loadMore, retry, filterBackups, clearFilter,
  findById,
  exportBackups,
  showHealth,
  downloadBackup,
  switchProfile,
];

/** What activate() hands to other extensions and to tests: how long it took, for the benchmark. */
export interface ExtensionApi {
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const channel = vscode.window.createOutputChannel('Alibaba Cloud Backups', { log: true });
  const log = redactingLog(channel);
  const profiles = new ProfileStore(context.globalState);
  const credentials = new CredentialService(context.secrets, profiles);
  const session = new Session(credentials, log);
  const provider = new BackupTreeProvider(session, log);
  const tree = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  provider.onDidChangeStatus = ({ description, message }) => {
    tree.description = description;
    // A plain string: the view renders it as text, so a reason quoting anything stays inert.
    tree.message = message;
  };

  const identityItem = new IdentityStatusItem(session);
  // Right after activation, not in it: the lookup reads settings and profile files, which activation need not wait for.
  setTimeout(() => identityItem.follow(), 0);

  const deps: CommandDeps = { extensionUri: context.extensionUri, session, provider, tree, credentials, log };
  // A setting (the ECS lookup) may change who signs too.
  const refreshAll = (): void => {
    provider.refresh();
    identityItem.follow();
  };
  // Another identity may sign now: the tree reloads (its loads in flight are cancelled and their late answers
  // dropped), the status bar follows even while the view is hidden, and what the panels show about the old
  // identity goes.
  const identityChanged = (): void => {
    refreshAll();
    HealthPanel.forgetScan(tree);
    DetailsPanel.close();
  };
  context.subscriptions.push(
    channel,
    tree,
    identityItem,
    profiles,
    ...COMMANDS.map((c) => vscode.commands.registerCommand(c.id, (...args: unknown[]) => runCommand(c, deps, args))),
    credentials.store.onDidChange(identityChanged),
    profiles.onDidChange(identityChanged),
    watchProfileFiles(identityChanged, () => session.settings.useEcsMetadata),
    tree.onDidChangeSelection((e) => {
      // Selecting a region, product, Load more or error row is not a request for details: stay silent.
      const subject = e.selection.length === 1 ? subjectOf(e.selection[0]) : undefined;
      if (subject && DetailsPanel.update(subject)) void loadDetails(deps, subject);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION) || e.affectsConfiguration('http')) refreshAll();
    }),
  );
  registerJsonDocuments(context);
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs };
}

/**
 * Runs a command so that a failure is said in our words: VS Code would otherwise show the error's own message
 * in a notification, which renders links, and the message may quote a response. The details go to the log.
 */
async function runCommand(command: ExplorerCommand, deps: CommandDeps, args: unknown[]): Promise<unknown> {
  try {
    return await command.run(deps, ...args);
  } catch (err) {
    deps.log.error(`${command.id} failed: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window.showErrorMessage(vscode.l10n.t('The command failed. The log has the details.'), showLog).then((choice) => {
      if (choice === showLog) deps.log.show(true);
    });
    return undefined;
  }
}

export function deactivate(): void {}
