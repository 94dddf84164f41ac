import { LoadMoreNode } from '../explorer/messageNodes';
import type { ExplorerCommand } from './command';

/** Fetches the next page of the list a Load more… row ends. */
export const loadMore: ExplorerCommand = {
  id: 'alibabaCloudBackups.loadMore',
  run: (_deps, node?: unknown) => {
    if (node instanceof LoadMoreNode) node.loadMore();
  },
};
