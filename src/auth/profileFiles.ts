import * as path from 'path';
import * as vscode from 'vscode';
import { cliConfigPath } from '../cloud/cliProfiles';
import { credentialsFilePath } from '../cloud/credentialsFile';
import { listProfiles } from '../cloud/profiles';

/** Set when ~/.aliyun/config.json has profiles: the welcome view then offers to use one. */
const HAS_CLI_PROFILES = 'alibabaCloudBackups.hasCliProfiles';

/**
 * Watches the aliyun CLI config and the credentials file (both outside any workspace) and calls `onEdit` a moment
 * after they change, so an edited profile is read again without a Refresh. Editors write a file in bursts.
 */
export function watchProfileFiles(onEdit: () => void, useEcsMetadata: () => boolean): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      void updateProfilesContext(useEcsMetadata());
      onEdit();
    }, 300);
  };
  const disposables: vscode.Disposable[] = [];
  for (const file of [cliConfigPath(), credentialsFilePath()]) {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
    disposables.push(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
  }
  void updateProfilesContext(useEcsMetadata());
  return new vscode.Disposable(() => {
    clearTimeout(timer);
    for (const d of disposables) d.dispose();
  });
}

async function updateProfilesContext(useEcsMetadata: boolean): Promise<void> {
  const { cliProfiles } = await listProfiles(useEcsMetadata);
  await vscode.commands.executeCommand('setContext', HAS_CLI_PROFILES, cliProfiles.length > 0);
}
