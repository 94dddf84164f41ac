import { openAsJson as openJsonDocument } from '../webview/jsonDocument';
import { detailsSubject } from './detailsTarget';
import type { ExplorerCommand } from './command';

/** Open as JSON: the raw API object (signatures removed) in VS Code's own read-only editor. */
export const openAsJson: ExplorerCommand = {
  id: 'alibabaCloudBackups.openAsJson',
  run: async (deps, arg?: unknown) => {
    const subject = detailsSubject(deps, arg);
    if (subject) await openJsonDocument(subject);
  },
};
