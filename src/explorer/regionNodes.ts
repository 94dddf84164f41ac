import * as vscode from 'vscode';
import type { Region } from '../cloud/models';
import { productRegions, servedRegions } from '../account/regions';
import { shownProducts } from '../config';
import type { ProductEntry } from '../products/catalog';
import { ChildList, singlePage } from './childList';
import { MessageNode } from './messageNodes';
import type { ExplorerContext, ExplorerNode } from './node';
import { collapsedItem } from './parentNode';
import { ProductNode } from './productNode';

/** One region: the products that serve it, each expanding on its own. */
export class RegionNode implements ExplorerNode {
  readonly id: string;
  private productNodes: ExplorerNode[] | undefined;

  constructor(
    readonly parent: ExplorerNode,
    private readonly ctx: ExplorerContext,
    readonly region: Region,
    private readonly products: readonly ProductEntry[],
  ) {
    this.id = `region/${region.id}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = collapsedItem(this.region.id, this.id);
    item.description = this.region.name;
    item.iconPath = new vscode.ThemeIcon('globe');
    item.contextValue = 'region refreshable';
    return item;
  }

  async getChildren(): Promise<ExplorerNode[]> {
    this.productNodes ??= this.products.map((p) => new ProductNode(this, this.ctx, p, this.region.id));
    return this.productNodes;
  }

  reset(): void {
    for (const node of this.productNodes ?? []) node.reset?.();
    this.productNodes = undefined;
  }
}

/**
 * The invisible root: asks every product for its regions in parallel and shows the regions to browse (the
 * `regions` setting, or all of them). A product whose region list fails shows an error row; the others work.
 */
export class RegionsRoot implements ExplorerNode {
  readonly id = 'root';
  private lists: Array<[ProductEntry, ChildList<Region>]> | undefined;
  private readonly regionNodes = new Map<string, RegionNode>();

  constructor(private readonly ctx: ExplorerContext) {}

  getTreeItem(): vscode.TreeItem {
    return new vscode.TreeItem('root');
  }

  async getChildren(): Promise<ExplorerNode[]> {
    this.lists ??= shownProducts(this.ctx.settings).map((p) => [
      p,
      new ChildList<Region>(this, this.ctx, { product: p.id, action: 'DescribeRegions' }, singlePage((signal) => productRegions(this.ctx.client, p, signal)), undefined, p.id),
    ]);
    await Promise.all(this.lists.map(([, list]) => list.ensureLoaded()));
    const served = new Map(servedRegions(this.lists.map(([product, list]) => [product, list.items] as const)).map((s) => [s.region.id, s]));
    const errors = this.lists.flatMap(([, list]) => list.render());
    const wanted = this.ctx.settings.regions.length > 0 ? this.ctx.settings.regions : [...served.keys()].sort();
    const rows: ExplorerNode[] = [...errors];
    for (const id of wanted) {
      const entry = served.get(id);
      if (entry) rows.push(this.regionNode(entry.region, entry.products));
      else if (errors.length === 0) rows.push(new MessageNode(`unknown/${id}`, this, vscode.l10n.t('Region "{0}" is not served by any of the products: check the alibabaCloudBackups.regions setting', id), 'warning'));
    }
    if (rows.length === 0) rows.push(new MessageNode('no-regions', this, vscode.l10n.t('No regions'), 'info'));
    return rows;
  }

  reset(): void {
    for (const [, list] of this.lists ?? []) list.reset();
    this.lists = undefined;
    this.regionNodes.clear();
  }

  private regionNode(region: Region, products: ProductEntry[]): RegionNode {
    const key = `${region.id}:${products.map((p) => p.id).join(',')}`;
    let node = this.regionNodes.get(key);
    if (!node) {
      node = new RegionNode(this, this.ctx, region, products);
      this.regionNodes.set(key, node);
    }
    return node;
  }
}
