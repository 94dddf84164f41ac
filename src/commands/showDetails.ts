import { DetailsPanel } from '../webview/detailsPanel';
import { detailsSubject, loadDetails } from './detailsTarget';
import type { ExplorerCommand } from './command';

/** Show Details: the normalised fields and the raw API JSON in the one reused details panel. */
export const showDetails: ExplorerCommand = {
  id: 'alibabaCloudBackups.showDetails',
  run: (deps, arg?: unknown) => {
    const subject = detailsSubject(deps, arg);
    if (!subject) return;
    DetailsPanel.show(deps.extensionUri, subject);
    void loadDetails(deps, subject);
  },
};
