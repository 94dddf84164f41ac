import { CancelledError, CloudError } from '../cloud/errors';
import { toCloudError } from '../cloud/errorMapping';
import { fetchPage, type ListAction, type Page } from '../cloud/paging';
import type { ProductId } from '../cloud/types';
import type { ExplorerContext, ExplorerNode, ListDrift } from './node';

/** Fetches page `index` (0-based) of some listing. */
export type PageLoader<Item> = (index: number, pageSize: number, signal: AbortSignal) => Promise<Page<Item>>;

/** What an item is known by across pages (a backup or resource ID); '' when it has none. */
export type Identity<Item> = (item: Item) => string;

/** Builds an item's row; `key` is unique among the owner's children, so `${owner.id}/${key}` is a unique id. */
export type NodeFactory<Item> = (item: Item, key: string) => ExplorerNode;

/**
 * The children one listing gives a node, loaded a page at a time and kept until reset. Two quick requests for
 * the same page share one fetch; a reset cancels what is in flight and ignores its late answer.
 *
 * Pages are fetched by offset, so a list that changes between pages shifts: an item already shown comes back,
 * or one is skipped. With an identity each item is shown once (a repeat would also give VS Code a duplicate
 * tree item id, which loses the whole page up to 1.106), and a drift row says the list moved.
 */
export class ChildList<Item> {
  private readonly loadedItems: Item[] = [];
  private readonly nodes: ExplorerNode[] = [];
  private readonly shownIds = new Set<string>();
  private anonymous = 0;
  private repeats = 0;
  private firstTotal = 0;
  private drift: ListDrift | undefined;
  private nextIndex = 0;
  private total = 0;
  private more = true;
  /** The window the last page came from, and the older one a "Load older…" row would ask for. */
  private window: Page<Item>['window'];
  private started = false;
  private error: CloudError | undefined;
  private inflight: Promise<void> | undefined;
  private controller = new AbortController();
  private generation = 0;

  constructor(
    private readonly owner: ExplorerNode,
    private readonly ctx: ExplorerContext,
    private readonly errorContext: { product: ProductId; action: string },
    private readonly load: PageLoader<Item>,
    private readonly toNode?: NodeFactory<Item>,
    /** Tells lists of one node apart in ids ("replicate", "sharding"). */
    private readonly key = 'items',
    /** Without one every item counts as new: repeats cannot be told apart. */
    private readonly identify?: Identity<Item>,
  ) {}

  get items(): readonly Item[] {
    return this.loadedItems;
  }

  /** Loaded, settled and holding nothing. */
  get isEmpty(): boolean {
    return this.started && !this.inflight && !this.error && this.loadedItems.length === 0;
  }

  /** Loaded, settled, not failed, and the API has more (a next page or an older window). */
  get canLoadMore(): boolean {
    return this.started && !this.inflight && !this.error && this.more;
  }

  /** Loads the first page unless it is loaded (or loading) already. */
  async ensureLoaded(): Promise<void> {
    if (!this.started) this.loadNext();
    await this.inflight;
  }

  loadNext(): Promise<void> {
    if (this.inflight) return this.inflight;
    if (this.started && !this.more) return Promise.resolve();
    this.started = true;
    this.error = undefined;
    const generation = this.generation;
    const task = this.fetchNext(generation).finally(() => {
      if (generation === this.generation) this.inflight = undefined;
    });
    this.inflight = task;
    return task;
  }

  /** Cancels loads in flight and forgets everything, so the next expand starts afresh. */
  reset(): void {
    this.controller.abort();
    this.controller = new AbortController();
    this.generation++;
    this.loadedItems.length = 0;
    this.nodes.length = 0;
    this.shownIds.clear();
    this.anonymous = 0;
    this.repeats = 0;
    this.firstTotal = 0;
    this.drift = undefined;
    this.nextIndex = 0;
    this.total = 0;
    this.more = true;
    this.window = undefined;
    this.started = false;
    this.error = undefined;
    this.inflight = undefined;
  }

