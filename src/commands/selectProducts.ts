import * as vscode from 'vscode';
import { SECTION } from '../config';
import { PRODUCTS } from '../products';
import { say } from '../products/catalog';
import type { ExplorerCommand } from './command';

/** Select Products…: which products the tree shows under each region; none picked means all. */
export const selectProducts: ExplorerCommand = {
  id: 'alibabaCloudBackups.selectProducts',
  run: async ({ session }) => {
    const chosen = new Set(session.settings.products);
    const items = PRODUCTS.map((p) => ({ label: say(p.title, vscode.l10n.t), description: p.id, id: p.id, picked: chosen.has(p.id) }));
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Products to show (none: all)'), canPickMany: true });
    if (!picked) return;
    // Every product picked is the same as none: keep the setting empty so products added later show too.
    const ids = picked.length === PRODUCTS.length ? [] : picked.map((p) => p.id);
    await vscode.workspace.getConfiguration(SECTION).update('products', ids, vscode.ConfigurationTarget.Global);
  },
};
