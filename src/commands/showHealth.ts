import type { Resource } from '../cloud/models';
import { revealResource } from '../explorer/reveal';
import { HealthPanel } from '../webview/healthPanel';
import type { ExplorerCommand } from './command';

/** Show Backup Health: one panel judging every resource of the chosen regions and products; each run scans anew. */
export const showHealth: ExplorerCommand = {
  id: 'alibabaCloudBackups.showHealth',
  // A click on a row reveals the resource in the tree (and opens its details), as Find by ID… does.
  run: (deps) => HealthPanel.show(deps, (resource: Resource) => void revealResource(deps, resource)),
};
