import type { CloudClient } from '../cloud/client';
import type { Backup, BackupFilter, Resource } from '../cloud/models';
import { CloudError } from '../cloud/errors';
import { fetchPage, matchPages, type ListAction } from '../cloud/paging';
import type { ProductId } from '../cloud/types';
import type { Entry, Listing } from './catalog';

/** A paged API listing of resources, as rows. */
export function resourceListing<Scope>(key: string, list: ListAction<Scope, Resource>, scope: Scope): Listing {
  return pagedListing(key, list, scope, (resource) => ({ resource }));
}

/** A paged API listing of backups, as rows. */
export function backupListing<Scope>(key: string, list: ListAction<Scope, Backup>, scope: Scope): Listing {
  return pagedListing(key, list, scope, (backup) => ({ backup }));
}

/** Requests a listing with no ID filter may make to look for one ID: the newest 2 000 items at the default page size. */
export const ID_SCAN_PAGES = 20;

/**
 * A backup listing whose API has no backup-ID filter. Given an ID it reads the list from the newest page on, at most
 * ID_SCAN_PAGES requests, and answers with the backup of that ID as its one page; without one it is a backupListing.
 * A read that stops at that bound fails, so that Find by ID… counts the resource as not searched fully and the tree
 * shows an error row, as for a list that could not be read.
 */
export function idMatchedBackupListing<Scope>(key: string, list: ListAction<Scope, Backup>, scope: Scope, backupId: string | undefined): Listing {
  if (backupId === undefined) return backupListing(key, list, scope);
  return {
    key,
    product: list.product.id,
    action: list.action,
    fetch: async (client, _index, pageSize, signal) => {
      const found = await matchPages(client, list, scope, (backup) => backup.id === backupId, { pageSize, maxPages: ID_SCAN_PAGES }, signal);
      if (found.cut) {
        throw new CloudError({
          product: list.product.id,
          action: list.action,
          kind: 'limitReached',
          code: 'SearchLimitReached',
          message: `${backupId} is not among the newest ${found.read} items (${found.pages} requests); older ones were not searched.`,
        });
      }
      const items = found.items.map((backup): Entry => ({ backup }));
      return { items, total: items.length, index: 0, loaded: items.length, hasMore: false };
    },
  };
}

function pagedListing<Scope, Item>(key: string, list: ListAction<Scope, Item>, scope: Scope, entry: (item: Item) => Entry): Listing {
  return {
    key,
    product: list.product.id,
    action: list.action,
    fetch: async (client, index, pageSize, signal) => {
      const page = await fetchPage(client, list, scope, index, pageSize, signal);
      return { ...page, items: page.items.map(entry) };
    },
  };
}

/** A listing that comes whole in one response (shard nodes, the parts of a backup). */
export function wholeListing(key: string, product: ProductId, action: string, fetch: (client: CloudClient, signal: AbortSignal) => Promise<Entry[]>): Listing {
  return {
    key,
    product,
    action,
    fetch: async (client, _index, _pageSize, signal) => {
      const items = await fetch(client, signal);
      return { items, total: items.length, index: 0, loaded: items.length, hasMore: false };
    },
  };
}

/** What a row is known by across pages: its resource or backup ID ('' when it has none). */
export function entryId(entry: Entry): string {
  return entry.resource ? entry.resource.id : entry.backup.id;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back "Load older…" goes when nothing says when the resource was created. */
const DEFAULT_HISTORY_MS = 5 * 365 * DAY_MS;

/** What a windowed listing asks its API for: one resource's backups in [start, end), narrowed by the user's filter. */
export interface BackupWindowScope {
  region: string;
  resourceId: string;
  start: Date;
  end: Date;
  filter?: BackupFilter;
}

/** The user's time filter, or the days back the first window reaches; the floor below which nothing is asked. */
export interface WindowOptions {
  windowDays: number;
  filter?: BackupFilter;
  /** When the resource was created: no window reaches before it. */
  notBefore?: Date;
  now?: () => number;
}

/**
 * A backup listing whose API requires StartTime and EndTime: read newest window first, page by page; once a
 * window is exhausted the page says where an older one would end, and the next fetch reads that one. With a
 * time filter the filter is the one window.
 */
export function windowedBackupListing(
  key: string,
  list: ListAction<BackupWindowScope, Backup>,
  resource: Pick<Resource, 'region' | 'id'>,
  options: WindowOptions,
): Listing {
  const scopeFor = (start: Date, end: Date): BackupWindowScope => ({ region: resource.region, resourceId: resource.id, start, end, filter: options.filter });
  const span = options.windowDays * DAY_MS;
  const now = options.now ?? Date.now;
  const floor = (): number => options.notBefore?.getTime() ?? now() - DEFAULT_HISTORY_MS;
  let window = { index: 0, start: new Date(0), end: new Date(0), page: 0, loadedBefore: 0, exhausted: false, loaded: 0 };
  return {
    key,
    product: list.product.id,
    action: list.action,
    fetch: async (client, index, pageSize, signal) => {
      if (index === 0) {
        // The APIs take whole minutes: round the end up so a backup started this minute is in.
        const end = options.filter?.end ?? new Date(Math.ceil(now() / 60_000) * 60_000);
        // A backup ID names one backup, which may be of any age: its one window is the resource's whole history.
        const start = options.filter?.start ?? (options.filter?.backupId ? new Date(floor()) : new Date(end.getTime() - span));
        window = { index: 0, start, end, page: 0, loadedBefore: 0, exhausted: false, loaded: 0 };
      } else if (window.exhausted) {
        const end = window.start;
        window = { index: window.index + 1, start: new Date(end.getTime() - span), end, page: 0, loadedBefore: window.loaded, exhausted: false, loaded: window.loaded };
      }
      const page = await fetchPage(client, list, scopeFor(window.start, window.end), window.page, pageSize, signal);
      window.page++;
      window.exhausted = !page.hasMore;
      window.loaded = window.loadedBefore + page.loaded;
      const older = window.exhausted && !options.filter?.start && window.start.getTime() > floor() ? window.start : undefined;
      return {
        items: page.items.map((backup): Entry => ({ backup })),
        total: window.loadedBefore + page.total,
        index,
        loaded: window.loaded,
        hasMore: page.hasMore,
        ...(page.totalUnknown ? { totalUnknown: true as const } : {}),
        window: { index: window.index, older },
      };
    },
  };
}
