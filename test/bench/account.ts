// The whole-account walk both sides of the scan figure share: what is listed under what, mirroring
// src/explorer/products/*.ts and RegionsRoot. How each listing is fetched, and whether siblings load together or
// one after another, is the Fetcher's business.
import { adbBackups, adbClusters, adbRegions } from '../../src/products/adb';
import { dbsFullBackups, dbsPlans, dbsRegions } from '../../src/products/dbs';
import { ddsBackups, ddsInstances, ddsRegions, type InstanceType } from '../../src/products/dds';
import type { Backup, Region, Resource } from '../../src/cloud/models';
import type { ListAction } from '../../src/cloud/paging';
import type { RegionsAction } from '../../src/cloud/regions';
import type { ProductId } from '../../src/cloud/types';

/** A listing bound to its scope. `open` hands both to code generic in the scope type, so neither needs a cast. */
export interface Listing<Item> {
  readonly product: ProductId;
  readonly action: string;
  open<R>(use: <Scope>(list: ListAction<Scope, Item>, scope: Scope) => R): R;
}

export function listing<Scope, Item>(list: ListAction<Scope, Item>, scope: Scope): Listing<Item> {
  return { product: list.product.id, action: list.action, open: (use) => use(list, scope) };
}

/** One product under a region, as its ProductExplorer builds it. */
export interface ProductPlan {
  readonly regions: RegionsAction;
  /** The listings of the product node (MongoDB: replica sets and sharded clusters, loaded together). */
  resources(region: string): Listing<Resource>[];
  /** The backups of a cluster, replica set, shard node or plan. */
  backups(owner: Resource): Listing<Backup>;
}

export const PLANS: readonly ProductPlan[] = [
  {
    regions: adbRegions,
    resources: (region) => [listing(adbClusters, { region })],
    backups: (r) => listing(adbBackups, { region: r.region, clusterId: r.id }),
  },
  {
    regions: ddsRegions,
    resources: (region) => (['replicate', 'sharding'] as InstanceType[]).map((type) => listing(ddsInstances, { region, type })),
    backups: (r) =>
      r.kind === 'ddsShardNode'
        ? listing(ddsBackups, { region: r.region, instanceId: r.parentId ?? '', nodeId: r.id })
        : listing(ddsBackups, { region: r.region, instanceId: r.id }),
  },
  {
    regions: dbsRegions,
    resources: (region) => [listing(dbsPlans, { region })],
    backups: (r) => listing(dbsFullBackups, { region: r.region, planId: r.id }),
  },
];

export interface Fetcher {
  regions(plan: ProductPlan): Promise<Region[]>;
  /** Every page of a resource listing (in the tree: the first page, then Load more until done). */
  resources(list: Listing<Resource>): Promise<Resource[]>;
  /** The shard nodes of a sharded MongoDB cluster (DescribeDBInstanceAttribute). */
  shardNodes(cluster: Resource): Promise<Resource[]>;
  /** The first page of backups. */
  backups(list: Listing<Backup>): Promise<Backup[]>;
  /** Visits siblings: all at once (the tree) or one after another (the naive walk). */
  each<T>(items: readonly T[], visit: (item: T) => Promise<void>): Promise<void>;
  /** When true, the walk skips the regions it has not started (a capped naive walk). */
  enough?(): boolean;
}

/** What a walk saw: enough to predict the requests any page size costs. */
export interface Census {
  regionLists: number;
  regions: number;
  regionsWalked: number;
  /** Item count of every resource listing, all pages. */
  resourceListings: number[];
  shardLookups: number;
  backupListings: number;
  backupsShown: number;
}

/** Requests a walk of this census costs: whole resource listings, one page of each backup list. */
export function requestsFor(census: Census, pageSize: number): number {
  const resourcePages = census.resourceListings.reduce((sum, n) => sum + Math.max(1, Math.ceil(n / pageSize)), 0);
  return census.regionLists + resourcePages + census.shardLookups + census.backupListings;
}

/** Requests that must follow one another: regions → resources → (shard nodes →) backups. */
export function chainDepth(census: Census): number {
  return census.shardLookups > 0 ? 4 : 3;
}

/** Every region × product × resource × first page of backups. Regions are walked in RegionsRoot's order. */
export async function walkAccount(f: Fetcher): Promise<Census> {
  const census: Census = { regionLists: PLANS.length, regions: 0, regionsWalked: 0, resourceListings: [], shardLookups: 0, backupListings: 0, backupsShown: 0 };
  const served = new Map<string, ProductPlan[]>();
  await f.each(PLANS, async (plan) => {
    for (const region of await f.regions(plan)) served.set(region.id, [...(served.get(region.id) ?? []), plan]);
  });
  census.regions = served.size;
  await f.each([...served.keys()].sort(), async (region) => {
    if (f.enough?.()) return;
    census.regionsWalked++;
    await f.each(served.get(region) ?? [], async (plan) => {
      // A product node shows its children once all its listings are in (ParentNode.getChildren).
      const resources: Resource[] = [];
      await f.each(plan.resources(region), async (list) => {
        const found = await f.resources(list);
        census.resourceListings.push(found.length);
        resources.push(...found);
      });
      await f.each(resources, async (resource) => {
        let owners = [resource];
        if (resource.kind === 'ddsShardedCluster') {
          census.shardLookups++;
          owners = await f.shardNodes(resource);
        }
        await f.each(owners, async (owner) => {
          const backups = await f.backups(plan.backups(owner));
          census.backupListings++;
          census.backupsShown += backups.length;
        });
      });
    });
  });
  return census;
}
