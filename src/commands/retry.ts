import { ErrorNode } from '../explorer/messageNodes';
import type { ExplorerCommand } from './command';

/** Tries a failed load again (clicking its error row). */
export const retry: ExplorerCommand = {
  id: 'alibabaCloudBackups.retry',
  run: (_deps, node?: unknown) => {
    if (node instanceof ErrorNode) node.retry();
  },
};
