import type { ExplorerCommand } from './command';

export const showLog: ExplorerCommand = {
  id: 'alibabaCloudBackups.showLog',
  run: ({ log }) => log.show(true),
};
