import * as assert from 'assert';
import { dbsFullBackups, dbsPlans, dbsRegions, planDetails } from '../../src/products/dbs';
import { CloudError } from '../../src/cloud/errors';
import { fetchAll, fetchPage } from '../../src/cloud/paging';
import { listRegions } from '../../src/cloud/regions';
import { failure, useEmulator } from './harness';

const BIG_PLAN = 'dbsplanbig00001';
const EMPTY_PLAN = 'dbsplanempty0001';

describe('DBS through the signing client', () => {
  const h = useEmulator();

  it('DescribeRegions reads a plain array of region codes', async () => {
    const regions = await listRegions(h.client(), dbsRegions);
    assert.ok(regions.length >= 3);
    assert.ok(regions.every((r) => typeof r.id === 'string' && r.id.length > 0));
  });

  it('DescribeBackupPlanList pages from PageNum 0 and reads plan details', async () => {
    const client = h.client();
    const plans = await fetchAll(client, dbsPlans, { region: 'cn-hangzhou' }, 100);
    assert.ok(plans.some((p) => p.id === BIG_PLAN));
    assert.strictEqual(h.emulator.requests().at(-1)?.params.PageNum, '0');
    const failed = plans.find((p) => p.statusText === 'init');
    assert.ok(failed, 'a plan whose precheck failed');
    const details = planDetails(failed.raw);
    assert.ok(details.precheckError);
    assert.strictEqual(typeof details.retentionDays, 'number');
  });

  it('DescribeFullBackupList pages add up to TotalElements, with ms times read as instants', async () => {
    const client = h.client();
    const first = await fetchPage(client, dbsFullBackups, { region: 'cn-hangzhou', planId: BIG_PLAN }, 0, 100);
    assert.ok(first.total > 100);
    const all = await fetchAll(client, dbsFullBackups, { region: 'cn-hangzhou', planId: BIG_PLAN }, 100);
    assert.strictEqual(all.length, first.total);
    assert.strictEqual(new Set(all.map((b) => b.id)).size, all.length);
    assert.ok(all.every((b) => b.startTime === undefined || b.startTime.getUTCFullYear() > 2000));
    const pageNums = h.emulator.requests().filter((r) => r.action === 'DescribeFullBackupList').map((r) => r.params.PageNum);
    assert.deepStrictEqual(pageNums.slice(1), ['0', '1']);
  });

  it('a plan with no jobs lists nothing', async () => {
    const page = await fetchPage(h.client(), dbsFullBackups, { region: 'cn-hangzhou', planId: EMPTY_PLAN }, 0, 30);
    assert.deepStrictEqual([page.items.length, page.total, page.hasMore], [0, 0, false]);
  });

  it('a 200 with Success:false is an error carrying ErrCode and RequestId', async () => {
    const err = await failure(fetchPage(h.client(), dbsFullBackups, { region: 'cn-hangzhou', planId: 'dbs-no-such-plan' }, 0, 30));
    assert.ok(err instanceof CloudError);
    assert.strictEqual(err.code, 'InvalidParameterValid');
    assert.ok(err.requestId);
  });
});
