// Show Backup Health's scan: the account walk, reading for each resource one page of its newest backups within a
// window, and its backup policy where its kind has one; each resource becomes a row with a verdict as it arrives.
//
// Requests: every listing page of the walk (DescribeRegions per API version, resource pages, a sharded cluster's
// shard lookup) + exactly one backup request per resource + one DescribeBackupPolicy per resource whose kind has a
// policy (shard nodes share their cluster's; a DBS plan's schedule comes with its listing), sent alongside the
// backup request so it adds no step to the chain.
import type { CloudClient } from '../cloud/client';
import type { CloudError } from '../cloud/errors';
import { toCloudError } from '../cloud/errorMapping';
import type { Backup, Resource } from '../cloud/models';
import type { ProductId } from '../cloud/types';
import { kindEntry } from '../products';
import type { BackupSchedule, Listing, ProductEntry } from '../products/catalog';
import { cadenceOf, FAILURE_WINDOW_MS, HOUR_MS, readHistory, verdictOf, type BackupHistory, type Cadence, type Retention, type Verdict } from './healthVerdict';
import { walkAccount } from './walk';

/** The smallest page every backup API accepts: a resource's newest backups in one request. */
export const BACKUP_PAGE_SIZE = 30;

export interface HealthScanOptions {
  /** Page size of the resource listings (the pageSize setting); backups are read BACKUP_PAGE_SIZE at a time. */
  pageSize: number;
  /** Listings under way at once; the client's limiter still caps the requests in flight. */
  concurrency: number;
  /** Only these regions (all that the products serve when empty or absent). */
  regions?: readonly string[];
  /** The staleAfterHours setting. */
  staleAfterHours: number;
  signal?: AbortSignal;
  now?: () => number;
}

/** What failed, in the API's words: its Code and RequestId are what support asks for. */
export interface HealthError {
  action: string;
  code: string;
  requestId?: string;
  message: string;
}

export interface HealthRow {
  /** product/region/ID: what the panel and a click know the row by. */
  key: string;
  product: ProductId;
  /** Absent when the product's regions could not be read. */
  region?: string;
  /** Absent when the listing that would have named it failed. */
  resource?: Resource;
  verdict: Verdict;
  /** Absent for unknown rows. */
  history?: BackupHistory;
  /** The page was full: there may be more failures than counted. */
  failuresAtLeast: boolean;
  cadence?: Cadence;
  retention?: Retention & { from: 'policy' | 'observed' };
  /** Why the verdict is unknown. */
  error?: HealthError;
  /** The policy could not be read: the cadence is then the observed one. */
  policyError?: HealthError;
  /** When the verdict was reached (epoch ms): ages are measured from here. */
  checkedAt: number;
}

export type HealthEvent =
  | { type: 'row'; row: HealthRow }
  /** How many rows the scan now expects in all; grows as listings and shard lookups answer. */
  | { type: 'found'; total: number };

interface PolicyRead {
  schedule?: BackupSchedule;
  error?: HealthError;
}

const keyOf = (product: ProductId, region: string, id: string): string => `${product}/${region}/${id}`;

function healthError(error: CloudError): HealthError {
  return { action: error.action, code: error.code, requestId: error.requestId, message: error.message };
}

/**
 * Scans the account's health over the given products and the regions option. Streams a row per resource (and one
 * per listing that failed, as unknown), stops on the signal, and never reads more than one backup page a resource.
 */
