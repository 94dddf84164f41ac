import type { Entry, Listing } from '../products/catalog';
import { entryId } from '../products/listings';
import { BackupNode } from './backupNode';
import { ChildList } from './childList';
import type { ExplorerContext, ExplorerNode } from './node';
import { ResourceNode } from './resourceNode';

/** The rows one catalog listing gives a node: resources expand by their kind, backups by their parts. */
export function entryList(owner: ExplorerNode, ctx: ExplorerContext, listing: Listing): ChildList<Entry> {
  return new ChildList<Entry>(
    owner,
    ctx,
    { product: listing.product, action: listing.action },
    (index, pageSize, signal) => listing.fetch(ctx.client, index, pageSize, signal),
    (entry, key) => (entry.resource ? new ResourceNode(owner, ctx, entry.resource, key) : new BackupNode(owner, entry.backup, key)),
    listing.key,
    entryId,
  );
}
