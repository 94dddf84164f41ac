// Find by ID…: a resource ID is looked up through its product's list API filter, region by region; a backup ID is
// searched for resource by resource through each backup API's BackupId filter. What an ID looks like and how a
// product looks one up is the catalog's (ProductEntry.ids); nothing here names a product.
import type { CloudClient } from '../cloud/client';
import { CancelledError, type CloudError } from '../cloud/errors';
import { toCloudError } from '../cloud/errorMapping';
import type { Backup, Region, Resource } from '../cloud/models';
import type { ProductId } from '../cloud/types';
import type { ListingOptions, ProductEntry } from '../products/catalog';
import { productRegions } from './regions';
import { walkAccount } from './walk';

export interface FindOptions extends ListingOptions {
  pageSize: number;
  /** Lookups or listings under way at once; the client's limiter still caps the requests in flight. */
  concurrency: number;
  signal?: AbortSignal;
  /** Told how far the search has got, each time it gets further. */
  onProgress?: (progress: FindProgress) => void;
}

/** Regions asked (a resource ID) or resources searched (a backup ID), of those known so far. */
export interface FindProgress {
  done: number;
  total: number;
  of: 'regions' | 'resources';
}

/** Somewhere the search could not look; the error carries the API's Code and RequestId. */
export interface FindFailure {
  product: ProductId;
  /** Absent when the product's regions could not be listed. */
  region?: string;
  resourceId?: string;
  error: CloudError;
}

/** What a search covered, to say what was searched when nothing is found. */
export interface Searched {
  /** Whether the ID was looked up as a resource, searched for as a backup, or both. */
  asResource: boolean;
  asBackup: boolean;
  products: ProductId[];
  regions: string[];
  /** Resources whose backups were asked for. */
  resources: number;
  failures: FindFailure[];
}

export type FindResult =
  | { found: 'resource'; resource: Resource; searched: Searched }
  /** `owner` is the resource whose list holds the backup (a MongoDB shard node, not its cluster). */
  | { found: 'backup'; backup: Backup; owner: Resource; searched: Searched }
  | { found: 'nothing'; searched: Searched };

/**
 * Looks an ID up as a resource of the products whose resource IDs look like it, then, if it is none, as a backup
 * of the products whose backup IDs look like it. Throws CancelledError when the signal stops it.
 */
export async function findById(client: CloudClient, products: readonly ProductEntry[], id: string, options: FindOptions): Promise<FindResult> {
  const owners = products.filter((p) => p.ids?.resource.test(id));
  const asResource = owners.length > 0 ? await findResource(client, owners, id, options) : { searched: noSearch() };
  if (asResource.resource) return { found: 'resource', resource: asResource.resource, searched: asResource.searched };
  const holders = products.filter((p) => p.ids?.backup.test(id));
  const asBackup = holders.length > 0 ? await findBackup(client, holders, id, options) : { searched: noSearch() };
  const searched = merge(asResource.searched, asBackup.searched);
  if (asBackup.backup && asBackup.owner) return { found: 'backup', backup: asBackup.backup, owner: asBackup.owner, searched };
  return { found: 'nothing', searched };
}

/**
 * The resource with this ID: each product's ID lookup in every region it serves, a few regions at a time, stopping
 * at the first hit. A region that fails is reported and the others are still asked.
 */