export async function* scanHealth(client: CloudClient, products: readonly ProductEntry[], options: HealthScanOptions): AsyncGenerator<HealthEvent> {
  const now = options.now ?? Date.now;
  const started = now();
  // The question "when was the last good backup, and what failed this week" needs no older backups than this.
  const end = new Date(Math.ceil(started / 60_000) * 60_000);
  const windowMs = Math.max(FAILURE_WINDOW_MS, options.staleAfterHours * HOUR_MS);
  const window = { start: new Date(end.getTime() - windowMs), end };
  const listingOptions = { windowDays: windowMs / (24 * HOUR_MS) };
  const policies = new Map<string, PolicyRead | Promise<PolicyRead>>();
  const pages = new Map<string, { more: boolean; children: number }>();

  const readPolicy = (resource: Resource, signal: AbortSignal): PolicyRead | Promise<PolicyRead> | undefined => {
    const kind = kindEntry(resource);
    const listed = kind?.listedSchedule?.(resource);
    if (listed) return { schedule: listed };
    if (!kind?.policy) return undefined;
    return kind.policy(client, resource, signal).then(
      ({ schedule }) => ({ schedule }),
      (err: unknown) => ({ error: healthError(toCloudError(err, resource.product, 'DescribeBackupPolicy')) }),
    );
  };

  // A resource's first listing is its backups (a DBS plan's binlog files come second and are left out); the policy
  // is asked for at the same time.
  const listingsOf = (resource: Resource): Listing[] => {
    const first = kindEntry(resource)?.children(resource, window, listingOptions)[0];
    if (!first) return [];
    const key = keyOf(resource.product, resource.region, resource.id);
    return [
      {
        ...first,
        fetch: async (listingClient, index, _pageSize, signal) => {
          const policy = readPolicy(resource, signal);
          if (policy) policies.set(key, policy);
          const [page] = await Promise.all([first.fetch(listingClient, index, BACKUP_PAGE_SIZE, signal), policy]);
          pages.set(key, { more: page.hasMore, children: page.items.filter((entry) => entry.resource).length });
          return page;
        },
      },
    ];
  };

  let found = 0;
  let failures = 0;
  const walk = walkAccount(client, products, { pageSize: options.pageSize, concurrency: options.concurrency, regions: options.regions, signal: options.signal, ...listingOptions, listingsOf });
  for await (const event of walk) {
    if (event.type === 'resources') {
      found += event.count;
      yield { type: 'found', total: found };
    } else if (event.type === 'failure') {
      const { product, region, resource, error } = event;
      if (!resource) yield { type: 'found', total: ++found };
      const key = resource ? keyOf(product.id, resource.region, resource.id) : `${product.id}/${region ?? ''}/#${++failures}`;
      const row: HealthRow = { key, product: product.id, region: resource?.region ?? region, resource, verdict: 'unknown', failuresAtLeast: false, error: healthError(error), checkedAt: now() };
      yield { type: 'row', row };
    } else if (event.type === 'resource') {
      const { resource } = event;
      const key = keyOf(resource.product, resource.region, resource.id);
      const page = pages.get(key);
      // A sharded cluster whose lookup found shard nodes: they are the rows.
      if (page && page.children > 0) {
        found += page.children - 1;
        yield { type: 'found', total: found };
        continue;
      }
      const parent = resource.parentId === undefined ? undefined : keyOf(resource.product, resource.region, resource.parentId);
      const policy = await (policies.get(key) ?? (parent === undefined ? undefined : policies.get(parent)));
      yield { type: 'row', row: healthRow(key, resource, event.backups, page?.more ?? false, policy, options.staleAfterHours, now()) };
    }
  }
}

function healthRow(
  key: string,
  resource: Resource,
  backups: readonly Backup[],
  more: boolean,
  policy: PolicyRead | undefined,
  staleAfterHours: number,
  now: number,
): HealthRow {
  const history = readHistory(backups, now);
  const cadence = cadenceOf(policy?.schedule, history);
  const policyRetention = policy?.schedule?.retention;
  const retention = policyRetention ? { ...policyRetention, from: 'policy' as const } : history.observedRetention && { ...history.observedRetention, from: 'observed' as const };
  return {
    key,
    product: resource.product,
    region: resource.region,
    resource,
    verdict: verdictOf(history, cadence?.hours, staleAfterHours, now),
    history,
    failuresAtLeast: more,
    cadence,
    retention,
    policyError: policy?.error,
    checkedAt: now,
  };
}
