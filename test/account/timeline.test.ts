// Reading a resource's timeline through the real signing client against the emulator: every backup of the last 30
// days, in a bounded number of requests, cluster backups as one each, shard nodes said rather than read, stopped
// by the signal, failures as CloudErrors with their RequestId; and the schedule read from the real policies.
import * as assert from 'assert';
import { readTimeline, type TimelineOptions, type TimelineRead } from '../../src/account/timeline';
import { CancelledError, CloudError } from '../../src/cloud/errors';
import type { Resource } from '../../src/cloud/models';
import { kindEntry, PRODUCTS } from '../../src/products';
import { kvstorePolicy } from '../../src/products/kvstore';
import { rdsPolicy } from '../../src/products/rds';
import { BASE_TIME_MS, createSampleDataset, SAMPLE_IDS } from '../emulator';
import type { BackupSeries } from '../emulator/series';
import { useSuiteEmulator } from '../reliability/support';

const HZ = 'cn-hangzhou';
const DAY = 86_400_000;
const NOW = Date.now();
const signal = (): AbortSignal => new AbortController().signal;

/** How many of a series' backups the window's StartTime and EndTime (whole minutes, the end one included) take in. */
function inWindow(series: BackupSeries, window: { start: Date; end: Date }): number {
  const minute = (d: Date) => d.getTime() - (d.getTime() % 60_000);
  return series.query({ fromMs: minute(window.start), toMs: minute(window.end) + 59_999 }, 0, 0).total;
}

function backupsOf(read: TimelineRead) {
  assert.strictEqual(read.kind, 'backups');
  return read;
}

