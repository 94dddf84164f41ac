// What a product is, in one place per product: the tree, the commands, the details view, the settings and the
// account-wide walks read it from here. No `vscode`: labels are English messages (marked with `msg`) that the UI
// translates, so the same entries serve plain-Node tests and the benchmark.
import type { CloudClient } from '../cloud/client';
import type { Backup, BackupFilter, Resource } from '../cloud/models';
import type { Page } from '../cloud/paging';
import type { RegionsAction } from '../cloud/regions';
import type { ProductId } from '../cloud/types';

/** A UI message in English, translated where it is shown (through `say`). */
export type Message = string & { readonly __message: unique symbol };

/** Marks a literal as a UI message, so the l10n check finds it in product files. */
export function msg(text: string): Message {
  return text as Message;
}

/** A translator: the extension passes `vscode.l10n.t`; plain-Node callers fill in placeholders in English. */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** A catalog message in the user's language: the one place catalog labels are translated. */
export function say(message: Message, t: Translate, ...args: Array<string | number>): string {
  return t(message, ...args);
}

/** One row a listing yields: something that owns backups, or a backup (which may have parts, e.g. per node). */
export type Entry = { resource: Resource; backup?: undefined } | { backup: Backup; resource?: undefined };

/** Fetches page `index` (0-based) of a listing with the client current at load time. */
export type PageFetch = (client: CloudClient, index: number, pageSize: number, signal: AbortSignal) => Promise<Page<Entry>>;

/** One list of rows under a node: its key tells lists of one node apart; product and action name its errors. */
export interface Listing {
  readonly key: string;
  readonly product: ProductId;
  readonly action: string;
  readonly fetch: PageFetch;
}

/** What the user's settings say about listings. */
export interface ListingOptions {
  /** How many days back a list that needs a time range first asks for; "Load older…" goes further. */
  readonly windowDays: number;
}

/** What a kind of resource (cluster, replica set, shard node, plan…) is and what it expands to. */
export interface ResourceKindEntry {
  /** "MongoDB replica set": the details view's Type and the tooltip. */
  readonly label: Message;
  /** "Replica set {0}": the details panel's title, {0} being the ID. */
  readonly title: Message;
  /** A codicon id. */
  readonly icon: string;
  /** What its ID is called in the details view, when more than "ID" ("Plan ID"). */
  readonly idLabel?: Message;
  /** Whether Filter Backups… applies to what it lists. */
  readonly filterable: boolean;
  /** The lists shown under it, narrowed by a filter when filterable. */
  children(resource: Resource, filter: BackupFilter | undefined, options: ListingOptions): Listing[];
  /** Extra rows for the details view, in reading order. */
  details?(resource: Resource): DetailRow[];
  /**
   * The backup policy, where it takes a request of its own (DescribeBackupPolicy): the details view's rows, and the
   * schedule the timeline and the health scan read. Kinds found under another resource (shard nodes) follow their
   * parent's.
   */
  policy?(client: CloudClient, resource: Resource, signal: AbortSignal): Promise<BackupPolicy>;
  /** The schedule a listing row already carries (a DBS plan's), where no request is needed. */
  listedSchedule?(resource: Resource): BackupSchedule;
}

/** What a backup policy answer says, read once: rows for a person, the schedule for the timeline and health. */
export interface BackupPolicy {
  readonly rows: DetailRow[];
  readonly schedule: BackupSchedule;
}

/** What a backup policy promises: when backups are taken and how long they are kept. */
export interface BackupSchedule {
  /** The longest wait between two scheduled backups, in hours. */
  intervalHours?: number;
  /** How long a backup is kept, in days; absent when the policy does not say. */
  retention?: { days: number } | { forever: true };
  /** The API's own words, shown as given: "Monday,Wednesday", "18:00Z-19:00Z" or "14:15", "2/24H". */
  days?: string;
  time?: string;
  frequency?: string;
  /** The days a backup is due, 0 = Sunday, in UTC; absent when the days are not known. */
  weekdays?: readonly number[];
  /** When the backup window opens, in minutes after midnight UTC; only when the time names its zone. */
  startMinuteUtc?: number;
  /** Backups per scheduled day (PolarDB's "2/24H" runs every 2 hours: 12); 1 when absent. */
  perDay?: number;
}

/** A value for the details view: data as it is, a time (shown in local time with its offset), or a message. */
export type DetailValue = string | number | Date | { message: Message; args: Array<string | number> } | undefined;

/** A labelled value for the details view; absent values are left out. */
export type DetailRow = [label: Message, value: DetailValue];

/** Filter Backups… for a product: which statuses, modes and types its API filters by (none: time range only). */
export interface BackupFilterCapability {
  readonly statuses: readonly string[];
  readonly modes?: readonly string[];
  readonly types?: readonly string[];
}


/**
 * Find by ID…: what this product's IDs look like and how one of its resources is looked up by ID. It lives with the
 * product so that adding a product stays one file; the search itself (src/account/find.ts) knows no product.
 */
export interface ProductIds {
  /** Its resources' IDs ("rm-…", "pgm-…"): an ID of this shape is looked up in this product alone. */
  readonly resource: RegExp;
  /** Its backups' IDs (digits, "cb-…"): a backup ID of another shape is never searched for here. */
  readonly backup: RegExp;
  /** Whether a resource's lists can hold this backup ID (absent: all can); one whose API would refuse it is passed over. */
  holdsBackup?(resource: Resource, backupId: string): boolean;
  /** The resource with this ID in a region, asked through the list API's ID filter; undefined when it is not there. */
  findResource(client: CloudClient, region: string, id: string, signal: AbortSignal): Promise<Resource | undefined>;
}

export interface ProductEntry {
  /** The product code: endpointOverrides key, error and context tokens. */
  readonly id: ProductId;
  readonly title: Message;
  /** "No clusters": shown when a region holds none. */
  readonly emptyLabel: Message;
  /** What a backup's owner is called in the details view ("Cluster", "Instance", "Backup plan"). */
  readonly ownerLabel: Message;
  /** Every DescribeRegions this product answers (one per API version it uses). */
  readonly regions: readonly RegionsAction[];
  /** The product's lists under a region (MongoDB: replica sets, sharded clusters, serverless). */
  resources(region: string): Listing[];
  readonly kinds: Readonly<Record<string, ResourceKindEntry>>;
  readonly backupFilter: BackupFilterCapability;
  /** Said on a backup's tooltip and details when the API gives no download URL at all ("PolarDB backups …"). */
  readonly noDownloadUrl?: Message;
  /** How Find by ID… recognises and looks up this product's resources and backups; absent: never searched. */
  readonly ids?: ProductIds;
}