  /** The item nodes, then a drift row, then an error row or a Load more row when there is one. */
  render(): ExplorerNode[] {
    const rows = [...this.nodes];
    const prefix = `${this.owner.id}/${this.key}`;
    if (this.drift) {
      rows.push(this.ctx.rows.drift(`${prefix}#drift`, this.owner, this.drift, () => this.reload()));
    }
    if (this.error) {
      rows.push(this.ctx.rows.error(`${prefix}#error`, this.owner, this.error, () => void this.retry()));
    } else if (this.started && this.more && this.window?.older) {
      // Past the window: older backups exist only as far as asking tells, so the row names the date, not a count.
      rows.push(this.ctx.rows.loadOlder(`${prefix}#older`, this.owner, this.window.older, this.inflight !== undefined, () => void this.loadMoreAndShow()));
    } else if (this.started && this.more && this.loadedItems.length > 0) {
      rows.push(this.ctx.rows.loadMore(`${prefix}#more`, this.owner, this.loadedItems.length, this.total, this.inflight !== undefined, () => void this.loadMoreAndShow()));
    }
    return rows;
  }

  /** Redraws only when the retry settles: a redraw while the user clicks could swallow the click. */
  private async retry(): Promise<void> {
    await this.loadNext();
    this.ctx.changed(this.owner);
  }

  private async loadMoreAndShow(): Promise<void> {
    const pending = this.loadNext();
    this.ctx.changed(this.owner);
    await pending;
    this.ctx.changed(this.owner);
  }

  /** Starts again from the first page, so the list matches the cloud once more. */
  private reload(): void {
    this.reset();
    this.ctx.changed(this.owner);
  }

  private async fetchNext(generation: number): Promise<void> {
    const signal = this.controller.signal;
    try {
      const page = await this.ctx.withProgress(this.load(this.nextIndex, this.ctx.settings.pageSize, signal));
      if (generation !== this.generation) return;
      for (const item of page.items) this.add(item);
      // A new window is a new list as far as drift goes: its total counts other backups.
      if (this.nextIndex === 0 || page.window?.index !== this.window?.index) {
        this.firstTotal = page.total;
        // A repeat within the first page is the API's own, not a change since loading.
        this.repeats = 0;
      } else {
        // Without a total only repeats tell that the list moved.
        this.drift = measureDrift(page.totalUnknown ? 0 : page.total - this.firstTotal, this.repeats);
      }
      this.nextIndex++;
      this.total = page.total;
      this.window = page.window;
      this.more = page.hasMore || page.window?.older !== undefined;
    } catch (err) {
      if (generation !== this.generation || err instanceof CancelledError) return;
      this.error = toCloudError(err, this.errorContext.product, this.errorContext.action);
    }
  }

  /** Adds an item unless it is shown already; an item without an ID gets a key of its own. */
  private add(item: Item): void {
    const id = this.identify?.(item) ?? '';
    if (id !== '') {
      if (this.shownIds.has(id)) {
        this.repeats++;
        return;
      }
      this.shownIds.add(id);
    }
    this.loadedItems.push(item);
    if (this.toNode) this.nodes.push(this.toNode(item, id !== '' ? id : `${this.key}#anon-${++this.anonymous}`));
  }
}

/**
 * The least change that explains a later page: the total moved by `net` since the first page, and `repeats`
 * items came back (each needs an addition before its offset).
 */
function measureDrift(net: number, repeats: number): ListDrift | undefined {
  const added = Math.max(0, net, repeats);
  const removed = added - net;
  return added > 0 || removed > 0 ? { added, removed } : undefined;
}

/** A loader for one of the cloud layer's paged listings, with the client current at load time. */
export function listLoader<Scope, Item>(ctx: ExplorerContext, list: ListAction<Scope, Item>, scope: Scope): PageLoader<Item> {
  return (index, pageSize, signal) => fetchPage(ctx.client, list, scope, index, pageSize, signal);
}

/** A loader for a listing that comes whole in one response. */
export function singlePage<Item>(fetch: (signal: AbortSignal) => Promise<Item[]>): PageLoader<Item> {
  return async (_index, _pageSize, signal) => {
    const items = await fetch(signal);
    return { items, total: items.length, index: 0, loaded: items.length, hasMore: false };
  };
}
