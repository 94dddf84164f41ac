import type { ExplorerCommand } from './command';
import { copyUrl } from './downloadUrl';

export const copyDownloadUrl: ExplorerCommand = {
  id: 'alibabaCloudBackups.copyDownloadUrl',
  run: (deps, arg?: unknown) => copyUrl(deps, arg, 'downloadUrl'),
};
