import type { CloudClient } from '../cloud/client';
import type { Region } from '../cloud/models';
import { listRegions } from '../cloud/regions';
import type { ProductEntry } from '../products/catalog';

/** A region and the products that serve it, in catalog order. */
export interface ServedRegion {
  region: Region;
  products: ProductEntry[];
}

/**
 * The regions one product serves: every DescribeRegions it answers (one per API version), asked in parallel. All
 * are waited for, so a failure says so once every retry has run, never while another call is still going.
 */
export async function productRegions(client: CloudClient, product: ProductEntry, signal?: AbortSignal): Promise<Region[]> {
  const settled = await Promise.allSettled(product.regions.map((action) => listRegions(client, action, signal)));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  const lists = settled.map((r) => (r as PromiseFulfilledResult<Region[]>).value);
  const byId = new Map<string, Region>();
  for (const region of lists.flat()) if (!byId.get(region.id)?.name) byId.set(region.id, region);
  return [...byId.values()];
}

/** What each product reported, merged into one row per region (sorted by ID), keeping the first name given. */
export function servedRegions(reports: ReadonlyArray<readonly [ProductEntry, readonly Region[]]>): ServedRegion[] {
  const served = new Map<string, ServedRegion>();
  for (const [product, regions] of reports) {
    for (const region of regions) {
      const entry = served.get(region.id) ?? { region: { id: region.id }, products: [] };
      entry.region.name ??= region.name;
      if (!entry.products.includes(product)) entry.products.push(product);
      served.set(region.id, entry);
    }
  }
  return [...served.values()].sort((a, b) => a.region.id.localeCompare(b.region.id));
}
