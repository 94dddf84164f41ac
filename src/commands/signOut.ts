import * as vscode from 'vscode';
import type { ExplorerCommand } from './command';

/** Clears the stored AccessKey; the view falls back to the default chain or the welcome view. */
export const signOut: ExplorerCommand = {
  id: 'alibabaCloudBackups.signOut',
  run: async ({ credentials, log }) => {
    await credentials.store.clear();
    log.info('Stored AccessKey cleared.');
    vscode.window.setStatusBarMessage(vscode.l10n.t('Stored AccessKey cleared'), 4000);
  },
};
