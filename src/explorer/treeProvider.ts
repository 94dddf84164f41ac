import * as vscode from 'vscode';
import type { Session } from '../session';
import { redact } from '../cloud/redact';
import { MessageNode } from './messageNodes';
import type { ExplorerNode } from './node';
import { RegionsRoot } from './regionNodes';

/** Feeds the Backups view: the sign-in state at the top, then regions and everything below them. */
export class BackupTreeProvider implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly emitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  readonly root: RegionsRoot;
  /** Set once the view knows who is signed in, for the view's description. */
  onDidResolveCredentials: (label: string | undefined) => void = () => undefined;

  constructor(private readonly session: Session) {
    this.root = new RegionsRoot(session);
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
      const found = await this.session.connect();
      await vscode.commands.executeCommand('setContext', 'alibabaCloudBackups.noCredentials', !found);
      this.onDidResolveCredentials(this.session.credentialsLabel);
      // No credentials: an empty tree lets the welcome view offer Set Access Key….
      return found ? await this.root.getChildren() : [];
    } catch (err) {
      const message = redact(err instanceof Error ? err.message : String(err));
      return [new MessageNode(`${node?.id ?? 'root'}#failed`, node, message, 'error')];
    }
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
