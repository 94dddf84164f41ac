import type { Resource } from '../cloud/models';
import type { ProductId } from '../cloud/types';
import { adbEntry } from './adb';
import type { ProductEntry, ResourceKindEntry } from './catalog';
import { dbsEntry } from './dbs';
import { ddsEntry } from './dds';
import { kvstoreEntry } from './kvstore';
import { polardbEntry } from './polardb';
import { rdsEntry } from './rds';

/** Every product, in the order the tree shows them under a region. Adding a product is adding it here. */
export const PRODUCTS: readonly ProductEntry[] = [adbEntry, ddsEntry, dbsEntry, rdsEntry, polardbEntry, kvstoreEntry];

const byId = new Map(PRODUCTS.map((p) => [p.id, p]));

export function productEntry(id: ProductId): ProductEntry | undefined {
  return byId.get(id);
}

/** The catalog's word on a resource: label, icon, title and what it expands to. */
export function kindEntry(resource: Pick<Resource, 'product' | 'kind'>): ResourceKindEntry | undefined {
  return byId.get(resource.product)?.kinds[resource.kind];
}
