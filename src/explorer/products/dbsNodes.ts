import * as vscode from 'vscode';
import { dbsFullBackups, dbsPlans, dbsProduct, dbsRegions } from '../../cloud/dbs';
import { resourceListProduct } from './productExplorer';

/** DBS: backup plans, each with its full backup jobs. */
export const dbsExplorer = resourceListProduct({
  product: dbsProduct,
  regions: dbsRegions,
  title: () => vscode.l10n.t('DBS Backup Plans'),
  emptyLabel: () => vscode.l10n.t('No backup plans'),
  resources: dbsPlans,
  resourceScope: (region) => ({ region }),
  backups: dbsFullBackups,
  backupScope: (region, plan, filter) => ({ region, planId: plan.id, filter }),
});
