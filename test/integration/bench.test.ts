// Benchmark figures only the real extension host gives: activate()'s own duration, the requests activation makes,
// and getTreeItem() for pages of backups. `npm run bench` runs these (test/bench/extensionHost.ts) with BENCH=1;
// otherwise they are skipped. Reads EMULATOR_URL and BENCH_INPUT (raw pages), writes BENCH_OUTPUT.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { adbBackups, type ClusterScope } from '../../src/products/adb';
import { dbsFullBackups, type PlanScope } from '../../src/products/dbs';
import { ddsBackups, type InstanceScope } from '../../src/products/dds';
import type { Backup } from '../../src/cloud/models';
import type { RawObject } from '../../src/cloud/types';
import { BackupNode } from '../../src/explorer/backupNode';
import type { ExplorerNode } from '../../src/explorer/node';
import type { HostResults, RawPage } from '../bench/extensionHost';

const EXTENSION_ID = 'backup-explorer-dev.alibaba-cloud-backup-explorer';
const ROUNDS = 30;

const NORMALISE: Record<string, (raw: RawObject, scope: object) => Backup> = {
  adb: (raw, scope) => adbBackups.normalise(raw, scope as ClusterScope),
  dds: (raw, scope) => ddsBackups.normalise(raw, scope as InstanceScope),
  dbs: (raw, scope) => dbsFullBackups.normalise(raw, scope as PlanScope),
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Requests the emulator has received since its stats were last reset (its control API is not counted). */
async function emulatorRequests(method = 'GET'): Promise<number> {
  const res = await fetch(`${process.env.EMULATOR_URL}/__emulator/stats`, { method });
  return ((await res.json()) as { total?: number }).total ?? 0;
}

(process.env.BENCH === '1' ? describe : describe.skip)('Benchmark (BENCH=1)', () => {
  const results: HostResults = { vscode: vscode.version, pages: {} };

  after(() => {
    fs.writeFileSync(String(process.env.BENCH_OUTPUT), JSON.stringify(results));
  });

  it('activates without a request', async function () {
    this.timeout(30_000);
    const url = process.env.EMULATOR_URL;
    assert.ok(url, 'EMULATOR_URL is not set');
    const ext = vscode.extensions.getExtension<{ activationMs: number }>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    assert.ok(!ext.isActive, 'the extension is active already: run the benchmark tests on their own (INTEGRATION_GREP)');
    await vscode.workspace.getConfiguration('alibabaCloudBackups').update('endpointOverrides', { adb: url, dds: url, dbs: url }, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('alibabaCloudBackups').update('products', ['adb', 'dds', 'dbs'], vscode.ConfigurationTarget.Global);

    await emulatorRequests('DELETE');
    results.activationMs = (await ext.activate()).activationMs;
    // Work that activate() starts without awaiting it would reach the emulator within this pause.
    await sleep(1000);
    results.requestsDuringActivation = await emulatorRequests();

    // Opening the view must reach the emulator, or the zero above would prove nothing.
    await vscode.commands.executeCommand('workbench.view.extension.alibabaCloudBackups');
    for (let waited = 0; waited < 15_000 && (await emulatorRequests()) === results.requestsDuringActivation; waited += 100) await sleep(100);
    results.requestsAfterViewOpened = (await emulatorRequests()) - results.requestsDuringActivation;
    assert.ok(results.requestsAfterViewOpened > 0, 'opening the view made no request: the emulator is not wired up, so activation proves nothing');
  });

  it('turns pages of raw backups into tree items', () => {
    const pages = (JSON.parse(fs.readFileSync(String(process.env.BENCH_INPUT), 'utf8')) as { pages: RawPage[] }).pages;
    const parent: ExplorerNode = { id: 'bench', getTreeItem: () => new vscode.TreeItem('bench') };
    for (const page of pages) {
      const normalise = NORMALISE[page.product];
      const convert: number[] = [];
      const treeItems: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const started = performance.now();
        const nodes = page.raw.map((raw) => new BackupNode(parent, normalise(raw, page.scope)));
        const converted = performance.now();
        for (const node of nodes) node.getTreeItem();
        convert.push(converted - started);
        treeItems.push(performance.now() - converted);
      }
      results.pages[page.product] = { items: page.raw.length, convertMs: median(convert), treeItemMs: median(treeItems), totalMs: median(convert.map((c, i) => c + treeItems[i])) };
    }
  });
});
