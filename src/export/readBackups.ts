// Reads every backup of one resource for an export: each of its catalog listings page by page (and window by
// window), and the listings of the resources it lists (a sharded cluster's shard nodes). Bounded, cancellable,
// each backup once. No `vscode`.
import type { CloudClient } from '../cloud/client';
import { CancelledError } from '../cloud/errors';
import type { Backup, BackupFilter, Resource } from '../cloud/models';
import { kindEntry } from '../products';
import type { ListingOptions } from '../products/catalog';

export interface ReadLimits {
  /** Requests, over every listing and window. */
  readonly maxPages: number;
  /** Backups, not counting the parts that come with them. */
  readonly maxBackups: number;
}

export const EXPORT_LIMITS: ReadLimits = { maxPages: 100, maxBackups: 10_000 };

export interface ReadOptions extends ListingOptions {
  pageSize: number;
  /** The filter the resource's row shows, applied to everything read. */
  filter?: BackupFilter;
  limits?: ReadLimits;
  signal: AbortSignal;
  /** Told after each page how many backups are read so far. */
  onProgress?: (read: number) => void;
}

/** A backup and the resource whose listing it came from (the resource itself, or one of its shard nodes). */
export interface OwnedBackup {
  backup: Backup;
  owner: Resource;
}

export interface BackupsRead {
  backups: OwnedBackup[];
  pages: number;
  /** Stopped at a limit while more was there to read. */
  cut: boolean;
}

export async function readAllBackups(client: CloudClient, resource: Resource, options: ReadOptions): Promise<BackupsRead> {
  const limits = options.limits ?? EXPORT_LIMITS;
  const backups: OwnedBackup[] = [];
  // Pages are fetched by offset: a list that grows between two pages repeats backups, which are kept once.
  const seen = new Set<string>();
  const owners: Resource[] = [resource];
  const visited = new Set([resource.id]);
  let pages = 0;
  const result = (cut: boolean): BackupsRead => ({ backups, pages, cut });

  for (let k = 0; k < owners.length; k++) {
    const owner = owners[k];
    for (const listing of kindEntry(owner)?.children(owner, options.filter, options) ?? []) {
      for (let index = 0, more = true; more; index++) {
        if (options.signal.aborted) throw new CancelledError();
        if (pages >= limits.maxPages || backups.length >= limits.maxBackups) return result(true);
        const page = await listing.fetch(client, index, options.pageSize, options.signal);
        pages++;
        for (const entry of page.items) {
          if (entry.resource) {
            if (!visited.has(entry.resource.id)) owners.push(entry.resource);
            visited.add(entry.resource.id);
            continue;
          }
          const id = entry.backup.id;
          const key = `${owner.id}\n${listing.key}\n${id}`;
          if (id !== '' && seen.has(key)) continue;
          if (backups.length >= limits.maxBackups) return result(true);
          seen.add(key);
          backups.push({ backup: entry.backup, owner });
        }
        options.onProgress?.(backups.length);
        more = page.hasMore || page.window?.older !== undefined;
      }
    }
  }
  return result(false);
}
