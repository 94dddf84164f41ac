import * as vscode from 'vscode';
import { productRegions, servedRegions } from '../account/regions';
import { SECTION, shownProducts } from '../config';
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
    const reports = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Listing regions…') }, () =>
      Promise.all(
        shownProducts(session.settings).map(async (p) => {
          try {
            return [p, await productRegions(session.client, p)] as const;
          } catch (err) {
            log.warn(`Listing regions of ${p.id} failed: ${String(err)}`);
            return [p, []] as const;
          }
        }),
      ),
    );
    const regions = servedRegions(reports).map((s) => s.region);
    const chosen = new Set(session.settings.regions);
    const items = regions.map((r) => ({ label: r.id, description: r.name === undefined ? undefined : inertText(r.name), picked: chosen.has(r.id) }));
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Regions to show (none: all)'),
      canPickMany: true,
      matchOnDescription: true,
    });
    if (!picked) return;
    await vscode.workspace.getConfiguration(SECTION).update('regions', picked.map((p) => p.label), vscode.ConfigurationTarget.Global);
  },
};
