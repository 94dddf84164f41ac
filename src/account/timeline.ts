import type { CloudClient } from '../cloud/client';
import { CancelledError } from '../cloud/errors';
import type { Backup, Resource } from '../cloud/models';
import type { ListingOptions } from '../products/catalog';
import { kindEntry } from '../products';

/** What the timeline of a resource shows: its backups of the window, or how many sub-resources hold them instead. */
export type TimelineRead =
  | {
      kind: 'backups';
      window: { start: Date; end: Date };
      /** Newest first, as listed; a backup with parts (a cluster backup) is one. */
      backups: Backup[];
      /** Set when the read stopped at its bound before the window's start: the oldest backup read starts here. */
      readFrom?: Date;
    }
  /** The resource lists resources that keep the backups (a sharded cluster's shard nodes). */
  | { kind: 'resources'; window: { start: Date; end: Date }; count: number };

export interface TimelineOptions extends ListingOptions {
  pageSize: number;
  days?: number;
  /** Across all of the resource's listings. */
  maxPages?: number;
  maxBackups?: number;
  now?: () => number;
}

export const TIMELINE_DAYS = 30;
const DAY = 86_400_000;

/**
 * Reads a resource's backups of the last `days` (30) days through the catalog: every page of every listing the
 * resource has, narrowed to the window, until `maxPages` (10) requests or `maxBackups` (1000) backups. Throws
 * CancelledError as soon as the signal is aborted, and the listing's CloudError when a page fails.
 */
export async function readTimeline(client: CloudClient, resource: Resource, options: TimelineOptions, signal: AbortSignal): Promise<TimelineRead> {
  const { maxPages = 10, maxBackups = 1000, days = TIMELINE_DAYS } = options;
  const end = new Date(options.now?.() ?? Date.now());
  const window = { start: new Date(end.getTime() - days * DAY), end };
  const listings = kindEntry(resource)?.children(resource, { start: window.start, end: window.end }, options) ?? [];
  const backups: Backup[] = [];
  let resources = 0;
  let pages = 0;
  let stopped = false;
  for (const listing of listings) {
    for (let index = 0, more = true; more; index++) {
      if (pages >= maxPages || backups.length >= maxBackups) {
        stopped = true;
        break;
      }
      if (signal.aborted) throw new CancelledError();
      const page = await listing.fetch(client, index, options.pageSize, signal);
      pages++;
      more = page.hasMore;
      for (const entry of page.items) {
        if (entry.resource) resources++;
        else if (backups.length < maxBackups) backups.push(entry.backup);
        else stopped = true;
      }
    }
  }
  if (signal.aborted) throw new CancelledError();
  if (resources > 0 && backups.length === 0) return { kind: 'resources', window, count: resources };
  return { kind: 'backups', window, backups, readFrom: stopped ? oldestStart(backups) : undefined };
}

function oldestStart(backups: readonly Backup[]): Date | undefined {
  const times = backups.flatMap((b) => (b.startTime ? [b.startTime.getTime()] : []));
  return times.length > 0 ? new Date(Math.min(...times)) : undefined;
}
