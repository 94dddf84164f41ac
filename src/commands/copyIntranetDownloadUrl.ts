import type { ExplorerCommand } from './command';
import { copyUrl } from './downloadUrl';

export const copyIntranetDownloadUrl: ExplorerCommand = {
  id: 'alibabaCloudBackups.copyIntranetDownloadUrl',
  run: (deps, arg?: unknown) => copyUrl(deps, arg, 'intranetDownloadUrl'),
};
