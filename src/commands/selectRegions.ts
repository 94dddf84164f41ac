import * as vscode from 'vscode';
import type { Region } from '../cloud/models';
import { listRegions } from '../cloud/regions';
import { SECTION } from '../config';
import { PRODUCT_EXPLORERS } from '../explorer/products';
import type { ExplorerCommand } from './command';
import { inertText } from './inertText';

/** Select Regions…: pick from the regions the products report; the choice is saved to the `regions` setting. */
export const selectRegions: ExplorerCommand = {
  id: 'alibabaCloudBackups.selectRegions',
  run: async ({ session, log }) => {
    if (!(await session.connect())) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Set an AccessKey first: regions are listed by the cloud.'));
      return;
    }
    const found = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Listing regions…') }, () =>
      Promise.allSettled(PRODUCT_EXPLORERS.map((p) => listRegions(session.client, p.regions))),
    );
    const regions = new Map<string, Region>();
    for (const result of found) {
      if (result.status === 'rejected') log.warn(`Listing regions failed: ${String(result.reason)}`);
      else for (const r of result.value) if (!regions.get(r.id)?.name) regions.set(r.id, r);
    }
    const chosen = new Set(session.settings.regions);
    const items = [...regions.values()]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((r) => ({ label: r.id, description: r.name === undefined ? undefined : inertText(r.name), picked: chosen.has(r.id) }));
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Regions to show (none: all)'),
      canPickMany: true,
      matchOnDescription: true,
    });
    if (!picked) return;
    await vscode.workspace.getConfiguration(SECTION).update('regions', picked.map((p) => p.label), vscode.ConfigurationTarget.Global);
  },
};
