import type { ExplorerNode } from '../explorer/node';
import type { ExplorerCommand } from './command';

/** Refresh: the whole tree from the title bar or palette, one node from its inline button. */
export const refresh: ExplorerCommand = {
  id: 'alibabaCloudBackups.refresh',
  run: ({ provider }, node?: unknown) => {
    const target = node && typeof node === 'object' && 'getTreeItem' in node ? (node as ExplorerNode) : undefined;
    provider.refresh(target);
  },
};
