import * as vscode from 'vscode';
import { ddsBackups, ddsInstances, ddsProduct, ddsRegions, describeShardNodes, type InstanceType } from '../../cloud/dds';
import type { Resource } from '../../cloud/models';
import { ChildList, listLoader, singlePage } from '../childList';
import { MessageNode } from '../messageNodes';
import type { ExplorerContext, ExplorerNode } from '../node';
import { ParentNode } from '../parentNode';
import { resourceIdentity, resourceItem, ResourceNode } from '../resourceNode';
import { ProductNode, type ProductExplorer } from './productExplorer';

/** A sharded cluster: its shard nodes, each listing its own backups (DescribeBackups with NodeId). */
class ShardedClusterNode extends ParentNode {
  private clusterBackups = false;

  constructor(
    parent: ExplorerNode,
    ctx: ExplorerContext,
    readonly resource: Resource,
    key = resource.id,
  ) {
    super(`${parent.id}/${key}`, parent, ctx);
  }

  getTreeItem(): vscode.TreeItem {
    return resourceItem(this.id, this.resource, ['resource', 'sharded']);
  }

  async getChildren(): Promise<ExplorerNode[]> {
    const children = await super.getChildren();
    if (!this.clusterBackups) return children;
    const note = vscode.l10n.t('This cluster keeps cluster backups, which DescribeBackups does not list');
    return [new MessageNode(`${this.id}#clusterBackup`, this, note, 'warning'), ...children];
  }

  protected createLists(): ChildList<unknown>[] {
    const { region, id } = this.resource;
    const shards = singlePage(async (signal) => {
      const found = await describeShardNodes(this.ctx.client, region, id, signal);
      this.clusterBackups = found.usesClusterBackup;
      return found.nodes;
    });
    const list = new ChildList<Resource>(
      this,
      this.ctx,
      { product: 'dds', action: 'DescribeDBInstanceAttribute' },
      shards,
      (shard, key) =>
        new ResourceNode(
          this,
          this.ctx,
          shard,
          { action: ddsBackups.action, loader: (filter) => listLoader(this.ctx, ddsBackups, { region, instanceId: id, nodeId: shard.id, filter }) },
          key,
        ),
      undefined,
      resourceIdentity,
    );
    return [list as ChildList<unknown>];
  }

  protected emptyLabel(): string {
    return vscode.l10n.t('No shard nodes');
  }
}

/** ApsaraDB for MongoDB: replica sets and sharded clusters, listed by two calls made in parallel. */
export const ddsExplorer: ProductExplorer = {
  product: ddsProduct,
  regions: ddsRegions,
  title: () => vscode.l10n.t('ApsaraDB for MongoDB'),
  createNode: (parent, region, ctx) =>
    new ProductNode(parent, ctx, ddsExplorer, vscode.l10n.t('No instances'), (node) =>
      (['replicate', 'sharding'] as InstanceType[]).map(
        (type) =>
          new ChildList<Resource>(
            node,
            ctx,
            { product: 'dds', action: ddsInstances.action },
            listLoader(ctx, ddsInstances, { region, type }),
            (instance, key) =>
              type === 'sharding'
                ? new ShardedClusterNode(node, ctx, instance, key)
                : new ResourceNode(
                    node,
                    ctx,
                    instance,
                    { action: ddsBackups.action, loader: (filter) => listLoader(ctx, ddsBackups, { region, instanceId: instance.id, filter }) },
                    key,
                  ),
            type,
            resourceIdentity,
          ) as ChildList<unknown>,
      ),
    ),
};
