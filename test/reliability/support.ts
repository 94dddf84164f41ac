// Shared pieces of the plain-Node reliability tests: an emulator per suite, real signing clients pointed at it,
// an ExplorerContext that ChildList can run in without VS Code, and the figures each suite writes for the
// README's "Reliability and security" section (test-results/reliability-*.json, merged by report.mjs).
import * as fs from 'fs';
import * as path from 'path';
import { CloudClient, type CallRecord, type CloudSettings } from '../../src/cloud/client';
import { PRODUCTS } from '../../src/products';
import { CredentialSource, type AccessKey } from '../../src/cloud/credentials';
import type { CloudError } from '../../src/cloud/errors';
import type { ExplorerSettings } from '../../src/config';
import type { ExplorerContext, ExplorerNode, ListDrift } from '../../src/explorer/node';
import { startEmulator, TEST_CREDENTIALS, type RunningEmulator, type StartOptions } from '../emulator';

export const GOOD_KEY: AccessKey = TEST_CREDENTIALS.normal;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds; throws with `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

export interface Suite {
  emulator: RunningEmulator;
  calls: CallRecord[];
  client(options?: { key?: AccessKey; settings?: Partial<CloudSettings>; url?: string }): CloudClient;
}

/** Fast retries so a whole fault matrix runs in seconds; the budget (3 attempts) is what the tests count. */
export const TEST_RETRY = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 };

/** The products these suites were written for: their trees show these three, whatever the catalog adds. */
export const SEED_PRODUCTS = ['adb', 'dds', 'dbs'] as const;

/** Every product of the catalog pointed at one emulator. */
export function emulatorEndpoints(url: string): Record<string, string> {
  return Object.fromEntries(PRODUCTS.map((p) => [p.id, url]));
}

/** Starts an emulator for the describe block; clears faults, log and stats before each test. */
export function useSuiteEmulator(options: StartOptions = {}): Suite {
  const suite = { calls: [] as CallRecord[] } as Suite;
  before(async () => {
    suite.emulator = await startEmulator(options);
  });
  after(async () => {
    await suite.emulator?.close();
  });
  beforeEach(() => {
    suite.emulator.clearFaults();
    suite.emulator.clearRequests();
    suite.emulator.resetStats();
    suite.emulator.setLatency(options.latencyMs ?? 0);
    suite.calls.length = 0;
  });
  suite.client = ({ key = GOOD_KEY, settings = {}, url } = {}) => {
    const base = url ?? suite.emulator.url;
    return new CloudClient(
      { endpointOverrides: emulatorEndpoints(base), timeoutMs: 3000, maxConcurrentRequests: 8, retry: TEST_RETRY, ...settings },
      new CredentialSource(key),
      (record) => suite.calls.push(record),
    );
  };
  return suite;
}

/** A status row as the fake context builds it: what ChildList asked the tree to show after its items. */
export interface FakeRow extends ExplorerNode {
  kind: 'error' | 'loadMore' | 'loadOlder' | 'drift';
  before?: Date;
  error?: CloudError;
  drift?: ListDrift;
  retry?: () => void;
  loadMore?: () => void;
  loading?: boolean;
  shown?: number;
  total?: number;
}

export interface FakeContext extends ExplorerContext {
  client: CloudClient;
  settings: ExplorerSettings;
  /** Loads currently wrapped in withProgress: the view's progress bar ("spinner") is on while this is > 0. */
  readonly progress: { active: number; started: number };
  readonly changes: Array<ExplorerNode | undefined>;
}

export function settings(overrides: Partial<ExplorerSettings> = {}): ExplorerSettings {
  return { regions: [], endpointOverrides: {}, pageSize: 30, timeoutMs: 3000, maxConcurrentRequests: 8, useEcsMetadata: false, backupWindowDays: 7, products: [...SEED_PRODUCTS], problems: [], ...overrides };
}

/** The ExplorerContext the real Session provides, minus VS Code: counts progress and change events. */
export function fakeContext(client: CloudClient, overrides: Partial<ExplorerSettings> = {}): FakeContext {
  const progress = { active: 0, started: 0 };
  const changes: Array<ExplorerNode | undefined> = [];
  return {
    client,
    settings: settings(overrides),
    progress,
    changes,
    changed: (node) => {
      changes.push(node);
    },
    withProgress: <T>(task: Promise<T>): Promise<T> => {
      progress.active++;
      progress.started++;
      return task.finally(() => {
        progress.active--;
      });
    },
    rows: {
      error: (id, parent, error, retry): FakeRow => ({ id, parent, kind: 'error', error, retry, getTreeItem: () => ({}) as never }),
      loadMore: (id, parent, shown, total, loading, loadMore): FakeRow => ({ id, parent, kind: 'loadMore', shown, total, loading, loadMore, getTreeItem: () => ({}) as never }),
      loadOlder: (id, parent, before, loading, loadMore): FakeRow => ({ id, parent, kind: 'loadOlder', before, loading, loadMore, getTreeItem: () => ({}) as never }),
      drift: (id, parent, drift, refresh): FakeRow => ({ id, parent, kind: 'drift', drift, retry: refresh, getTreeItem: () => ({}) as never }),
    },
  };
}

/** An owner node for lists built directly in tests. */
export function ownerNode(id: string): ExplorerNode {
  return { id, getTreeItem: () => ({}) as never };
}

export function statusRowsOf(rows: ExplorerNode[]): FakeRow[] {
  return rows.filter((r): r is FakeRow => 'kind' in r);
}

// ---- figures

export interface FaultFigure {
  scenario: string;
  /** How many requests the emulator failed on purpose (or, for a stopped endpoint, how many were refused). */
  injected: number;
  expected: string;
  passed: boolean;
}

export interface Figures {
  source: string;
  faults: FaultFigure[];
  hostile: Array<{ input: string; where: string; passed: boolean }>;
  secrets: { texts: number; needles: number; hits: number; where: string[] };
  badInput: Array<{ input: string; where: string; message?: string; passed: boolean }>;
  load?: { scenario: string; peakInFlight: number; limit: number; requests: number; duplicateRequests?: number; clicks: number; refreshes: number; latencyMs: number; passed: boolean };
}

export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

/** Figures of one test file; written after its last test to test-results/reliability-<name>.json. */
export function useFigures(name: string): Figures {
  const figures: Figures = { source: `mocha:${name}`, faults: [], hostile: [], secrets: { texts: 0, needles: 0, hits: 0, where: [] }, badInput: [] };
  after(() => {
    const dir = path.join(repoRoot(), 'test-results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `reliability-${name}.json`), JSON.stringify({ ...figures, generatedAt: new Date().toISOString() }, null, 2));
  });
  return figures;
}

/** Counts occurrences of every needle in every text; returns the hits with where they were found. */
export function searchSecrets(texts: Array<[where: string, text: string]>, needles: string[]): Array<{ where: string; needle: string }> {
  const hits: Array<{ where: string; needle: string }> = [];
  for (const [where, text] of texts) for (const needle of needles) if (needle && text.includes(needle)) hits.push({ where, needle });
  return hits;
}
