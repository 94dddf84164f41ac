// Finding a sample resource through the catalog, as the tree would list it, for the export specs.
import type { CloudClient } from '../../src/cloud/client';
import type { Resource } from '../../src/cloud/models';
import type { ProductId } from '../../src/cloud/types';
import { productEntry } from '../../src/products';
import type { Translate } from '../../src/products/catalog';

/** The resource with this ID in the product's listings of the region (every page). */
export async function findResource(client: CloudClient, product: ProductId, region: string, id: string): Promise<Resource> {
  const signal = new AbortController().signal;
  for (const listing of productEntry(product)?.resources(region) ?? []) {
    for (let index = 0, more = true; more; index++) {
      const page = await listing.fetch(client, index, 100, signal);
      const found = page.items.find((entry) => entry.resource?.id === id)?.resource;
      if (found) return found;
      more = page.hasMore;
    }
  }
  throw new Error(`${product} ${id} is not listed in ${region}`);
}

/** English, with placeholders filled in: what the extension shows without a translation. */
export const english: Translate = (message, ...args) => message.replace(/\{(\d+)\}/g, (_m, k: string) => String(args[Number(k)]));
