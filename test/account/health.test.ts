// Show Backup Health: the verdict rules as pure functions, and the scan through the real signing client against the
// emulator, counting what it asks for: one backup request per resource, the listing pages, and one policy request
// per resource whose kind has a policy.
import * as assert from 'assert';
import { productRegions } from '../../src/account/regions';
import { BACKUP_PAGE_SIZE, scanHealth, type HealthEvent, type HealthRow, type HealthScanOptions } from '../../src/account/health';
import { cadenceOf, readHistory, staleLimitHours, verdictOf, type BackupHistory } from '../../src/account/healthVerdict';
import type { Backup, StatusFamily } from '../../src/cloud/models';
import { kindEntry, PRODUCTS } from '../../src/products';
import { polardbSchedule } from '../../src/products/polardb';
import { weekdaySchedule } from '../../src/products/schedule';
import type { BackupSchedule } from '../../src/products/catalog';
import { createSampleDataset, HOSTILE_TEXT, SAMPLE_IDS } from '../emulator';
import { useSuiteEmulator } from '../reliability/support';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);

function backup(hoursAgo: number, status: StatusFamily = 'success', extra: Partial<Backup> = {}): Backup {
  return { product: 'rds', region: 'cn-hangzhou', resourceId: 'rm-1', id: `b${hoursAgo}`, status, startTime: new Date(NOW - hoursAgo * HOUR), raw: {}, ...extra };
}

const history = (backups: Backup[]): BackupHistory => readHistory(backups, NOW);
const judge = (backups: Backup[], cadenceHours?: number, staleAfterHours = 48) => verdictOf(history(backups), cadenceHours, staleAfterHours, NOW);

describe('backup health verdicts', () => {
  it('none: no backup in the window', () => {
    assert.strictEqual(judge([]), 'none');
  });

  it('failing: the newest finished attempt failed, whatever is still running and however old the last success', () => {
    assert.strictEqual(judge([backup(1, 'running'), backup(3, 'failed'), backup(27)]), 'failing');
    assert.strictEqual(judge([backup(3, 'failed'), backup(100)]), 'failing');
    assert.strictEqual(judge([backup(1, 'failed')]), 'failing');
    assert.strictEqual(judge([backup(1), backup(3, 'failed')]), 'ok', 'a failure followed by a success is not failing');
  });

  it('stale by the threshold when nothing says how often backups run', () => {
    assert.strictEqual(judge([backup(47)]), 'ok');
    assert.strictEqual(judge([backup(49)]), 'stale');
    assert.strictEqual(judge([backup(49)], undefined, 72), 'ok');
    assert.strictEqual(judge([backup(2, 'running')]), 'stale', 'only a running backup: no success yet');
  });

  it('stale after twice the cadence or the threshold, whichever comes first', () => {
    assert.strictEqual(staleLimitHours(undefined, 48), 48);
    assert.strictEqual(staleLimitHours(12, 48), 24);
    assert.strictEqual(staleLimitHours(72, 48), 48);
    assert.strictEqual(judge([backup(30)], 12), 'stale', 'a 12-hourly schedule is stale after 24 h');
    assert.strictEqual(judge([backup(30)], 24), 'ok');
    assert.strictEqual(judge([backup(60)], 168), 'stale', 'a weekly schedule is still held to the threshold');
  });

  it('the cadence comes from the policy where there is one, else from the backups', () => {
    const every12h = history([backup(1), backup(13), backup(25), backup(37)]);
    assert.deepStrictEqual(cadenceOf({ intervalHours: 24 }, every12h), { hours: 24, from: 'policy' });
    assert.deepStrictEqual(cadenceOf({}, every12h), { hours: 12, from: 'observed' });
    assert.deepStrictEqual(cadenceOf(undefined, every12h), { hours: 12, from: 'observed' });
    assert.strictEqual(cadenceOf(undefined, history([backup(1)])), undefined, 'one backup shows no interval');
    // Observed every 24 h, but the policy promised every 6 h: 20 h without a backup is stale.
    const daily = [backup(20), backup(44), backup(68)];
    assert.strictEqual(verdictOf(history(daily), cadenceOf({ intervalHours: 6 }, history(daily))?.hours, 48, NOW), 'stale');
    assert.strictEqual(verdictOf(history(daily), cadenceOf(undefined, history(daily))?.hours, 48, NOW), 'ok');
  });

  it('judges each node of a per-shard resource on its own', () => {
    const shard = (n: string, hoursAgo: number, status: StatusFamily = 'success') => backup(hoursAgo, status, { nodeId: n, id: `${n}-${hoursAgo}` });
    const behind = history([shard('s0', 2), shard('s1', 2.1), shard('s0', 26), shard('s1', 50), shard('s1', 26.1, 'failed')]);
    assert.strictEqual(behind.latestAttemptFailed, false);
    assert.strictEqual(behind.latestSuccess?.getTime(), NOW - 2.1 * HOUR, 'the shard furthest behind');
    assert.strictEqual(behind.observedIntervalHours, 24, 'shards of one run are not a 6-minute cadence');
    assert.strictEqual(history([shard('s0', 2), shard('s1', 2, 'failed'), shard('s1', 26)]).latestAttemptFailed, true);
    assert.strictEqual(history([shard('s0', 2), shard('s1', 3, 'failed')]).latestSuccess, undefined, 'a shard with no success at all');
  });

  it('counts failures of the last 7 days only, and reads the retention a backup shows', () => {
    const h = history([backup(1, 'failed'), backup(100, 'failed'), backup(200, 'failed'), backup(2, 'success', { expiry: { kind: 'at', time: new Date(NOW - 2 * HOUR + 7 * 24 * HOUR) } })]);
    assert.strictEqual(h.failures, 2);
    assert.deepStrictEqual(h.observedRetention, { days: 7 });
    assert.deepStrictEqual(history([backup(2, 'success', { expiry: { kind: 'never' } })]).observedRetention, { forever: true });
  });

  it('reads schedules: weekdays, high-frequency intervals, PolarDB frequencies and retentions', () => {
    const gap = (days: string) => weekdaySchedule({ PreferredBackupPeriod: days }).intervalHours;
    assert.strictEqual(gap('Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday'), 24);
    assert.strictEqual(gap('Monday,Wednesday,Friday'), 72);
    assert.strictEqual(gap('Monday'), 168);
    assert.strictEqual(gap('sunday, Saturday'), 144);
    assert.strictEqual(gap(''), undefined);
    const read = (s: BackupSchedule) => ({ intervalHours: s.intervalHours, retention: s.retention });
    assert.deepStrictEqual(read(weekdaySchedule({ PreferredBackupPeriod: 'Monday,Thursday', BackupRetentionPeriod: '7' })), { intervalHours: 96, retention: { days: 7 } });
    assert.deepStrictEqual(read(weekdaySchedule({ PreferredBackupPeriod: 'Monday', BackupRetentionPeriod: 30 }, 120)), { intervalHours: 2, retention: { days: 30 } });
    assert.deepStrictEqual(read(weekdaySchedule({ PreferredBackupPeriod: 'Monday' }, '-1')), { intervalHours: 168, retention: undefined });
    const polardb = (frequency: string, level1: string, level2: string) =>
      read(polardbSchedule({ PreferredBackupPeriod: 'Monday,Wednesday,Friday', BackupFrequency: frequency, DataLevel1BackupRetentionPeriod: level1, DataLevel2BackupRetentionPeriod: level2 }));
    assert.deepStrictEqual(polardb('2/24H', '7', '0'), { intervalHours: 2, retention: { days: 7 } });
    assert.deepStrictEqual(polardb('Normal', '14', '365'), { intervalHours: 72, retention: { days: 365 } });
    assert.deepStrictEqual(polardb('Normal', '7', '-1'), { intervalHours: 72, retention: { forever: true } });
  });
});

