// The refresh storm through the product's own Session and BackupTreeProvider (VS Code stubbed): Refresh in the
// real extension drops the session's client and builds a new one, so this is where a cap that only one client
// knows about would leak. The emulator counts what is really in flight.
import './vscodeStub';
import * as assert from 'assert';
import type * as vscode from 'vscode';
import { CredentialService } from '../../src/auth/credentialService';
import { BackupTreeProvider } from '../../src/explorer/treeProvider';
import { Session } from '../../src/session';
import { TEST_CREDENTIALS } from '../emulator';
import { emulatorEndpoints, SEED_PRODUCTS, sleep, until, useFigures, useSuiteEmulator } from './support';
import { configValues, resetStub } from './vscodeStub';

const LIMIT = 2;
const LATENCY_MS = 200;

function secretsWith(key: object): vscode.SecretStorage {
  const data = new Map([['alibabaCloudBackups.accessKey', JSON.stringify(key)]]);
  return {
    get: async (k: string) => data.get(k),
    store: async () => undefined,
    delete: async () => undefined,
    keys: async () => [...data.keys()],
    onDidChange: () => ({ dispose: () => undefined }),
  } as unknown as vscode.SecretStorage;
}

const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, trace: () => undefined } as unknown as vscode.LogOutputChannel;

describe('Reliability: Refresh storm through Session and the tree provider (VS Code stubbed)', function () {
  this.timeout(60_000);
  const figures = useFigures('session-storm');
  const s = useSuiteEmulator({ latencyMs: LATENCY_MS });

  it(`Refresh clicked while loads are in flight never puts more than maxConcurrentRequests (${LIMIT}) in flight`, async () => {
    resetStub();
    configValues.endpointOverrides = emulatorEndpoints(s.emulator.url);
    configValues.products = [...SEED_PRODUCTS];
    configValues.maxConcurrentRequests = LIMIT;
    configValues.regions = ['cn-hangzhou'];
    const session = new Session(new CredentialService(secretsWith(TEST_CREDENTIALS.normal)), quietLog);
    const provider = new BackupTreeProvider(session, quietLog);
    let refreshes = 0;
    const expandAll = async (): Promise<void> => {
      const regions = await provider.getChildren();
      await Promise.all(regions.map(async (r) => Promise.all(((await provider.getChildren(r)) ?? []).map((p) => provider.getChildren(p)))));
    };
    const loads: Array<Promise<unknown>> = [];
    for (let i = 0; i < 12; i++) {
      loads.push(expandAll().catch(() => undefined));
      await sleep(LATENCY_MS / 4);
      provider.refresh();
      refreshes++;
    }
    await Promise.all(loads);
    await expandAll();
    // The tree in the end: cn-hangzhou's three products with every resource of the dataset, no error row.
    const [region] = await provider.getChildren();
    assert.strictEqual(region.id, 'region/cn-hangzhou');
    const products = await provider.getChildren(region);
    const ids = (await Promise.all(products.map((p) => provider.getChildren(p)))).flat().map((n) => n.id.split('/').pop());
    const data = s.emulator.data;
    const expected = [
      ...data.adb.clusters.filter((c) => c.regionId === 'cn-hangzhou').map((c) => c.id),
      ...data.adb5.filter((c) => c.regionId === 'cn-hangzhou').map((c) => c.id),
      ...data.dds.instances.filter((c) => c.regionId === 'cn-hangzhou').map((c) => c.id),
      ...data.dbs.plans.filter((c) => c.regionId === 'cn-hangzhou').map((c) => c.id),
    ];
    assert.deepStrictEqual([...ids].sort(), [...expected].sort(), 'the final tree holds exactly the data');
    await until(() => s.emulator.stats().inFlight === 0, 'the emulator to be idle', 20_000);
    const peak = s.emulator.stats().inFlightPeak;
    figures.load = { scenario: `${refreshes} Refresh clicks while the tree loads, through Session and the tree provider (each Refresh builds a new client)`, peakInFlight: peak, limit: LIMIT, requests: s.emulator.stats().total, clicks: 0, refreshes, latencyMs: LATENCY_MS, passed: peak <= LIMIT };
    assert.ok(peak <= LIMIT, `the emulator saw ${peak} requests in flight at once after ${refreshes} refreshes; maxConcurrentRequests is ${LIMIT}`);
  });
});
