import { isResourceNode } from './filterBackups';
import { targetNode, type ExplorerCommand } from './command';

export const clearFilter: ExplorerCommand = {
  id: 'alibabaCloudBackups.clearFilter',
  run: (deps, arg?: unknown) => targetNode(deps, arg, isResourceNode)?.setFilter(undefined),
};
