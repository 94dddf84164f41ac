import * as assert from 'assert';
import { adbBackups, adbClusters, adbRegions } from '../../src/products/adb';
import { CloudError } from '../../src/cloud/errors';
import { fetchAll, fetchPage } from '../../src/cloud/paging';
import { listRegions } from '../../src/cloud/regions';
import { failure, useEmulator } from './harness';

const BIG = 'am-bp1big0000000001';
const EMPTY = 'am-bp1empty00000001';

describe('AnalyticDB for MySQL through the signing client', () => {
  const h = useEmulator();

  it('DescribeRegions lists the regions with their names', async () => {
    const regions = await listRegions(h.client(), adbRegions);
    assert.ok(regions.length >= 3);
    assert.ok(regions.some((r) => r.id === 'cn-hangzhou' && r.name));
  });

  it('DescribeDBClusters lists a region’s clusters, integer totals included', async () => {
    const page = await fetchPage(h.client(), adbClusters, { region: 'cn-hangzhou' }, 0, 30);
    assert.ok(page.items.some((c) => c.id === BIG));
    assert.strictEqual(page.total, page.items.length);
    assert.strictEqual(page.hasMore, false);
  });

  it('DescribeBackups pages add up to the string TotalCount, with no item twice', async () => {
    const client = h.client();
    const first = await fetchPage(client, adbBackups, { region: 'cn-hangzhou', clusterId: BIG }, 0, 100);
    assert.ok(first.total > 200, `total ${first.total}`);
    assert.strictEqual(first.items.length, 100);
    assert.ok(first.hasMore);
    const all = await fetchAll(client, adbBackups, { region: 'cn-hangzhou', clusterId: BIG }, 100);
    assert.strictEqual(all.length, first.total);
    assert.strictEqual(new Set(all.map((b) => b.id)).size, all.length);
    const pages = h.emulator.requests().filter((r) => r.action === 'DescribeBackups');
    assert.strictEqual(pages.length, 1 + Math.ceil(first.total / 100));
  });

  it('normalises a backup: numbers, no-seconds times and status', async () => {
    const page = await fetchPage(h.client(), adbBackups, { region: 'cn-hangzhou', clusterId: BIG }, 0, 30);
    const backup = page.items[0];
    assert.strictEqual(typeof backup.sizeBytes, 'number');
    assert.ok(backup.startTime instanceof Date && !Number.isNaN(backup.startTime.getTime()));
    assert.ok(['success', 'running'].includes(backup.status));
    assert.strictEqual(backup.raw.BackupId, backup.id);
  });

  it('an empty cluster has no backups and no more pages', async () => {
    const page = await fetchPage(h.client(), adbBackups, { region: 'cn-hangzhou', clusterId: EMPTY }, 0, 30);
    assert.deepStrictEqual([page.items.length, page.total, page.hasMore], [0, 0, false]);
  });

  it('a time range is sent in the no-seconds format and narrows the list', async () => {
    const all = await fetchAll(h.client(), adbBackups, { region: 'cn-hangzhou', clusterId: BIG }, 100);
    const times = all.map((b) => b.startTime?.getTime() ?? 0).sort((a, b) => a - b);
    const start = new Date(times[10]);
    const end = new Date(times[40]);
    const filtered = await fetchAll(h.client(), adbBackups, { region: 'cn-hangzhou', clusterId: BIG, filter: { start, end } }, 100);
    assert.ok(filtered.length > 0 && filtered.length < all.length);
    const sent = h.emulator.requests().at(-1);
    assert.match(sent?.params.StartTime ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
  });

  it('an unknown cluster is a notFound error with the API code and RequestId', async () => {
    const err = await failure(fetchPage(h.client(), adbBackups, { region: 'cn-hangzhou', clusterId: 'am-doesnotexist' }, 0, 30));
    assert.ok(err instanceof CloudError);
    assert.strictEqual(err.kind, 'notFound');
    assert.strictEqual(err.code, 'InvalidDBCluster.NotFound');
    assert.strictEqual(err.httpStatus, 404);
    assert.ok(err.requestId);
  });
});
