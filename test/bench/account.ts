// The whole-account scan, seen through the product's own walk (src/account/walk.ts): both sides of the scan figure
// run it, only the client, the page size and the concurrency differ. What it emits becomes a census, enough to
// check what the walk cost and to predict what another page size would cost for the same account.
import { walkAccount, type WalkOptions } from '../../src/account/walk';
import type { CloudClient } from '../../src/cloud/client';
import type { Resource } from '../../src/cloud/models';
import type { ProductId } from '../../src/cloud/types';
import type { Listing, ProductEntry } from '../../src/products/catalog';

/**
 * Most resources a product's resource listing takes per page whatever the page size: Tair / Redis DescribeInstances
 * is documented as 50 at most, and src/products/kvstore.ts (MAX_INSTANCE_PAGE) asks for no more. The scan checks
 * the pages this predicts against the pages the walk reports, so a cap that changes there shows here.
 */
const RESOURCE_PAGE_CAPS: Readonly<Partial<Record<ProductId, number>>> = { 'r-kvstore': 50 };

/** One resource listing read whole (every page). */
export interface ResourceListingCount {
  product: ProductId;
  /** Resources it held. */
  count: number;
  /** Pages the walk read. */
  pages: number;
}

/** What a walk saw. */
export interface Census {
  /** DescribeRegions calls: one per API version a product answers. */
  regionLists: number;
  /** Regions at least one product serves. */
  regions: number;
  /** Every resource listing read whole. */
  resourceListings: ResourceListingCount[];
  /** Resources visited, sub-resources (shard nodes) included. */
  resources: number;
  /** Of those, the ones found under another resource rather than in a region's resource listing. */
  subResources: number;
  /** First pages asked for under resources: their backup listings, and the lookups of their sub-resources. */
  backupListings: number;
  /** Most steps read one after another for one resource, its parents' included (shard lookup → shard backups). */
  listingChain: number;
  /** Every failure event, as text. */
  failures: string[];
}

const key = (r: Pick<Resource, 'product' | 'id'>): string => `${r.product}/${r.id}`;

/** The product with its resource listings reporting every resource they return, unchanged otherwise. */
function observedProduct(product: ProductEntry, listed: Set<string>): ProductEntry {
  const observe = (listing: Listing): Listing => ({
    ...listing,
    fetch: async (client, index, pageSize, signal) => {
      const page = await listing.fetch(client, index, pageSize, signal);
      for (const entry of page.items) if (entry.resource) listed.add(key(entry.resource));
      return page;
    },
  });
  return { ...product, resources: (region) => product.resources(region).map(observe) };
}

/** What the census keeps of a visited resource. */
interface Visited {
  listings: number;
  parent?: string;
}

/**
 * Steps read one after another down to a resource: one per level that has listings (a resource's own listings are
 * read together). A resource a region listing returned starts a chain, even when it names a parent (an RDS
 * read-only instance names its primary, yet both are listed side by side); one found under another continues its
 * parent's, and when it names none, one level is assumed above it.
 */
function chainOf(id: string, visited: ReadonlyMap<string, Visited>, listed: ReadonlySet<string>): number {
  const resource = visited.get(id);
  const own = (resource?.listings ?? 0) > 0 ? 1 : 0;
  if (listed.has(id)) return own;
  const parent = resource?.parent;
  return own + (parent !== undefined && visited.has(parent) ? chainOf(parent, visited, listed) : 1);
}

/** Runs the account walk to the end and counts what it reports. */
export async function walkCensus(client: CloudClient, products: readonly ProductEntry[], options: WalkOptions): Promise<Census> {
  const served = new Set<string>();
  const listed = new Set<string>();
  // Listings per resource, and its parent: the chain is only known once both ends have reported.
  const visited = new Map<string, Visited>();
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
  for await (const event of walkAccount(client, products.map((p) => observedProduct(p, listed)), options)) {
    if (event.type === 'regions') {
      for (const region of event.regions) served.add(region.id);
    } else if (event.type === 'resources') {
      census.resourceListings.push({ product: event.product.id, count: event.count, pages: event.pages });
    } else if (event.type === 'resource') {
      const { resource } = event;
      const parent = resource.parentId === undefined ? undefined : key({ product: resource.product, id: resource.parentId });
      visited.set(key(resource), { listings: event.listings, parent });
      census.backupListings += event.listings;
    } else {
      census.failures.push(`${event.product.id} ${event.region ?? event.resource?.id ?? ''}: ${event.error.code} ${event.error.message}`);
    }
  }
  census.regions = served.size;
  census.resources = visited.size;
  census.subResources = [...visited.keys()].filter((id) => !listed.has(id)).length;
  for (const id of visited.keys()) census.listingChain = Math.max(census.listingChain, chainOf(id, visited, listed));
  return census;
}

/** Resources listed per product, in the order the listings ended. */
export function listedByProduct(census: Census): Map<ProductId, number> {
  const counts = new Map<ProductId, number>();
  for (const l of census.resourceListings) counts.set(l.product, (counts.get(l.product) ?? 0) + l.count);
  return counts;
}

/** Pages a resource listing takes at a page size: an empty one still takes one request. */
export function resourcePages(listing: ResourceListingCount, pageSize: number): number {
  const perPage = Math.min(pageSize, RESOURCE_PAGE_CAPS[listing.product] ?? pageSize);
  return Math.max(1, Math.ceil(listing.count / perPage));
}

/** Requests a walk of this census costs at a page size: whole resource listings, one page of every other listing. */
export function requestsFor(census: Census, pageSize: number): number {
  const pages = census.resourceListings.reduce((sum, l) => sum + resourcePages(l, pageSize), 0);
  return census.regionLists + pages + census.backupListings;
}

/**
 * Requests that must follow one another: regions → every page of a resource listing → one step per level of
 * resources (a resource's listings are read together; a sharded cluster's shard lookup comes before each shard's
 * backups).
 */
export function chainDepth(census: Census, pageSize: number): number {
  return 1 + Math.max(1, ...census.resourceListings.map((l) => resourcePages(l, pageSize))) + census.listingChain;
}
