import type { CloudClient } from '../cloud/client';
import { CancelledError, type CloudError } from '../cloud/errors';
import { toCloudError } from '../cloud/errorMapping';
import type { Backup, BackupFilter, Region, Resource } from '../cloud/models';
import type { ProductEntry, ListingOptions, Listing } from '../products/catalog';
import { kindEntry } from '../products';
import { productRegions, servedRegions } from './regions';

export interface WalkOptions extends ListingOptions {
  pageSize: number;
  /** Listings fetched at once; the client's limiter still caps the requests in flight. */
  concurrency: number;
  /** Only these regions (all that the products serve when empty or absent). */
  regions?: readonly string[];
  signal?: AbortSignal;
  /** Asked before each listing is fetched: true stops the walk there (a bounded walk). */
  enough?: () => boolean;
  /** Narrows every resource's listings (Find by ID…: one backup ID). */
  filter?: BackupFilter;
  /** Whether a resource's listings are fetched (all are when absent); one passed over is still reported, with none. */
  visits?: (product: ProductEntry, resource: Resource) => boolean;
  /** What is read of a resource, the first page of each; default: the listings its kind shows, unfiltered. */
  listingsOf?: (resource: Resource) => Listing[];
}

/** What the walk found, as it finds it. */
export type WalkEvent =
  | { type: 'regions'; product: ProductEntry; regions: Region[] }
  /** A whole resource listing of a product in a region: how many resources, in how many pages. */
  | { type: 'resources'; product: ProductEntry; region: string; key: string; count: number; pages: number }
  /** A resource and the first page of each of its listings: its newest backups, or its sub-resources. */
  | { type: 'resource'; product: ProductEntry; resource: Resource; backups: Backup[]; listings: number }
  | { type: 'failure'; product: ProductEntry; region?: string; resource?: Resource; error: CloudError };

/**
 * Walks the account: every region the products serve × product × resource (shard nodes included), each with the
 * first page of its backup listings, newest first. Streams events as they come, at most `concurrency` listings at
 * once, stops on the signal, and reports a listing that fails as an event without stopping the rest.
 */
export async function* walkAccount(client: CloudClient, products: readonly ProductEntry[], options: WalkOptions): AsyncGenerator<WalkEvent> {
  const events: WalkEvent[] = [];
  let wake: (() => void) | undefined;
  const emit = (event: WalkEvent): void => {
    events.push(event);
    wake?.();
  };
  const pool = new TaskPool(options.concurrency, () => wake?.());
  const guard = (product: ProductEntry, where: { region?: string; resource?: Resource }, task: () => Promise<void>) => async (): Promise<void> => {
    if (options.enough?.() || options.signal?.aborted) return;
    try {
      await task();
    } catch (err) {
      if (err instanceof CancelledError || options.signal?.aborted) return;
      emit({ type: 'failure', product, ...where, error: toCloudError(err, product.id, 'Walk') });
    }
  };

  const visit = (product: ProductEntry, resource: Resource): void =>
    pool.add(
      guard(product, { resource }, async () => {
        const listings =
          options.visits?.(product, resource) === false
            ? []
            : (options.listingsOf?.(resource) ?? kindEntry(resource)?.children(resource, options.filter, options) ?? []);
        const backups: Backup[] = [];
        // A resource's listings (DBS full and incremental backups) are independent: asked together.
        const pages = await Promise.all(listings.map((listing) => listing.fetch(client, 0, options.pageSize, signalOf(options))));
        for (const page of pages) {
          for (const entry of page.items) {
            if (entry.backup) backups.push(entry.backup);
            else visit(product, entry.resource);
          }
        }
        emit({ type: 'resource', product, resource, backups, listings: listings.length });
      }),
    );

  const listResources = (product: ProductEntry, region: string, listing: Listing): void =>
    pool.add(
      guard(product, { region }, async () => {
        let count = 0;
        let pages = 0;
        for (let index = 0, more = true; more; index++) {
          const page = await listing.fetch(client, index, options.pageSize, signalOf(options));
          pages++;
          more = page.hasMore;
          for (const entry of page.items) {
            if (!entry.resource) continue;
            count++;
            visit(product, entry.resource);
          }
        }
        emit({ type: 'resources', product, region, key: listing.key, count, pages });
      }),
    );

  pool.add(async () => {
    const reports = await Promise.all(
      products.map(async (product) => {
        try {
          const regions = await productRegions(client, product, signalOf(options));
          emit({ type: 'regions', product, regions });
          return [product, regions] as const;
        } catch (err) {
          if (!(err instanceof CancelledError)) emit({ type: 'failure', product, error: toCloudError(err, product.id, 'DescribeRegions') });
          return [product, []] as const;
        }
      }),
    );
    const wanted = new Set(options.regions ?? []);
    for (const { region, products: serving } of servedRegions(reports)) {
      if (wanted.size > 0 && !wanted.has(region.id)) continue;
      if (options.enough?.() || options.signal?.aborted) break;
      for (const product of serving) for (const listing of product.resources(region.id)) listResources(product, region.id, listing);
    }
  });

  for (;;) {
    while (events.length > 0) yield events.shift() as WalkEvent;
    if (pool.idle || options.signal?.aborted) break;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
  while (events.length > 0) yield events.shift() as WalkEvent;
}

function signalOf(options: WalkOptions): AbortSignal {
  return options.signal ?? new AbortController().signal;
}

/** Runs added tasks, at most `limit` at a time, in the order added; tells when one settles. */
class TaskPool {
  private readonly queue: Array<() => Promise<void>> = [];
  private running = 0;

  constructor(
    private readonly limit: number,
    private readonly onSettled: () => void,
  ) {}

  get idle(): boolean {
    return this.running === 0 && this.queue.length === 0;
  }

  add(task: () => Promise<void>): void {
    this.queue.push(task);
    this.next();
  }

  private next(): void {
    while (this.running < this.limit && this.queue.length > 0) {
      const task = this.queue.shift() as () => Promise<void>;
      this.running++;
      void task().finally(() => {
        this.running--;
        this.next();
        this.onSettled();
      });
    }
  }
}

/** The newest backup of a resource, in one request per listing (the first page, newest first). */
export async function latestBackup(client: CloudClient, resource: Resource, options: ListingOptions, signal?: AbortSignal): Promise<Backup | undefined> {
  const listings = kindEntry(resource)?.children(resource, undefined, options) ?? [];
  let latest: Backup | undefined;
  for (const listing of listings) {
    // The smallest page every API accepts: only its first item matters.
    const page = await listing.fetch(client, 0, 30, signal ?? new AbortController().signal);
    const first = page.items.find((entry) => entry.backup)?.backup;
    if (first && (!latest || (first.startTime?.getTime() ?? 0) > (latest.startTime?.getTime() ?? 0))) latest = first;
  }
  return latest;
}
