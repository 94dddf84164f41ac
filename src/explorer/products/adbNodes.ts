import * as vscode from 'vscode';
import { adbBackups, adbClusters, adbProduct, adbRegions } from '../../cloud/adb';
import { resourceListProduct } from './productExplorer';

/** AnalyticDB for MySQL: clusters, each with its backups. */
export const adbExplorer = resourceListProduct({
  product: adbProduct,
  regions: adbRegions,
  title: () => vscode.l10n.t('AnalyticDB for MySQL'),
  emptyLabel: () => vscode.l10n.t('No clusters'),
  resources: adbClusters,
  resourceScope: (region) => ({ region }),
  backups: adbBackups,
  backupScope: (region, cluster, filter) => ({ region, clusterId: cluster.id, filter }),
});
