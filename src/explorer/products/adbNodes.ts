import * as vscode from 'vscode';
import { adbBackups, adbClusters, adbProduct, adbRegions } from '../../cloud/adb';
import type { Resource } from '../../cloud/models';
import { ChildList, listLoader } from '../childList';
import { ResourceNode } from '../resourceNode';
import { ProductNode, type ProductExplorer } from './productExplorer';

/** AnalyticDB for MySQL: clusters, each with its backups. */
export const adbExplorer: ProductExplorer = {
  product: adbProduct,
  regions: adbRegions,
  title: () => vscode.l10n.t('AnalyticDB for MySQL'),
  createNode: (parent, region, ctx) =>
    new ProductNode(parent, ctx, adbExplorer, vscode.l10n.t('No clusters'), (node) => [
      new ChildList<Resource>(node, ctx, { product: 'adb', action: adbClusters.action }, listLoader(ctx, adbClusters, { region }), (cluster) =>
        new ResourceNode(node, ctx, cluster, {
          action: adbBackups.action,
          loader: (filter) => listLoader(ctx, adbBackups, { region, clusterId: cluster.id, filter }),
        }),
      ) as ChildList<unknown>,
    ]),
};
