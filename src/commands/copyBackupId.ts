import * as vscode from 'vscode';
import { BackupNode } from '../explorer/backupNode';
import type { ExplorerNode } from '../explorer/node';
import { targetNode, type ExplorerCommand } from './command';
import { inertText } from './inertText';

export const isBackupNode = (node: ExplorerNode): node is BackupNode => node instanceof BackupNode;

export const copyBackupId: ExplorerCommand = {
  id: 'alibabaCloudBackups.copyBackupId',
  run: async (deps, arg?: unknown) => {
    const node = targetNode(deps, arg, isBackupNode);
    if (!node) return;
    await vscode.env.clipboard.writeText(node.backup.id);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied backup ID {0}', inertText(node.backup.id)), 3000);
  },
};
