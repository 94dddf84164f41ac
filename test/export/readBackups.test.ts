// Reading every backup of a resource for an export, through the real signing client against the emulator: every
// page and every time window, shard nodes' backups under a sharded cluster, the row's filter, each backup once
// when the list moves between pages, stopped at its bounds (and saying so), and stopped when cancelled.
import * as assert from 'assert';
import { CancelledError } from '../../src/cloud/errors';
import type { Resource } from '../../src/cloud/models';
import type { ProductId } from '../../src/cloud/types';
import { readAllBackups, type ReadOptions } from '../../src/export/readBackups';
import { SAMPLE_IDS } from '../emulator';
import { useSuiteEmulator } from '../reliability/support';
import { findResource } from './support';

const HZ = 'cn-hangzhou';
const signal = (): AbortSignal => new AbortController().signal;

describe('export: reading every backup of a resource', function () {
  this.timeout(30_000);
  const s = useSuiteEmulator();
  const resource = (product: ProductId, id: string): Promise<Resource> => findResource(s.client(), product, HZ, id);
  const read = async (product: ProductId, id: string, options: Partial<ReadOptions> = {}) => {
    const found = await resource(product, id);
    s.emulator.clearRequests();
    return readAllBackups(s.client(), found, { pageSize: 100, windowDays: 7, signal: signal(), ...options });
  };
  const ids = (result: { backups: Array<{ backup: { id: string } }> }): string[] => result.backups.map((b) => b.backup.id);

  it('reads every page (RDS, 130 backups: 2 requests at 100), each backup once, progress after each page', async () => {
    const progress: number[] = [];
    const result = await read('rds', SAMPLE_IDS.rds.mysql, { onProgress: (n) => progress.push(n) });
    assert.strictEqual(result.backups.length, 130);
    assert.strictEqual(new Set(ids(result)).size, 130);
    assert.deepStrictEqual([result.pages, result.cut], [2, false]);
    assert.deepStrictEqual(progress, [100, 130]);
    assert.strictEqual(s.emulator.requests().filter((r) => r.action === 'DescribeBackups').length, 2);
  });

  it('reads every listing of a resource (DBS: 130 full backups and 75 binlog files)', async () => {
    const result = await read('dbs', SAMPLE_IDS.dbs.big);
    assert.strictEqual(result.backups.length, 130 + 75);
    assert.strictEqual(result.cut, false);
  });

  it('reads every time window back to the creation time (PolarDB: all 80 backups, not only the last 7 days)', async () => {
    const result = await read('polardb', SAMPLE_IDS.polardb.mysql);
    assert.strictEqual(result.backups.length, s.emulator.data.backupCount('polardb', SAMPLE_IDS.polardb.mysql));
    assert.strictEqual(new Set(ids(result)).size, result.backups.length);
    const windows = s.emulator.requests().filter((r) => r.action === 'DescribeBackups');
    assert.ok(windows.length > 1 && windows.every((w, k) => k === 0 || w.params.EndTime === windows[k - 1].params.StartTime), 'windows follow each other');
    assert.strictEqual(result.cut, false);
  });

  it('a sharded cluster exports its shard nodes\' backups, each owned by its node', async () => {
    const result = await read('dds', SAMPLE_IDS.dds.sharded);
    assert.strictEqual(result.backups.length, 20 + 15 + 10);
    assert.deepStrictEqual([...new Set(result.backups.map((b) => b.owner.id))].sort(), [...SAMPLE_IDS.dds.shardNodes].sort());
  });

  it('cluster backups come with their per-node parts', async () => {
    const result = await read('dds', SAMPLE_IDS.dds.clusterBackup);
    assert.strictEqual(result.backups.length, 45);
    assert.ok(result.backups.some((b) => (b.backup.parts?.length ?? 0) > 0), 'no cluster backup has parts');
  });

  it('applies the filter the row shows (RDS: manual backups only, asked of the API)', async () => {
    const result = await read('rds', SAMPLE_IDS.rds.mysql, { filter: { mode: 'Manual' } });
    assert.ok(result.backups.length > 0 && result.backups.length < 130);
    assert.ok(result.backups.every((b) => b.backup.mode === 'Manual'));
    assert.ok(s.emulator.requests().every((r) => r.action !== 'DescribeBackups' || r.params.BackupMode === 'Manual'));
  });

  it('stops at the page limit and says it was cut', async () => {
    const result = await read('rds', SAMPLE_IDS.rds.mysql, { pageSize: 30, limits: { maxPages: 2, maxBackups: 10_000 } });
    assert.deepStrictEqual([result.backups.length, result.pages, result.cut], [60, 2, true]);
    assert.strictEqual(s.emulator.requests().length, 2);
  });

  it('stops at the backup limit and says it was cut', async () => {
    const result = await read('rds', SAMPLE_IDS.rds.mysql, { pageSize: 30, limits: { maxPages: 100, maxBackups: 45 } });
    assert.deepStrictEqual([result.backups.length, result.pages, result.cut], [45, 2, true]);
  });

  it('is not cut when the last page ends exactly at the end of the list', async () => {
    const result = await read('rds', SAMPLE_IDS.rds.mysql, { limits: { maxPages: 2, maxBackups: 10_000 } });
    assert.deepStrictEqual([result.backups.length, result.cut], [130, false]);
  });

  it('keeps each backup once when backups are added between two pages', async () => {
    const data = s.emulator.data;
    const before = data.backupCount('rds', SAMPLE_IDS.rds.mysql);
    try {
      let added = false;
      const result = await read('rds', SAMPLE_IDS.rds.mysql, {
        pageSize: 30,
        onProgress: () => {
          if (!added) data.addBackups('rds', SAMPLE_IDS.rds.mysql, 3);
          added = true;
        },
      });
      assert.strictEqual(new Set(ids(result)).size, result.backups.length, 'a backup was kept twice');
      assert.strictEqual(result.backups.length, 130, 'the 3 repeats on the next page are kept once (the 3 new ones came after the first page)');
    } finally {
      data.removeBackups('rds', SAMPLE_IDS.rds.mysql, data.backupCount('rds', SAMPLE_IDS.rds.mysql) - before);
    }
  });

  it('stops when cancelled: rejects with CancelledError and asks for nothing more', async () => {
    const found = await resource('rds', SAMPLE_IDS.rds.mysql);
    s.emulator.clearRequests();
    s.emulator.setLatency(100);
    const controller = new AbortController();
    const reading = readAllBackups(s.client(), found, { pageSize: 30, windowDays: 7, signal: controller.signal, onProgress: () => controller.abort() });
    await assert.rejects(reading, (err) => err instanceof CancelledError);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.strictEqual(s.emulator.requests().length, 1);
  });

  it('a request in flight is abandoned when cancelled', async () => {
    const found = await resource('rds', SAMPLE_IDS.rds.mysql);
    s.emulator.injectFault({ kind: 'hang', product: 'rds', action: 'DescribeBackups' });
    const controller = new AbortController();
    const reading = readAllBackups(s.client(), found, { pageSize: 30, windowDays: 7, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(reading, (err) => err instanceof CancelledError);
  });
});