describe('backup health scan', function () {
  this.timeout(60_000);
  // The clock-anchored series (Tair, PolarDB, AnalyticDB 5.0) count back from the same instant the scan judges at.
  const now = Date.now();
  const s = useSuiteEmulator({ dataset: createSampleDataset({ nowMs: now }) });
  const OPTIONS: HealthScanOptions = { pageSize: 100, concurrency: 16, staleAfterHours: 48, now: () => now };

  async function scan(options: Partial<HealthScanOptions> = {}, client = s.client()): Promise<{ rows: HealthRow[]; events: HealthEvent[] }> {
    const events: HealthEvent[] = [];
    for await (const event of scanHealth(client, PRODUCTS, { ...OPTIONS, ...options })) events.push(event);
    return { rows: events.flatMap((e) => (e.type === 'row' ? [e.row] : [])), events };
  }

  const rowOf = (rows: HealthRow[], id: string): HealthRow => {
    const row = rows.find((r) => r.resource?.id === id);
    assert.ok(row, `no row for ${id}`);
    return row;
  };

  const BACKUP_ACTIONS = new Set(['DescribeBackups', 'DescribeClusterBackups', 'DescribeFullBackupList', 'DescribeClusterBackupList']);
  const LISTING_ACTIONS = new Set(['DescribeRegions', 'DescribeDBClusters', 'DescribeDBInstances', 'DescribeInstances', 'DescribeBackupPlanList', 'DescribeDBInstanceAttribute']);
  const ownerOf = (params: Record<string, string>): string => params.NodeId ?? params.DBClusterId ?? params.DBInstanceId ?? params.InstanceId ?? params.BackupPlanId ?? '';

  it('gives every resource one row, shard nodes instead of their cluster, with the sample verdicts', async () => {
    const { rows } = await scan();
    const data = s.emulator.data;
    const expected = [
      ...data.adb.clusters.map((c) => c.id),
      ...data.adb5.map((c) => c.id),
      ...data.dds.instances.flatMap((i) => (i.type === 'sharding' && !i.useClusterBackup ? i.shards.map((n) => n.nodeId) : [i.id])),
      ...data.dbs.plans.map((p) => p.id),
      ...data.rds.instances.map((i) => i.id),
      ...data.polardb.map((c) => c.id),
      ...data.kvstore.instances.map((i) => i.id),
    ].sort();
    assert.deepStrictEqual(rows.map((r) => r.resource?.id).sort(), expected);
    assert.strictEqual(new Set(rows.map((r) => r.key)).size, rows.length, 'row keys are unique');

    const stale = rowOf(rows, SAMPLE_IDS.kvstore.stale);
    assert.strictEqual(stale.verdict, 'stale');
    assert.deepStrictEqual(stale.cadence, { hours: 24, from: 'policy' });
    assert.ok(stale.history?.latestSuccess && now - stale.history.latestSuccess.getTime() > 72 * HOUR);
    assert.strictEqual(rowOf(rows, SAMPLE_IDS.kvstore.standard).verdict, 'failing', 'its newest backup failed');
    assert.strictEqual(rowOf(rows, SAMPLE_IDS.kvstore.tair).verdict, 'ok');
    const hostile = rowOf(rows, SAMPLE_IDS.kvstore.hostile);
    assert.strictEqual(hostile.verdict, 'ok');
    assert.strictEqual(hostile.resource?.name, HOSTILE_TEXT);
    assert.strictEqual(rowOf(rows, SAMPLE_IDS.adb.lakehouse).verdict, 'ok', 'the newest is still running; the one before succeeded');
    // Its policy promises a backup every 2 hours; they come every 12.
    assert.strictEqual(rowOf(rows, SAMPLE_IDS.polardb.mysql).verdict, 'stale');
    assert.deepStrictEqual(rowOf(rows, SAMPLE_IDS.polardb.mysql).cadence, { hours: 2, from: 'policy' });
    // Backups counting back from 2026-11-01 are weeks older than the window.
    assert.strictEqual(rowOf(rows, SAMPLE_IDS.adb.big).verdict, 'none');
    assert.deepStrictEqual(rowOf(rows, SAMPLE_IDS.dbs.big).cadence?.from, 'policy', 'a DBS plan\'s schedule counts as its policy');
    assert.deepStrictEqual(rowOf(rows, SAMPLE_IDS.polardb.hostile).retention, { forever: true, from: 'policy' });
    assert.deepStrictEqual(rows.filter((r) => r.verdict === 'unknown'), []);
  });

  it('asks exactly: the listing pages, one backup page per resource, one policy per resource whose kind has one', async () => {
    const client = s.client();
    const served = await Promise.all(PRODUCTS.map(async (p) => [p, await productRegions(client, p)] as const));
    s.emulator.clearRequests();
    const { rows } = await scan({}, client);
    const log = s.emulator.requests();

    const backups = log.filter((r) => BACKUP_ACTIONS.has(r.action));
    assert.deepStrictEqual(backups.map((r) => ownerOf(r.params)).sort(), rows.map((r) => r.resource?.id).sort(), 'one backup request per resource');
    for (const r of backups) {
      assert.strictEqual(r.params.PageSize, String(BACKUP_PAGE_SIZE), `${r.action} page size`);
      assert.ok(r.params.StartTime ?? r.params.StartTimestamp, `${r.action} of ${ownerOf(r.params)} has a window`);
    }
    // Listing pages: DescribeRegions per API version, one page per resource listing (none holds 100), a shard lookup per sharded cluster.
    const regionCalls = PRODUCTS.reduce((sum, p) => sum + p.regions.length, 0);
    const listingPages = served.reduce((sum, [p, regions]) => sum + regions.reduce((n, r) => n + p.resources(r.id).length, 0), 0);
    const shardedClusters = s.emulator.data.dds.instances.filter((i) => i.type === 'sharding').length;
    assert.strictEqual(log.filter((r) => LISTING_ACTIONS.has(r.action)).length, regionCalls + listingPages + shardedClusters);
    // Policies: one per resource whose kind has one; shard nodes share their cluster's; DBS plans bring theirs.
    const owners = new Set<string>();
    for (const { resource } of rows) {
      if (resource && kindEntry(resource)?.policy) owners.add(`${resource.product}/${resource.id}`);
      else if (resource?.parentId) owners.add(`${resource.product}/${resource.parentId}`);
    }
    const policies = log.filter((r) => r.action === 'DescribeBackupPolicy');
    assert.deepStrictEqual(policies.map((r) => `${r.product}/${ownerOf(r.params)}`).sort(), [...owners].sort(), 'one policy per owner, none twice');
    assert.ok(!policies.some((r) => r.product === 'dbs'));
    assert.strictEqual(log.length, rows.length + regionCalls + listingPages + shardedClusters + policies.length, 'nothing else');
    assert.ok(!log.some((r) => r.action === 'DescribeIncrementBackupList'), 'binlog files are not asked for');
  });

  it('streams: rows arrive before the scan has asked for everything, with a growing expected total', async () => {
    let atFirst = 0;
    let totals = 0;
    let last = 0;
    for await (const event of scanHealth(s.client(), PRODUCTS, OPTIONS)) {
      if (event.type === 'row' && atFirst === 0) atFirst = s.emulator.requests().length;
      if (event.type === 'found') {
        assert.ok(event.total >= last);
        last = event.total;
        totals++;
      }
    }
    const total = s.emulator.requests().length;
    assert.ok(atFirst > 0 && atFirst < total / 2, `${atFirst} requests before the first row, ${total} for the whole scan`);
    assert.ok(totals > 1);
  });

  it('the expected total ends equal to the rows given', async () => {
    const { rows, events } = await scan();
    const totals = events.flatMap((e) => (e.type === 'found' ? [e.total] : []));
    assert.strictEqual(totals[totals.length - 1], rows.length);
  });

  it('stops when cancelled, having asked for far less', async () => {
    await scan();
    const whole = s.emulator.requests().length;
    s.emulator.clearRequests();
    const controller = new AbortController();
    let rows = 0;
    for await (const event of scanHealth(s.client(), PRODUCTS, { ...OPTIONS, concurrency: 2, signal: controller.signal })) {
      if (event.type === 'row' && ++rows === 3) controller.abort();
    }
    assert.ok(rows < 10, `${rows} rows after cancelling`);
    assert.ok(s.emulator.requests().length < whole / 2, `${s.emulator.requests().length} requests after cancelling, ${whole} for a whole scan`);
  });

  it('scans only the regions and products it is given', async () => {
    const kvstore = PRODUCTS.filter((p) => p.id === 'r-kvstore');
    const rows: HealthRow[] = [];
    for await (const event of scanHealth(s.client(), kvstore, { ...OPTIONS, regions: ['ap-southeast-1'] })) if (event.type === 'row') rows.push(event.row);
    assert.deepStrictEqual(rows.map((r) => r.key), [`r-kvstore/ap-southeast-1/${SAMPLE_IDS.kvstore.stale}`]);
  });

  it('a lower threshold makes a daily schedule stale sooner; the window never shrinks below 7 days', async () => {
    const { rows } = await scan({ staleAfterHours: 1 });
    assert.strictEqual(rowOf(rows, SAMPLE_IDS.kvstore.tair).verdict, 'stale');
    assert.strictEqual(rowOf(rows, SAMPLE_IDS.kvstore.stale).verdict, 'stale', 'its backups of 4 to 6 days ago are still read');
  });

  it('a listing or a backup list that cannot be read is an unknown row with the Code and RequestId', async () => {
    s.emulator.injectFault({ kind: 'unavailable', product: 'rds', action: 'DescribeDBInstances', regionId: 'cn-hangzhou' });
    s.emulator.injectFault({ kind: 'internalError', product: 'r-kvstore', action: 'DescribeBackups', regionId: 'ap-southeast-1' });
    const { rows } = await scan();
    const listing = rows.find((r) => r.product === 'rds' && r.region === 'cn-hangzhou' && !r.resource);
    assert.strictEqual(listing?.verdict, 'unknown');
    assert.strictEqual(listing.error?.code, 'ServiceUnavailable');
    assert.match(listing.error?.requestId ?? '', /^[0-9A-F-]{36}$/i);
    const failed = rowOf(rows, SAMPLE_IDS.kvstore.stale);
    assert.strictEqual(failed.verdict, 'unknown');
    assert.strictEqual(failed.error?.code, 'InternalError');
    assert.ok(failed.error?.requestId);
    assert.strictEqual(rowOf(rows, SAMPLE_IDS.kvstore.tair).verdict, 'ok', 'the rest is scanned');
  });

  it('a policy that cannot be read leaves the verdict to the backups and says why', async () => {
    s.emulator.injectFault({ kind: 'unavailable', product: 'r-kvstore', action: 'DescribeBackupPolicy' });
    const { rows } = await scan({ regions: ['cn-hangzhou'] });
    const tair = rowOf(rows, SAMPLE_IDS.kvstore.tair);
    assert.strictEqual(tair.verdict, 'ok');
    assert.strictEqual(tair.cadence?.from, 'observed');
    assert.strictEqual(tair.policyError?.code, 'ServiceUnavailable');
    assert.ok(tair.policyError?.requestId);
  });
});
