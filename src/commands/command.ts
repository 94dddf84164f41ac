import * as vscode from 'vscode';
import type { CredentialService } from '../auth/credentialService';
import type { ExplorerNode } from '../explorer/node';
import type { BackupTreeProvider } from '../explorer/treeProvider';
import type { Session } from '../session';

/** What every command may use; commands get it handed, they build nothing of their own. */
export interface CommandDeps {
  extensionUri: vscode.Uri;
  session: Session;
  provider: BackupTreeProvider;
  tree: vscode.TreeView<ExplorerNode>;
  credentials: CredentialService;
  log: vscode.LogOutputChannel;
}

export interface ExplorerCommand {
  id: string;
  run(deps: CommandDeps, ...args: unknown[]): unknown;
}

/**
 * The node a command acts on: the one it was invoked on (context menu, inline button, click), else the
 * selected one, so keyboard users can run it from the palette.
 */
export function targetNode<T extends ExplorerNode>(deps: CommandDeps, arg: unknown, is: (node: ExplorerNode) => node is T): T | undefined {
  if (arg && typeof arg === 'object' && is(arg as ExplorerNode)) return arg as T;
  const selected = deps.tree.selection.find(is);
  if (!selected) void vscode.window.showInformationMessage(vscode.l10n.t('Select a row in the Backups view that this command applies to, then run it again.'));
  return selected;
}
