import type { CloudClient, HttpMethod } from './client';
import { CloudError } from './errors';
import type { ProductDescriptor } from './product';
import { dig, isRawObject, type CallParams, type RawObject } from './types';
import { toNumber } from './values';

/** How an API numbers its pages: ADB and MongoDB count `PageNumber` from 1, DBS counts `PageNum` from 0. */
export interface PagingStyle {
  pageParam: 'PageNumber' | 'PageNum' | 'PageNo';
  firstPage: 0 | 1;
  /** Absent for lists that report no total (MongoDB cluster backups): a full page means there may be more. */
  totalField?: 'TotalCount' | 'TotalElements' | 'TotalRecordCount';
}

export const PAGE_NUMBER_FROM_1: PagingStyle = { pageParam: 'PageNumber', firstPage: 1, totalField: 'TotalCount' };
/** RDS: `PageNumber` from 1, the total in `TotalRecordCount` (an integer for instances, a string for backups). */
export const PAGE_NUMBER_RECORD_COUNT: PagingStyle = { pageParam: 'PageNumber', firstPage: 1, totalField: 'TotalRecordCount' };
export const PAGE_NUM_FROM_0: PagingStyle = { pageParam: 'PageNum', firstPage: 0, totalField: 'TotalElements' };
/** `PageNumber` from 1 and no total (Tair cluster backups): only a short page ends the list. */
export const PAGE_NUMBER_WITHOUT_TOTAL: PagingStyle = { pageParam: 'PageNumber', firstPage: 1 };
/** `PageNo` from 1 and no total: what `MaxResults` counts is not documented, so only a short page ends the list. */
export const PAGE_NO_WITHOUT_TOTAL: PagingStyle = { pageParam: 'PageNo', firstPage: 1 };

/** One paged listing of one API: where it lives, how it pages, and how its raw items become models. */
export interface ListAction<Scope, Item> {
  product: ProductDescriptor;
  action: string;
  paging: PagingStyle;
  /** Path to the item array, e.g. ['Items', 'Backup']. */
  itemsPath: readonly string[];
  region(scope: Scope): string;
  params(scope: Scope): CallParams;
  normalise(raw: RawObject, scope: Scope): Item;
  /** Only for the actions documented as GET only; every other is sent as POST. */
  method?: HttpMethod;
}

export interface Page<Item> {
  items: Item[];
  /** The total the API reports for the whole list. */
  total: number;
  /** 0-based index of this page, whatever the API's own numbering. */
  index: number;
  /** How many items this page and the ones before it hold. */
  loaded: number;
  hasMore: boolean;
  /** The API reports no total (`total` is then what is loaded so far): a growing total means nothing. */
  totalUnknown?: true;
  /**
   * For lists read a time window at a time (APIs that require StartTime and EndTime): which window this page is
   * from, and, once the window is exhausted, where the next older one would end.
   */
  window?: { index: number; older?: Date };
}

/** Fetches page `index` (0-based) of a listing; the API's numbering, total type and envelope stay in here. */
export async function fetchPage<Scope, Item>(
  client: CloudClient,
  list: ListAction<Scope, Item>,
  scope: Scope,
  index: number,
  pageSize: number,
  signal?: AbortSignal,
): Promise<Page<Item>> {
  const params = { ...list.params(scope), PageSize: pageSize, [list.paging.pageParam]: index + list.paging.firstPage };
  const { body, requestId } = await client.call(list.product, list.action, list.region(scope), params, signal, list.method);
  const rawItems = dig(body, list.itemsPath);
  // An empty list may come as `Items: {}` or with no wrapper at all.
  if (rawItems !== undefined && !Array.isArray(rawItems)) {
    throw new CloudError({
      product: list.product.id,
      action: list.action,
      kind: 'malformedResponse',
      code: 'MalformedResponse',
      message: `Expected a list at ${list.itemsPath.join('.')}.`,
      requestId,
    });
  }
  // A server that ignores PageSize must not grow the tree (or the work here) past what was asked for.
  const taken = (rawItems ?? []).slice(0, pageSize);
  const items = taken.filter(isRawObject).map((raw) => list.normalise(raw, scope));
  const loaded = index * pageSize + items.length;
  const { totalField } = list.paging;
  if (!totalField) return { items, total: loaded, index, loaded, hasMore: taken.length >= pageSize, totalUnknown: true };
  const total = toNumber(body[totalField]) ?? loaded;
  return { items, total, index, loaded, hasMore: items.length > 0 && loaded < total };
}

/** Every page of a listing, one after another; for small lists (regions' resources, a bounded search). */
export async function fetchAll<Scope, Item>(
  client: CloudClient,
  list: ListAction<Scope, Item>,
  scope: Scope,
  pageSize: number,
  signal?: AbortSignal,
): Promise<Item[]> {
  const items: Item[] = [];
  for (let index = 0; ; index++) {
    const page = await fetchPage(client, list, scope, index, pageSize, signal);
    items.push(...page.items);
    if (!page.hasMore) return items;
  }
}

/** What a bounded read of a listing found: the items it matched, and how far it read. */
export interface Matched<Item> {
  items: Item[];
  /** Requests made. */
  pages: number;
  /** Items read, matched or not. */
  read: number;
  /** Stopped at its bound with more of the list unread. */
  cut: boolean;
}

/**
 * Reads a listing page after page from the first, keeping what `match` picks, until a page holds a match, the list
 * ends or `maxPages` pages are read: for an API that cannot filter by what is looked for. Throws the page's
 * CloudError when one fails, CancelledError when the signal stops it.
 */
export async function matchPages<Scope, Item>(
  client: CloudClient,
  list: ListAction<Scope, Item>,
  scope: Scope,
  match: (item: Item) => boolean,
  bound: { pageSize: number; maxPages: number },
  signal?: AbortSignal,
): Promise<Matched<Item>> {
  let read = 0;
  for (let index = 0; index < bound.maxPages; index++) {
    const page = await fetchPage(client, list, scope, index, bound.pageSize, signal);
    read += page.items.length;
    const items = page.items.filter(match);
    if (items.length > 0 || !page.hasMore) return { items, pages: index + 1, read, cut: false };
  }
  return { items: [], pages: bound.maxPages, read, cut: true };
}