export async function findResource(
  client: CloudClient,
  products: readonly ProductEntry[],
  id: string,
  options: FindOptions,
): Promise<{ resource?: Resource; searched: Searched }> {
  const searched = { ...noSearch(), asResource: true };
  const stop = follow(options.signal);
  const progress = { done: 0, total: 0 };
  const report = (): void => options.onProgress?.({ ...progress, of: 'regions' });
  let found: Resource | undefined;
  const gaveUp = (err: unknown): boolean => err instanceof CancelledError || stop.signal.aborted;
  await Promise.all(
    products.map(async (product) => {
      const lookup = product.ids;
      if (!lookup) return;
      let regions: Region[];
      try {
        regions = await productRegions(client, product, stop.signal);
      } catch (err) {
        if (!gaveUp(err)) searched.failures.push({ product: product.id, error: toCloudError(err, product.id, 'DescribeRegions') });
        return;
      }
      searched.products.push(product.id);
      progress.total += regions.length;
      report();
      await eachAtMost(regions, options.concurrency, async (region) => {
        if (stop.signal.aborted) return;
        try {
          const resource = await lookup.findResource(client, region.id, id, stop.signal);
          addRegion(searched, region.id);
          if (resource && !found) {
            found = resource;
            stop.abort();
          }
        } catch (err) {
          if (gaveUp(err)) return;
          searched.failures.push({ product: product.id, region: region.id, error: toCloudError(err, product.id, 'Find') });
        }
        progress.done++;
        report();
      });
    }),
  );
  if (!found && options.signal?.aborted) throw new CancelledError();
  return { resource: found, searched };
}

/**
 * The backup with this ID: every resource of the products (shard nodes included) asked once through its backup
 * lists' BackupId filter, at most `concurrency` lists at a time, stopping at the first hit. A list that fails is
 * reported and the rest are still searched.
 */
export async function findBackup(
  client: CloudClient,
  products: readonly ProductEntry[],
  id: string,
  options: FindOptions,
): Promise<{ backup?: Backup; owner?: Resource; searched: Searched }> {
  const searched = { ...noSearch(), asBackup: true };
  const stop = follow(options.signal);
  let listed = 0;
  const walk = walkAccount(client, products, {
    pageSize: options.pageSize,
    concurrency: options.concurrency,
    windowDays: options.windowDays,
    signal: stop.signal,
    filter: { backupId: id },
    visits: (product, resource) => product.ids?.holdsBackup?.(resource, id) ?? true,
  });
  for await (const event of walk) {
    if (event.type === 'regions') {
      searched.products.push(event.product.id);
      for (const region of event.regions) addRegion(searched, region.id);
    } else if (event.type === 'resources') {
      listed += event.count;
    } else if (event.type === 'failure') {
      const region = event.region ?? event.resource?.region;
      searched.failures.push({ product: event.product.id, region, resourceId: event.resource?.id, error: event.error });
      continue;
    } else {
      searched.resources++;
      const backup = withBackupId(event.backups, id);
      if (backup) {
        stop.abort();
        return { backup, owner: event.resource, searched };
      }
    }
    // Shard nodes are found as their clusters are searched, so the count can pass what the region lists said.
    options.onProgress?.({ done: searched.resources, total: Math.max(listed, searched.resources), of: 'resources' });
  }
  if (options.signal?.aborted) throw new CancelledError();
  return { searched };
}

/** The backup with this ID among a page's backups or their parts (a shard's part of a cluster backup). */
function withBackupId(backups: readonly Backup[], id: string): Backup | undefined {
  for (const backup of backups) {
    const found = [backup, ...(backup.parts ?? [])].find((b) => b.id === id);
    if (found) return found;
  }
  return undefined;
}

function noSearch(): Searched {
  return { asResource: false, asBackup: false, products: [], regions: [], resources: 0, failures: [] };
}

function addRegion(searched: Searched, region: string): void {
  if (!searched.regions.includes(region)) searched.regions.push(region);
}

function merge(a: Searched, b: Searched): Searched {
  return {
    asResource: a.asResource || b.asResource,
    asBackup: a.asBackup || b.asBackup,
    products: [...new Set([...a.products, ...b.products])],
    regions: [...new Set([...a.regions, ...b.regions])],
    resources: a.resources + b.resources,
    failures: [...a.failures, ...b.failures],
  };
}

/** A controller of our own that also stops when the caller's signal does: the first hit stops the rest. */
function follow(signal: AbortSignal | undefined): AbortController {
  const controller = new AbortController();
  if (signal?.aborted) controller.abort();
  else signal?.addEventListener('abort', () => controller.abort(), { once: true });
  return controller;
}

/** Runs `task` over the items, at most `limit` at a time. */
async function eachAtMost<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