describe('timeline read', function () {
  this.timeout(30_000);
  const s = useSuiteEmulator({ dataset: createSampleDataset({ nowMs: NOW }) });
  const requests = () => s.emulator.requests().filter((r) => r.action !== 'DescribeDBInstanceAttribute');

  /** A resource as its product lists it in cn-hangzhou. */
  async function resource(product: string, id: string): Promise<Resource> {
    const entry = PRODUCTS.find((p) => p.id === product);
    for (const listing of entry?.resources(HZ) ?? []) {
      for (let index = 0, more = true; more; index++) {
        const page = await listing.fetch(s.client(), index, 30, signal());
        more = page.hasMore;
        const found = page.items.find((e) => e.resource?.id === id)?.resource;
        if (found) return found;
      }
    }
    throw new Error(`${id} is not listed`);
  }

  const options = (extra: Partial<TimelineOptions> = {}): TimelineOptions => ({ pageSize: 100, windowDays: 7, now: () => NOW, ...extra });

  it('reads every backup of the last 30 days of a windowed listing (Tair) in one request, failed ones included', async () => {
    const instance = await resource('r-kvstore', SAMPLE_IDS.kvstore.standard);
    s.emulator.clearRequests();
    const read = backupsOf(await readTimeline(s.client(), instance, options(), signal()));
    assert.strictEqual(read.window.end.getTime(), NOW);
    assert.strictEqual(read.window.start.getTime(), NOW - 30 * DAY);
    const series = s.emulator.data.kvstore.instances.find((i) => i.id === instance.id)?.backups;
    assert.ok(series);
    assert.strictEqual(read.backups.length, inWindow(series, read.window));
    assert.ok(read.backups.length >= 55, `${read.backups.length} backups 12 h apart in 30 days`);
    assert.ok(read.backups.some((b) => b.status === 'failed'));
    assert.strictEqual(read.readFrom, undefined);
    const sent = requests();
    assert.strictEqual(sent.length, 1);
    assert.deepStrictEqual([sent[0].action, sent[0].params.StartTime, sent[0].params.EndTime], [
      'DescribeBackups', new Date(NOW - 30 * DAY).toISOString().slice(0, 16) + 'Z', new Date(NOW).toISOString().slice(0, 16) + 'Z',
    ]);
  });

  it('counts a cluster backup with its parts as one (Tair cloud-native cluster)', async () => {
    const cluster = await resource('r-kvstore', SAMPLE_IDS.kvstore.cluster);
    const read = backupsOf(await readTimeline(s.client(), cluster, options(), signal()));
    const series = s.emulator.data.kvstore.instances.find((i) => i.id === cluster.id)?.backups;
    assert.ok(series);
    assert.strictEqual(read.backups.length, inWindow(series, read.window));
    assert.ok(read.backups.every((b) => b.id.startsWith('cb-') && (b.parts?.length ?? 0) > 0));
  });

  it('reads page after page of a listing with optional times (AnalyticDB 3.0), within the window', async () => {
    const cluster = await resource('adb', SAMPLE_IDS.adb.big);
    s.emulator.clearRequests();
    const read = backupsOf(await readTimeline(s.client(), cluster, options({ pageSize: 30, now: () => BASE_TIME_MS }), signal()));
    const series = s.emulator.data.findAdbCluster(cluster.id)?.backups;
    assert.ok(series);
    assert.strictEqual(read.backups.length, inWindow(series, read.window));
    assert.strictEqual(read.backups.length, 90, '8 h apart over 30 days');
    assert.strictEqual(new Set(read.backups.map((b) => b.id)).size, 90);
    assert.strictEqual(requests().length, 3);
    assert.ok(requests().every((r) => r.params.StartTime && r.params.EndTime));
  });

  it('stops at its bounds on pages and backups, and says from when it read', async () => {
    const cluster = await resource('adb', SAMPLE_IDS.adb.big);
    s.emulator.clearRequests();
    const byPages = backupsOf(await readTimeline(s.client(), cluster, options({ pageSize: 30, now: () => BASE_TIME_MS, maxPages: 2 }), signal()));
    assert.strictEqual(byPages.backups.length, 60);
    assert.strictEqual(requests().length, 2);
    const oldest = Math.min(...byPages.backups.map((b) => b.startTime?.getTime() ?? Infinity));
    assert.strictEqual(byPages.readFrom?.getTime(), oldest);
    s.emulator.clearRequests();
    const byCount = backupsOf(await readTimeline(s.client(), cluster, options({ pageSize: 30, now: () => BASE_TIME_MS, maxBackups: 45 }), signal()));
    assert.strictEqual(byCount.backups.length, 45);
    assert.strictEqual(requests().length, 2);
    assert.ok(byCount.readFrom);
  });

  it('reads a DBS plan\'s full and incremental backups of the window', async () => {
    const plan = await resource('dbs', SAMPLE_IDS.dbs.big);
    s.emulator.clearRequests();
    const read = backupsOf(await readTimeline(s.client(), plan, options({ now: () => BASE_TIME_MS }), signal()));
    const data = s.emulator.data.findDbsPlan(plan.id);
    assert.ok(data?.increments);
    const start = BASE_TIME_MS - 30 * DAY;
    const fulls = data.backups.query({ fromMs: start, toMs: BASE_TIME_MS }, 0, 0).total;
    const increments = data.increments.query({ fromMs: start, toMs: BASE_TIME_MS }, 0, 0).total;
    assert.strictEqual(read.backups.length, fulls + increments);
    assert.deepStrictEqual(requests().map((r) => r.action).sort(), ['DescribeFullBackupList', 'DescribeIncrementBackupList']);
  });

  it('says how many shard nodes hold the backups of a sharded cluster instead of reading them', async () => {
    const cluster = await resource('dds', SAMPLE_IDS.dds.sharded);
    const read = await readTimeline(s.client(), cluster, options({ now: () => BASE_TIME_MS }), signal());
    const shards = s.emulator.data.findDdsInstance(cluster.id)?.shards.length;
    assert.deepStrictEqual(read.kind === 'resources' && read.count, shards);
    assert.ok(!requests().some((r) => r.action === 'DescribeBackups'), 'no shard node was read');
  });

  it('stops when the signal is aborted, asking nothing more', async () => {
    const cluster = await resource('adb', SAMPLE_IDS.adb.big);
    s.emulator.clearRequests();
    s.emulator.setLatency(150);
    const controller = new AbortController();
    const reading = readTimeline(s.client(), cluster, options({ pageSize: 30, now: () => BASE_TIME_MS }), controller.signal);
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(reading, CancelledError);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.ok(requests().length <= 1, `${requests().length} requests after the abort`);
  });

  it('fails with the API\'s code and RequestId', async () => {
    const instance = await resource('r-kvstore', SAMPLE_IDS.kvstore.standard);
    s.emulator.injectFault({ kind: 'throttle', product: 'r-kvstore', action: 'DescribeBackups' });
    const err = await readTimeline(s.client(), instance, options(), signal()).then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof CloudError);
    assert.strictEqual(err.code, 'Throttling.User');
    assert.match(err.requestId ?? '', /\S/);
  });

  it('finds the schedule in the policies RDS and Tair serve', async () => {
    const rds = await resource('rds', SAMPLE_IDS.rds.mysql);
    const rdsSchedule = (await rdsPolicy(s.client(), rds, signal())).schedule;
    const policy = s.emulator.data.rds.instances.find((i) => i.id === rds.id)?.policy;
    assert.ok(rdsSchedule && policy);
    assert.strictEqual(rdsSchedule.days, policy.period);
    assert.strictEqual(rdsSchedule.time, policy.window);
    assert.ok(rdsSchedule.weekdays && rdsSchedule.weekdays.length > 0);
    assert.strictEqual(rdsSchedule.startMinuteUtc, Number(policy.window.slice(0, 2)) * 60 + Number(policy.window.slice(3, 5)));
    const tair = await resource('r-kvstore', SAMPLE_IDS.kvstore.standard);
    const tairSchedule = (await kvstorePolicy(s.client(), tair, signal())).schedule;
    assert.deepStrictEqual(tairSchedule?.weekdays, [0, 1, 2, 3, 4, 5, 6]);
    assert.strictEqual(tairSchedule?.startMinuteUtc, 120);
  });

  it('reads the policy of AnalyticDB and MongoDB once, for the details rows and the timeline\'s schedule alike', async () => {
    for (const [product, id, startMinuteUtc, logBackup] of [['adb', SAMPLE_IDS.adb.big, 15 * 60, 'On'], ['dds', SAMPLE_IDS.dds.replica1, 16 * 60, 'Off']] as const) {
      const owner = await resource(product, id);
      const read = kindEntry(owner)?.policy;
      assert.ok(read, `${product} has a policy`);
      s.emulator.clearRequests();
      const { rows, schedule } = await read(s.client(), owner, signal());
      assert.deepStrictEqual(s.emulator.requests().map((r) => r.action), ['DescribeBackupPolicy']);
      const byLabel = new Map(rows.map(([label, value]) => [String(label), value]));
      assert.ok(byLabel.get('Next backup') instanceof Date, `${product} next backup`);
      assert.deepStrictEqual(byLabel.get('Log backup'), { message: logBackup, args: [] });
      assert.strictEqual(schedule.startMinuteUtc, startMinuteUtc);
      assert.ok(schedule.weekdays && schedule.weekdays.length >= 4, `${product} weekdays`);
    }
  });
});
