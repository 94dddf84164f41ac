// What the download specs share: an emulator that serves backup files, real signing clients pointed at it for
// every product, a scratch folder, and helpers to read what landed on disk.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CloudClient } from '../../src/cloud/client';
import type { Backup, Resource } from '../../src/cloud/models';
import type { ProductId } from '../../src/cloud/types';
import { download, type DownloadOptions, type DownloadResult } from '../../src/download/downloader';
import { DownloadError } from '../../src/download/downloadError';
import { kindEntry, productEntry } from '../../src/products';
import { useEmulator, type Harness } from '../cloud/harness';

export const MiB = 1024 * 1024;
export const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 };

export interface DownloadHarness extends Harness {
  /** A fresh folder per test. */
  dir: string;
  /** A client whose every product goes to the emulator. */
  cloud(): CloudClient;
}

/** The emulator with `downloads` for the suite; a scratch folder per test, removed after it. */
export function useDownloads(): DownloadHarness {
  const harness = useEmulator({ downloads: true }) as DownloadHarness;
  let root = '';
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'abx-download-'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  beforeEach(function () {
    harness.dir = fs.mkdtempSync(path.join(root, 't-'));
  });
  harness.cloud = () => {
    const url = harness.emulator.url;
    const endpointOverrides = Object.fromEntries((['adb', 'dds', 'dbs', 'rds', 'polardb', 'r-kvstore'] as const).map((p) => [p, url]));
    return harness.client({ settings: { endpointOverrides } });
  };
  return harness;
}

/** Runs a download of a fixed URL into `dir/name` with fast retries, collecting its log. */
export async function fetchTo(dir: string, name: string, url: string, extra: Partial<DownloadOptions> = {}): Promise<{ result: DownloadResult; target: string; log: string[] }> {
  const log: string[] = [];
  const target = path.join(dir, name);
  const result = await download({ url: async () => url, target, signal: new AbortController().signal, retry: FAST_RETRY, log: (l) => log.push(l), ...extra });
  return { result, target, log };
}

/** The DownloadError a download ends with (it must end with one). */
export async function downloadFailure(promise: Promise<unknown>): Promise<DownloadError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof DownloadError) return err;
    throw err;
  }
  throw new Error('expected the download to fail');
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The names in a folder: what a download left behind. */
export function filesIn(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

/** A resource as the catalog lists it in a region. */
export async function findResource(client: CloudClient, product: ProductId, region: string, id: string): Promise<Resource> {
  const signal = new AbortController().signal;
  for (const listing of productEntry(product)?.resources(region) ?? []) {
    for (let index = 0; ; index++) {
      const page = await listing.fetch(client, index, 100, signal);
      const found = page.items.find((e) => e.resource?.id === id)?.resource;
      if (found) return found;
      if (!page.hasMore) break;
    }
  }
  throw new Error(`${product} ${id} is not listed in ${region}`);
}

/** The backups the catalog lists first under a resource (its first page of each list). */
export async function firstBackups(client: CloudClient, resource: Resource, windowDays = 7): Promise<Backup[]> {
  const signal = new AbortController().signal;
  const backups: Backup[] = [];
  for (const listing of kindEntry(resource)?.children(resource, undefined, { windowDays }) ?? []) {
    const page = await listing.fetch(client, 0, 100, signal);
    for (const e of page.items) if (e.backup) backups.push(e.backup);
  }
  return backups;
}
