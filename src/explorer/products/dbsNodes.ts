import * as vscode from 'vscode';
import { dbsFullBackups, dbsPlans, dbsProduct, dbsRegions } from '../../cloud/dbs';
import type { Resource } from '../../cloud/models';
import { ChildList, listLoader } from '../childList';
import { ResourceNode } from '../resourceNode';
import { ProductNode, type ProductExplorer } from './productExplorer';

/** DBS: backup plans, each with its full backup jobs. */
export const dbsExplorer: ProductExplorer = {
  product: dbsProduct,
  regions: dbsRegions,
  title: () => vscode.l10n.t('DBS Backup Plans'),
  createNode: (parent, region, ctx) =>
    new ProductNode(parent, ctx, dbsExplorer, vscode.l10n.t('No backup plans'), (node) => [
      new ChildList<Resource>(node, ctx, { product: 'dbs', action: dbsPlans.action }, listLoader(ctx, dbsPlans, { region }), (plan) =>
        new ResourceNode(node, ctx, plan, {
          action: dbsFullBackups.action,
          loader: (filter) => listLoader(ctx, dbsFullBackups, { region, planId: plan.id, filter }),
        }),
      ) as ChildList<unknown>,
    ]),
};
