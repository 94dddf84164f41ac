import * as assert from 'assert';
import { CloudError } from '../../src/cloud/errors';
import type { Backup, Resource } from '../../src/cloud/models';
import { fetchPage } from '../../src/cloud/paging';
import { listRegions } from '../../src/cloud/regions';
import type { DetailRow } from '../../src/products/catalog';
import { windowedBackupListing } from '../../src/products/listings';
import { polardbBackups, polardbClusters, polardbEntry, polardbRegions } from '../../src/products/polardb';
import { createSampleDataset, HOSTILE_TEXT, SAMPLE_IDS } from '../emulator';
import { GOOD_KEY, useSuiteEmulator } from '../reliability/support';
import { apiFailure, items, rawApi, type Json, type Query, type RawApi } from './rawApi';

const V = '2017-08-01';
const HZ = 'cn-hangzhou';
const IDS = SAMPLE_IDS.polardb;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';

describe('PolarDB 2017-08-01 through the signing client', () => {
  // A whole minute, so the windowed listing's rounded-up end is the dataset's clock itself.
  const NOW = Math.floor(Date.now() / 60_000) * 60_000;
  const suite = useSuiteEmulator({ dataset: createSampleDataset({ nowMs: NOW }) });
  let api: RawApi;
  const client = (key = GOOD_KEY) => suite.client({ key, settings: { endpointOverrides: { polardb: suite.emulator.url } } });

  before(() => {
    api = rawApi(suite.emulator.endpoint);
  });

  const backups = (query: Query) => api.call(V, 'DescribeBackups', query);
  const window7 = { DBClusterId: IDS.mysql, StartTime: minute(NOW - 7 * DAY), EndTime: minute(NOW) };

  async function cluster(id: string): Promise<Resource> {
    const page = await fetchPage(client(), polardbClusters, { region: HZ }, 0, 30);
    const found = page.items.find((c) => c.id === id);
    assert.ok(found, id);
    return found;
  }

  describe('raw wire', () => {
    it('DescribeRegions gives IDs and zones, no names and no endpoint', async () => {
      const body = await api.call(V, 'DescribeRegions');
      const regions = (body.Regions as { Region: Json[] }).Region;
      const hz = regions.find((r) => r.RegionId === HZ);
      assert.ok(hz);
      assert.deepStrictEqual(Object.keys(hz).sort(), ['RegionId', 'Zones']);
      const parsed = await listRegions(client(), polardbRegions);
      assert.ok(parsed.some((r) => r.id === HZ && r.name === undefined));
    });

    it('DescribeDBClusters: RegionId required, integer counters, Items.DBCluster[]', async () => {
      const body = await api.call(V, 'DescribeDBClusters', { RegionId: HZ });
      assert.deepStrictEqual([body.TotalRecordCount, body.PageRecordCount, body.PageNumber], [3, 3, 1]);
      const list = items(body, 'DBCluster');
      assert.deepStrictEqual(list.map((c) => c.DBClusterId), [IDS.mysql, IDS.postgres, IDS.hostile]);
      assert.strictEqual(list[0].Expired, 'false');
      const missing = await apiFailure(api.call(V, 'DescribeDBClusters', {}));
      assert.deepStrictEqual([missing.code, missing.statusCode], ['MissingParameter', 400]);
      const bad = await apiFailure(api.call(V, 'DescribeDBClusters', { RegionId: HZ, PageSize: 20 }));
      assert.deepStrictEqual([bad.code, bad.statusCode], ['InvalidPageSize.Malformed', 400]);
    });

    it('DescribeBackups requires DBClusterId, StartTime and EndTime (400 MissingParameter naming it)', async () => {
      for (const name of ['DBClusterId', 'StartTime', 'EndTime'] as const) {
        const err = await apiFailure(backups({ ...window7, [name]: undefined }));
        assert.deepStrictEqual([err.code, err.statusCode], ['MissingParameter', 400], name);
        assert.match(err.message, new RegExp(name));
      }
      const reversed = await apiFailure(backups({ ...window7, StartTime: minute(NOW), EndTime: minute(NOW - DAY) }));
      assert.deepStrictEqual([reversed.code, reversed.statusCode], ['InvalidEndTime.Malformed', 400]);
      const unknown = await apiFailure(backups({ ...window7, DBClusterId: 'pc-nope' }));
      assert.deepStrictEqual([unknown.code, unknown.statusCode], ['InvalidDBCluster.NotFound', 404]);
    });

    it('DescribeBackups: every counter and item field is a string; 14 in the last 7 days, all Level-1', async () => {
      const body = await backups(window7);
      assert.deepStrictEqual([body.TotalRecordCount, body.PageRecordCount, body.PageNumber], ['14', '14', '1']);
      assert.strictEqual(typeof body.TotalLevel2BackupSize, 'string');
      const list = items(body, 'Backup');
      for (const b of list) {
        assert.ok(Object.values(b).every((v) => typeof v === 'string'), JSON.stringify(b));
        assert.strictEqual(b.BackupsLevel, 'Level-1');
        assert.ok(!('BackupDownloadURL' in b));
        assert.match(String(b.BackupStartTime), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      }
      const older = items(await backups({ ...window7, StartTime: minute(NOW - 60 * DAY), EndTime: minute(NOW - 14 * DAY), PageSize: 100 }), 'Backup');
      assert.ok(older.length > 0 && older.every((b) => b.BackupsLevel === 'Level-2'));
    });

    it('faults apply to PolarDB actions, matched by the cluster’s region', async () => {
      suite.emulator.injectFault({ kind: 'throttle', product: 'polardb', action: 'DescribeBackups', regionId: HZ, times: 1 });
      const err = await apiFailure(backups(window7));
      assert.deepStrictEqual([err.code, err.statusCode], ['Throttling.User', 400]);
      assert.strictEqual((await backups(window7)).TotalRecordCount, '14');
    });
  });

  describe('through the catalog', () => {
    it('lists clusters with compatibility and version as the summary, the description as the name', async () => {
      const page = await fetchPage(client(), polardbClusters, { region: HZ }, 0, 30);
      assert.deepStrictEqual([page.total, page.hasMore], [3, false]);
      assert.deepStrictEqual(page.items.map((c) => [c.kind, c.summary]), [
        ['polardbCluster', 'MySQL 8.0'],
        ['polardbCluster', 'PostgreSQL 14'],
        ['polardbCluster', 'Oracle'],
      ]);
      assert.strictEqual(page.items[2].name, HOSTILE_TEXT);
      assert.strictEqual(page.items[0].status, 'success');
    });

    it('pages one window by the string TotalRecordCount', async () => {
      const scope = { region: HZ, resourceId: IDS.mysql, start: new Date(NOW - 60 * DAY), end: new Date(NOW) };
      const sizes: number[] = [];
      const ids = new Set<string>();
      for (let index = 0; ; index++) {
        const page = await fetchPage(client(), polardbBackups, scope, index, 30);
        assert.strictEqual(page.total, 80);
        sizes.push(page.items.length);
        page.items.forEach((b) => ids.add(b.id));
        if (!page.hasMore) break;
      }
      assert.deepStrictEqual([sizes, ids.size], [[30, 30, 20], 80]);
    });

    it('the windowed listing reads the last 7 days, then older windows: Level-1 first, Level-2 later', async () => {
      const listing = windowedBackupListing('backups', polardbBackups, { region: HZ, id: IDS.mysql }, {
        windowDays: 7,
        now: () => NOW,
      });
      const signal = new AbortController().signal;
      const first = await listing.fetch(client(), 0, 30, signal);
      assert.deepStrictEqual([first.items.length, first.total, first.hasMore], [14, 14, false]);
      assert.strictEqual(first.window?.older?.getTime(), NOW - 7 * DAY);
      const types = (list: typeof first.items) => new Set(list.map((e) => e.backup?.type));
      assert.deepStrictEqual(types(first.items), new Set(['Level-1 Full']));
      const seen: Backup[] = first.items.flatMap((e) => (e.backup ? [e.backup] : []));
      for (let index = 1; index < 6; index++) {
        const page = await listing.fetch(client(), index, 30, signal);
        assert.strictEqual(page.window?.index, index);
        assert.ok(page.window?.older, 'an older window is offered');
        seen.push(...page.items.flatMap((e) => (e.backup ? [e.backup] : [])));
      }
      assert.strictEqual(new Set(seen.map((b) => b.id)).size, 80, 'six windows of 7 days hold all 80, none twice');
      assert.ok(seen.some((b) => b.type === 'Level-2 Full'));
      const failed = seen.filter((b) => b.status === 'failed');
      assert.ok(failed.length > 0 && failed.every((b) => b.available === false && b.statusText === 'Failed'));
      assert.ok(seen.filter((b) => b.status === 'success').every((b) => b.available === true && (b.sizeBytes ?? 0) > 0));
      assert.ok(seen.every((b) => b.method === 'Snapshot' && b.downloadUrl === undefined));
      assert.ok(seen.some((b) => b.mode === 'Manual') && seen.some((b) => b.mode === 'Automated'));
    });

    it('the kind’s children window the list from the settings, with the status filter passed on', async () => {
      const mysql = await cluster(IDS.mysql);
      const kind = polardbEntry.kinds[mysql.kind];
      const [listing] = kind.children(mysql, { status: 'Failed', start: new Date(NOW - 60 * DAY), end: new Date(NOW) }, { windowDays: 7 });
      const page = await listing.fetch(client(), 0, 100, new AbortController().signal);
      assert.ok(page.items.length > 0 && page.items.every((e) => e.backup?.statusText === 'Failed'));
      assert.strictEqual(page.window?.older, undefined, 'a filter with a start is the one window');
      const request = suite.emulator.requests().at(-1);
      assert.strictEqual(request?.params.BackupStatus, 'Failed');
      assert.strictEqual(polardbEntry.noDownloadUrl, 'PolarDB gives no download URL for backups; download them through DBS');
    });

    it('the policy gives Level-1 and Level-2 retention, frequency, schedule and the next backup', async () => {
      const signal = new AbortController().signal;
      const rows = async (id: string): Promise<Map<string, DetailRow[1]>> => {
        const resource = await cluster(id);
        const policy = polardbEntry.kinds.polardbCluster.policy;
        assert.ok(policy);
        return new Map((await policy(client(), resource, signal)).rows.map(([label, value]) => [label as string, value]));
      };
      const mysql = await rows(IDS.mysql);
      assert.deepStrictEqual(mysql.get('Level-1 retention'), { message: '{0} days', args: [14] });
      assert.deepStrictEqual(mysql.get('Level-2 retention'), { message: '{0} days', args: [365] });
      assert.strictEqual(mysql.get('Level-2 copy region'), 'cn-shanghai');
      assert.deepStrictEqual(mysql.get('Level-2 copy retention'), { message: '{0} days', args: [30] });
      assert.strictEqual(mysql.get('Backup frequency'), '2/24H');
      assert.strictEqual(mysql.get('Backup time'), '18:00Z-19:00Z');
      assert.match(String(mysql.get('Backup days')), /^Monday, Tuesday, .*Sunday$/);
      const next = mysql.get('Next backup');
      assert.ok(next instanceof Date && next.getTime() > NOW - HOUR && next.getTime() < NOW + DAY, String(next));
      const pg = await rows(IDS.postgres);
      assert.deepStrictEqual(pg.get('Level-2 retention'), { message: 'Off', args: [] });
      assert.strictEqual(pg.get('Level-2 copy region'), undefined);
      assert.deepStrictEqual((await rows(IDS.hostile)).get('Level-2 retention'), { message: 'Never expires', args: [] });
    });

    it('a wrong secret is SignatureDoesNotMatch and is not retried', async () => {
      const wrong = { accessKeyId: GOOD_KEY.accessKeyId, accessKeySecret: 'not-the-polardb-secret' };
      let thrown: unknown;
      try {
        await fetchPage(client(wrong), polardbClusters, { region: HZ }, 0, 30);
      } catch (err) {
        thrown = err;
      }
      assert.ok(thrown instanceof CloudError, String(thrown));
      assert.deepStrictEqual([thrown.code, thrown.kind, thrown.product], ['SignatureDoesNotMatch', 'auth', 'polardb']);
      const sent = suite.emulator.requests();
      assert.deepStrictEqual(sent.map((r) => [r.product, r.action, r.code]), [['polardb', 'DescribeDBClusters', 'SignatureDoesNotMatch']]);
    });
  });
});
