import type { CloudClient } from '../cloud/client';
import type { Backup, Resource } from '../cloud/models';
import type { ProductId } from '../cloud/types';
import { kindEntry } from '../products';
import type { UrlSource } from './downloader';

export type UrlField = 'downloadUrl' | 'intranetDownloadUrl';

/**
 * Products whose API gives a backup's size in bytes of the file its URL serves: RDS and MongoDB (`BackupSize`,
 * bytes). Tair's `BackupSize` has no stated unit, so its files are checked against what the server sends alone.
 */
const SIZE_IS_FILE_SIZE: ReadonlySet<ProductId> = new Set<ProductId>(['rds', 'dds']);

/** The size a download of this backup must have, where the API says it. */
export function expectedFileBytes(backup: Backup): number | undefined {
  return SIZE_IS_FILE_SIZE.has(backup.product) ? backup.sizeBytes : undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Where a backup was listed: its resource and, for a part of a cluster backup, the cluster backup's ID. */
export interface BackupPlace {
  resource: Resource;
  /** The ID the listing knows: the backup's own, or the cluster backup's it belongs to. */
  listedId: string;
}

/**
 * Lists a backup again by ID (its download URLs expire). A day either side of its start is the time window, so
 * the products whose API needs one (Tair, PolarDB, AnalyticDB 5.0) find it however old it is.
 */
export async function listAgain(client: CloudClient, place: BackupPlace, backup: Backup, signal: AbortSignal): Promise<Backup | undefined> {
  const at = backup.startTime?.getTime();
  const filter = { backupId: place.listedId, ...(at === undefined ? {} : { start: new Date(at - DAY_MS), end: new Date(at + DAY_MS) }) };
  for (const listing of kindEntry(place.resource)?.children(place.resource, filter, { windowDays: 1 }) ?? []) {
    const page = await listing.fetch(client, 0, 30, signal);
    for (const { backup: listed } of page.items) {
      const found = [listed, ...(listed?.parts ?? [])].find((b) => b?.id === backup.id);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * A backup's download URL for the downloader: the one it was listed with, then, each time that has expired, the
 * one a fresh listing gives. `renewed` hears of each fresh record (the tree keeps it).
 */
export function backupUrlSource(backup: Backup, field: UrlField, relist: (current: Backup, signal: AbortSignal) => Promise<Backup | undefined>, renewed?: (fresh: Backup) => void): UrlSource {
  let current = backup;
  return async (renew, signal) => {
    if (renew) {
      const fresh = await relist(current, signal);
      if (!fresh) return undefined;
      current = fresh;
      renewed?.(fresh);
    }
    return current[field] || undefined;
  };
}
