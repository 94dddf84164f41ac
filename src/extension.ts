import * as vscode from 'vscode';

// Skeleton: the explorer and commands are wired in as they land.
export function activate(context: vscode.ExtensionContext): void {
  const started = Date.now();
  const log = vscode.window.createOutputChannel('Alibaba Cloud Backups', { log: true });
  context.subscriptions.push(log);
  const ids = ['refresh', 'signIn', 'signOut', 'selectRegions', 'copyBackupId', 'copyDownloadUrl', 'copyIntranetDownloadUrl', 'showDetails'];
  for (const id of ids) {
    context.subscriptions.push(vscode.commands.registerCommand(`alibabaCloudBackups.${id}`, () => undefined));
  }
  context.subscriptions.push(vscode.commands.registerCommand('alibabaCloudBackups.showLog', () => log.show()));
  const tree = vscode.window.createTreeView('alibabaCloudBackups.explorer', {
    treeDataProvider: { getTreeItem: (e: vscode.TreeItem) => e, getChildren: () => [new vscode.TreeItem('Loading…')] },
  });
  context.subscriptions.push(tree);
  log.info(`activated in ${Date.now() - started} ms`);
}

export function deactivate(): void {}
