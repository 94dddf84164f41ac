import type { Resource } from '../cloud/models';
import { DetailsPanel } from '../webview/detailsPanel';
import { HealthPanel } from '../webview/healthPanel';
import type { ExplorerCommand } from './command';
import { loadPolicy } from './detailsTarget';

/** Show Backup Health: one panel judging every resource of the chosen regions and products; each run scans anew. */
export const showHealth: ExplorerCommand = {
  id: 'alibabaCloudBackups.showHealth',
  run: (deps) =>
    HealthPanel.show(deps, (resource: Resource) => {
      // A click on a row: revealResource (src/explorer/reveal.ts) is where this joins the tree; the details show meanwhile.
      const subject = { kind: 'resource' as const, resource };
      DetailsPanel.show(deps.extensionUri, subject);
      void loadPolicy(deps, subject);
    }),
};
