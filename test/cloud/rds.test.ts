import * as assert from 'assert';
import type { CloudClient } from '../../src/cloud/client';
import { CloudError } from '../../src/cloud/errors';
import type { Backup } from '../../src/cloud/models';
import { fetchAll, fetchPage } from '../../src/cloud/paging';
import { listRegions } from '../../src/cloud/regions';
import type { DetailRow } from '../../src/products/catalog';
import { rdsBackups, rdsEntry, rdsInstances, rdsPolicy, rdsProduct, rdsRegions } from '../../src/products/rds';
import { HOSTILE_TEXT, SAMPLE_IDS } from '../emulator';
import { failure, TEST_KEY, useEmulator } from './harness';
import { apiFailure, items, rawApi, type Json, type RawApi } from './rawApi';

const VERSION = '2014-08-15';
const HZ = 'cn-hangzhou';
const IDS = SAMPLE_IDS.rds;
const signal = new AbortController().signal;

describe('ApsaraDB RDS 2014-08-15 through the signing client', () => {
  const h = useEmulator();
  let api: RawApi;
  const client = (key = TEST_KEY): CloudClient => h.client({ key, settings: { endpointOverrides: { rds: h.emulator.url } } });

  before(() => {
    api = rawApi(h.emulator.endpoint);
  });

  describe('raw wire shapes', () => {
    it('DescribeRegions answers one RDSRegion per zone, so RegionId repeats', async () => {
      const body = await api.call(VERSION, 'DescribeRegions');
      const rows = (body.Regions as { RDSRegion: Json[] }).RDSRegion;
      const hz = rows.filter((r) => r.RegionId === HZ);
      assert.ok(hz.length > 1, 'several zones of cn-hangzhou');
      assert.ok(hz.every((r) => typeof r.ZoneId === 'string' && r.LocalName === 'China (Hangzhou)'));
    });

    it('DescribeDBInstances has integer counters and requires RegionId', async () => {
      const body = await api.call(VERSION, 'DescribeDBInstances', { RegionId: HZ });
      assert.strictEqual(body.TotalRecordCount, 5);
      assert.strictEqual(body.PageNumber, 1);
      const ro = items(body, 'DBInstance').find((i) => i.DBInstanceId === IDS.readOnly);
      assert.strictEqual(ro?.DBInstanceType, 'Readonly');
      assert.strictEqual(ro.MasterInstanceId, IDS.mysql);
      const err = await apiFailure(api.call(VERSION, 'DescribeDBInstances', {}));
      assert.deepStrictEqual([err.statusCode, err.code], [400, 'MissingParameter']);
    });

    it('DescribeBackups has string counters and requires DBInstanceId', async () => {
      const body = await api.call(VERSION, 'DescribeBackups', { DBInstanceId: IDS.mysql, PageSize: 30, PageNumber: 5 });
      assert.deepStrictEqual([body.TotalRecordCount, body.PageRecordCount, body.PageNumber], ['130', '10', '5']);
      const err = await apiFailure(api.call(VERSION, 'DescribeBackups', {}));
      assert.deepStrictEqual([err.statusCode, err.code], [400, 'MissingParameter']);
      const unknown = await apiFailure(api.call(VERSION, 'DescribeBackups', { DBInstanceId: 'rm-nope' }));
      assert.deepStrictEqual([unknown.statusCode, unknown.code], [404, 'InvalidDBInstance.NotFound']);
    });
  });

  describe('through the product catalog', () => {
    it('de-duplicates the per-zone regions', async () => {
      const regions = await listRegions(client(), rdsRegions, signal);
      const ids = regions.map((r) => r.id);
      assert.deepStrictEqual(ids, [...new Set(ids)]);
      assert.deepStrictEqual(ids.sort(), ['ap-southeast-1', 'cn-beijing', 'cn-hangzhou', 'cn-shanghai']);
      assert.strictEqual(regions.find((r) => r.id === HZ)?.name, 'China (Hangzhou)');
    });

    it('lists instances page by page to the integer total, with kinds and engine summaries', async () => {
      const c = client();
      const first = await fetchPage(c, rdsInstances, { region: HZ }, 0, 2, signal);
      assert.deepStrictEqual([first.total, first.loaded, first.hasMore], [5, 2, true]);
      const all = await fetchAll(c, rdsInstances, { region: HZ }, 2, signal);
      assert.strictEqual(all.length, 5);
      const byId = new Map(all.map((r) => [r.id, r]));
      assert.strictEqual(byId.get(IDS.mysql)?.kind, 'rdsInstance');
      assert.strictEqual(byId.get(IDS.mysql)?.summary, 'MySQL 8.0');
      assert.strictEqual(byId.get(IDS.mysql)?.name, 'orders-mysql');
      assert.strictEqual(byId.get(IDS.readOnly)?.kind, 'rdsReadOnly');
      assert.strictEqual(byId.get(IDS.postgres)?.summary, 'PostgreSQL 14.0');
      assert.strictEqual(byId.get(IDS.sqlserver)?.summary, 'SQLServer 2019_std_ha');
      assert.strictEqual(byId.get(IDS.hostile)?.name, HOSTILE_TEXT);
      assert.ok(all.every((r) => r.status === 'success'));
    });

    it('pages 130 backups by the string TotalRecordCount at 30 and at 100, no backup twice', async () => {
      const c = client();
      for (const size of [30, 100]) {
        const seen: string[] = [];
        let page;
        let index = 0;
        do {
          page = await fetchPage(c, rdsBackups, { region: HZ, instanceId: IDS.mysql }, index++, size, signal);
          assert.strictEqual(page.total, 130);
          seen.push(...page.items.map((b) => b.id));
        } while (page.hasMore);
        assert.strictEqual(seen.length, 130, `PageSize ${size}`);
        assert.strictEqual(new Set(seen).size, 130);
        assert.strictEqual(index, Math.ceil(130 / size));
      }
    });

    it('filters by status (the filter status is BackupStatus) and by the entry children', async () => {
      const c = client();
      const failed = await fetchAll(c, rdsBackups, { region: HZ, instanceId: IDS.mysql, filter: { status: 'Failed' } }, 100, signal);
      assert.ok(failed.length > 0 && failed.every((b) => b.statusText === 'Failed' && b.status === 'failed'));
      assert.ok(failed.every((b) => !b.downloadUrl && !b.intranetDownloadUrl));
      const ok = await fetchAll(c, rdsBackups, { region: HZ, instanceId: IDS.mysql, filter: { status: 'Success' } }, 100, signal);
      assert.strictEqual(ok.length + failed.length, 130);
      const manual = await fetchAll(c, rdsBackups, { region: HZ, instanceId: IDS.mysql, filter: { mode: 'Manual' } }, 100, signal);
      assert.ok(manual.length > 0 && manual.every((b) => b.mode === 'Manual'));
      const full = await fetchAll(c, rdsBackups, { region: HZ, instanceId: IDS.mysql, filter: { type: 'FullBackup', mode: 'Automated' } }, 100, signal);
      assert.ok(full.length > 0 && full.every((b) => b.type === 'FullBackup' && b.mode === 'Automated'));
      const increments = await fetchAll(c, rdsBackups, { region: HZ, instanceId: IDS.mysql, filter: { type: 'IncrementalBackup', mode: 'Automated' } }, 100, signal);
      assert.ok(increments.every((b) => b.type === 'IncrementalBackup'));
      assert.strictEqual(full.length + increments.length + manual.length, 130);
      assert.deepStrictEqual(rdsEntry.backupFilter, { statuses: ['Success', 'Failed'], modes: ['Automated', 'Manual'], types: ['FullBackup', 'IncrementalBackup'] });
      const [instance] = (await fetchPage(c, rdsInstances, { region: HZ }, 0, 100, signal)).items.filter((r) => r.id === IDS.mysql);
      const [listing] = rdsEntry.kinds.rdsInstance.children(instance, { status: 'Failed' }, { windowDays: 7 });
      const page = await listing.fetch(c, 0, 30, signal);
      assert.strictEqual(page.total, failed.length);
    });

    it('filters by time: StartTime/EndTime in minutes', async () => {
      const c = client();
      const [newest] = (await fetchPage(c, rdsBackups, { region: HZ, instanceId: IDS.mysql }, 0, 30, signal)).items;
      const start = newest.startTime as Date;
      const got = await fetchAll(c, rdsBackups, { region: HZ, instanceId: IDS.mysql, filter: { start: new Date(start.getTime() - 60_000), end: start } }, 30, signal);
      assert.deepStrictEqual(got.map((b) => b.id), [newest.id]);
    });

    it('gives signed download URLs, none for snapshots, and per-database parts for logical backups', async () => {
      const all: Backup[] = await fetchAll(client(), rdsBackups, { region: HZ, instanceId: IDS.mysql }, 100, signal);
      const physical = all.find((b) => b.method === 'Physical' && b.status === 'success');
      assert.match(physical?.downloadUrl ?? '', /^http:\/\/.*\?Expires=\d+&OSSAccessKeyId=\w+&Signature=/);
      assert.match(physical?.intranetDownloadUrl ?? '', /-internal\./);
      assert.strictEqual(typeof physical?.raw.ConsistentTime, 'number');
      const logical = all.filter((b) => b.method === 'Logical' && b.status === 'success');
      assert.ok(logical.length > 0);
      for (const b of logical) {
        assert.deepStrictEqual(b.parts?.map((p) => p.id), ['orders', 'users']);
        assert.ok(b.parts.every((p) => /dbList=/.test(p.downloadUrl ?? '') && /internal/.test(p.intranetDownloadUrl ?? '')));
      }
      assert.ok(all.filter((b) => b.method !== 'Logical').every((b) => b.parts === undefined));
      assert.ok(all.some((b) => b.type === 'IncrementalBackup') && all.some((b) => b.type === 'FullBackup'));
      const pg = await fetchAll(client(), rdsBackups, { region: HZ, instanceId: IDS.postgres }, 30, signal);
      assert.ok(pg.filter((b) => b.method === 'Snapshot').every((b) => b.downloadUrl === undefined));
    });

    it('reads the backup policy into detail rows', async () => {
      const c = client();
      const instances = await fetchAll(c, rdsInstances, { region: HZ }, 30, signal);
      const rows = async (id: string): Promise<DetailRow[]> => {
        const instance = instances.find((r) => r.id === id);
        assert.ok(instance);
        return (await rdsPolicy(c, instance, signal)).rows;
      };
      const mysql = new Map(await rows(IDS.mysql));
      assert.deepStrictEqual(mysql.get('Retention' as never), { message: '{0} days', args: [7] });
      assert.deepStrictEqual(mysql.get('Schedule' as never), { message: '{0} at {1}', args: ['Monday,Wednesday,Friday', '18:00Z-19:00Z'] });
      assert.ok(mysql.get('Next backup' as never) instanceof Date);
      assert.deepStrictEqual(mysql.get('Log backup' as never), { message: 'On', args: [] });
      const pg = new Map(await rows(IDS.postgres));
      assert.deepStrictEqual(pg.get('Log backup' as never), { message: 'Off', args: [] });
      assert.strictEqual(rdsEntry.kinds.rdsReadOnly.policy, rdsPolicy);
    });

    it('a wrong secret is SignatureDoesNotMatch, not retried', async () => {
      const err = await failure(fetchPage(client({ accessKeyId: TEST_KEY.accessKeyId, accessKeySecret: 'wrong-secret-rds' }), rdsInstances, { region: HZ }, 0, 30, signal));
      assert.ok(err instanceof CloudError);
      assert.strictEqual(err.code, 'SignatureDoesNotMatch');
      assert.strictEqual(err.product, 'rds');
      assert.strictEqual(h.emulator.requests().length, 1);
    });

    it('injected faults match the product and the instance region', async () => {
      h.emulator.injectFault({ kind: 'throttle', product: 'rds', action: 'DescribeBackups', regionId: HZ, times: 1 });
      const page = await fetchPage(client(), rdsBackups, { region: HZ, instanceId: IDS.postgres }, 0, 30, signal);
      assert.strictEqual(page.total, 12);
      assert.deepStrictEqual(h.emulator.requests().map((r) => r.code), ['Throttling.User', undefined]);
    });

    it('uses the SDK host map with the regional fallback', () => {
      assert.strictEqual(rdsProduct.endpointHost('cn-hangzhou'), 'rds.aliyuncs.com');
      assert.strictEqual(rdsProduct.endpointHost('ap-southeast-1'), 'rds.aliyuncs.com');
      assert.strictEqual(rdsProduct.endpointHost('eu-central-1'), 'rds.eu-central-1.aliyuncs.com');
      assert.strictEqual(rdsProduct.endpointHost('cn-hangzhou-finance'), 'rds-vpc.cn-hangzhou-finance.aliyuncs.com');
    });
  });
});
