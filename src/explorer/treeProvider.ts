import * as vscode from 'vscode';
import type { Session } from '../session';
import { describeCredentialError } from '../auth/credentialService';
import { CredentialSourceError } from '../cloud/credentials';
import { redact } from '../cloud/redact';
import { MessageNode, statusRows } from './messageNodes';
import { VIEW_ID, type ExplorerContext, type ExplorerNode } from './node';
import { RegionsRoot } from './regionNodes';

/** The view's description (who signs, overrides) and its message (why the configured credentials fail). */
export interface ViewStatus {
  description?: string;
  message?: string;
}

/** Feeds the Backups view: the sign-in state at the top, then regions and everything below them. */
export class BackupTreeProvider implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly emitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly root: RegionsRoot;
  /** Told what the view's description and message should say once the root has loaded (or failed to). */
  onDidChangeStatus: (status: ViewStatus) => void = () => undefined;

  constructor(
    private readonly session: Session,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // The tree side of the nodes' context is this provider's own, so nothing is wired up after construction.
    const context: ExplorerContext = {
      get client() {
        return session.client;
      },
      get settings() {
        return session.settings;
      },
      changed: (node) => this.changed(node),
      withProgress: (task) => Promise.resolve(vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => task)),
      rows: statusRows,
    };
    this.root = new RegionsRoot(context);
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent === this.root ? undefined : node.parent;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    try {
      if (node) return (await node.getChildren?.()) ?? [];
      const found = await this.connect();
      this.onDidChangeStatus({ description: this.session.description, message: found === 'failed' ? this.credentialProblem : undefined });
      // No credentials, or failing ones: an empty tree, where the welcome view or the message says what to do.
      return found === 'connected' ? await this.root.getChildren() : [];
    } catch (err) {
      const message = redact(err instanceof Error ? err.message : String(err));
      return [new MessageNode(`${node?.id ?? 'root'}#failed`, node, message, 'error')];
    }
  }

  private credentialProblem: string | undefined;

  /**
   * Connects. Nothing configured shows the welcome view; a configured source that fails is never skipped: the
   * view's message names it with the reason (VS Code shows a message in place of the welcome view).
   */
  private async connect(): Promise<'connected' | 'none' | 'failed'> {
    let state: 'connected' | 'none' | 'failed';
    try {
      state = (await this.session.connect()) ? 'connected' : 'none';
      this.credentialProblem = undefined;
    } catch (err) {
      if (!(err instanceof CredentialSourceError)) throw err;
      state = 'failed';
      this.credentialProblem = describeCredentialError(err);
      this.log.error(err.message);
    }
    await vscode.commands.executeCommand('setContext', 'alibabaCloudBackups.noCredentials', state === 'none');
    return state;
  }

  /** Reloads one node's children, or the whole tree (cancelling the loads it replaces). */
  refresh(node?: ExplorerNode): void {
    if (node && node !== this.root) {
      node.reset?.();
      this.emitter.fire(node);
      return;
    }
    this.root.reset();
    this.session.disconnect();
    this.emitter.fire(undefined);
  }

  /** Redraws a node without dropping what it has loaded. */
  changed(node?: ExplorerNode): void {
    this.emitter.fire(node === this.root ? undefined : node);
  }
}
