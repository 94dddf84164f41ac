// The whole-account scan, seen through the product's own walk (src/account/walk.ts): both sides of the scan figure
// run it, only the client, the page size and the concurrency differ. What it emits becomes a census, enough to
// check what the walk cost and to predict what another page size would cost for the same account.
import { walkAccount, type WalkOptions } from '../../src/account/walk';
import type { CloudClient } from '../../src/cloud/client';
import type { Resource } from '../../src/cloud/models';
import type { ProductEntry } from '../../src/products/catalog';

/** What a walk saw. */
export interface Census {
  /** DescribeRegions calls: one per API version a product answers. */
  regionLists: number;
  /** Regions at least one product serves. */
  regions: number;
  /** Item count of every resource listing read whole (all pages). */
  resourceListings: number[];
  /** Resources visited, sub-resources (shard nodes) included. */
  resources: number;
  /** Of those, the ones found under another resource. */
  subResources: number;
  /** First pages asked for under resources: their backup listings, and the lookups of their sub-resources. */
  backupListings: number;
  /** Most steps read one after another for one resource, its parents' included (shard lookup → shard backups). */
  listingChain: number;
  /** Every failure event, as text. */
  failures: string[];
}

const key = (r: Pick<Resource, 'product' | 'id'>): string => `${r.product}/${r.id}`;

/** Runs the account walk to the end and counts what it reports. */
export async function walkCensus(client: CloudClient, products: readonly ProductEntry[], options: WalkOptions): Promise<Census> {
  const served = new Set<string>();
  // Listings per resource, and its parent: the chain is only known once both ends have reported.
  const resources = new Map<string, { listings: number; parent?: string }>();
  const census: Census = {
    regionLists: products.reduce((sum, p) => sum + p.regions.length, 0),
    regions: 0,
    resourceListings: [],
    resources: 0,
    subResources: 0,
    backupListings: 0,
    listingChain: 0,
    failures: [],
  };
  for await (const event of walkAccount(client, products, options)) {
    if (event.type === 'regions') {
      for (const region of event.regions) served.add(region.id);
    } else if (event.type === 'resources') {
      census.resourceListings.push(event.count);
    } else if (event.type === 'resource') {
      const { resource } = event;
      const parent = resource.parentId === undefined ? undefined : key({ product: resource.product, id: resource.parentId });
      resources.set(key(resource), { listings: event.listings, parent });
      census.backupListings += event.listings;
    } else {
      census.failures.push(`${event.product.id} ${event.region ?? event.resource?.id ?? ''}: ${event.error.code} ${event.error.message}`);
    }
  }
  census.regions = served.size;
  census.resources = resources.size;
  for (const [id, { parent }] of resources) {
    if (parent !== undefined) census.subResources++;
    let chain = 0;
    // A resource's own listings are read together: one step per level that has any.
    for (let at: string | undefined = id; at !== undefined; at = resources.get(at)?.parent) chain += (resources.get(at)?.listings ?? 0) > 0 ? 1 : 0;
    census.listingChain = Math.max(census.listingChain, chain);
  }
  return census;
}

const pagesOf = (items: number, pageSize: number): number => Math.max(1, Math.ceil(items / pageSize));

/** Requests a walk of this census costs at a page size: whole resource listings, one page of every other listing. */
export function requestsFor(census: Census, pageSize: number): number {
  const resourcePages = census.resourceListings.reduce((sum, n) => sum + pagesOf(n, pageSize), 0);
  return census.regionLists + resourcePages + census.backupListings;
}

/**
 * Requests that must follow one another: regions → every page of a resource listing → one step per level of
 * resources (a resource's listings are read together; a sharded cluster's shard lookup comes before each shard's
 * backups).
 */
export function chainDepth(census: Census, pageSize: number): number {
  return 1 + Math.max(1, ...census.resourceListings.map((n) => pagesOf(n, pageSize))) + census.listingChain;
}
