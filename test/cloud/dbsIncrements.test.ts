import * as assert from 'assert';
import { SAMPLE_IDS, startEmulator, type RunningEmulator } from '../emulator';
import { apiFailure, items, rawApi, type Json, type Query, type RawApi } from './rawApi';

const VERSION = '2019-03-06';
const BIG = SAMPLE_IDS.dbs.big;
const STATUSES = ['INIT', 'FILLING', 'COMPLETED', 'UNCOMPLETED'];
const STORAGE = ['Standard', 'IA', 'Archive', 'UNKNOWN'];

describe('DBS DescribeIncrementBackupList through the signing client', () => {
  let emu: RunningEmulator;
  let api: RawApi;

  before(async () => {
    emu = await startEmulator();
    api = rawApi(emu.endpoint);
  });
  after(async () => {
    await emu.close();
  });
  beforeEach(() => {
    emu.clearFaults();
    emu.clearRequests();
  });

  const list = (query: Query) => api.call(VERSION, 'DescribeIncrementBackupList', query);
  const everything = async (planId: string, query: Query = {}): Promise<Json[]> => {
    const out: Json[] = [];
    for (let page = 0; page < 100; page++) {
      const got = items(await list({ BackupPlanId: planId, PageNum: page, PageSize: 30, ...query }), 'IncrementBackupFile');
      out.push(...got);
      if (got.length < 30) {
        break;
      }
    }
    return out;
  };

  it('pages from PageNum 0 to the integer TotalElements, newest first, no file twice', async () => {
    const sizes: number[] = [];
    const all: Json[] = [];
    for (let page = 0; page <= 3; page++) {
      const body = await list({ BackupPlanId: BIG, PageNum: page, PageSize: 30 });
      assert.deepStrictEqual(
        [body.Success, body.ErrCode, body.ErrMessage, body.HttpStatusCode],
        [true, '', '', 200],
      );
      assert.deepStrictEqual([body.TotalElements, body.TotalPages, body.PageNum, body.PageSize], [75, 3, page, 30]);
      const got = items(body, 'IncrementBackupFile');
      sizes.push(got.length);
      all.push(...got);
    }
    assert.deepStrictEqual(sizes, [30, 30, 15, 0]);
    assert.strictEqual(new Set(all.map((f) => f.BackupSetId)).size, 75);
    const starts = all.map((f) => f.StartTime as number);
    assert.deepStrictEqual(starts, [...starts].sort((a, b) => b - a));
    // Without PageNum the first page (0) comes back.
    const first = await list({ BackupPlanId: BIG });
    assert.deepStrictEqual([first.PageNum, first.PageSize], [0, 30]);
    assert.deepStrictEqual(items(first, 'IncrementBackupFile'), all.slice(0, 30));
    const wide = await list({ BackupPlanId: BIG, PageSize: 100 });
    assert.deepStrictEqual([wide.TotalPages, items(wide, 'IncrementBackupFile').length], [1, 75]);
  });

  it('serves binlog items with ms times, integer sizes and a string SourceEndpointPort', async () => {
    const files = await everything(BIG);
    for (const f of files) {
      assert.match(String(f.BackupSetId), /^mysql-bin\.\d{6}$/);
      assert.ok(typeof f.BackupSetJobId === 'string' && f.BackupSetJobId !== '');
      assert.ok(STATUSES.includes(String(f.BackupStatus)));
      assert.ok(Number.isSafeInteger(f.StartTime) && (f.StartTime as number) > 1e12, 'epoch ms');
      assert.ok(Number.isSafeInteger(f.BackupSetExpiredTime) && (f.BackupSetExpiredTime as number) > (f.StartTime as number));
      assert.ok(Number.isSafeInteger(f.BackupSize));
      assert.ok(STORAGE.includes(String(f.StorageMethod)), 'StorageMethod shown by default');
      assert.strictEqual(f.SourceEndpointPort, '3306');
      assert.strictEqual(f.SourceEndpointIpPort, `${String(f.SourceEndpointHost)}:3306`);
      assert.strictEqual(f.SourceEndpointRegion, 'cn-hangzhou');
      assert.strictEqual(f.SourceEndpointInstanceType, 'rds');
      assert.match(String(f.SourceEndpointInstanceId), /^rm-/);
    }
    // Binlog numbers count up with time.
    const numbers = files.map((f) => Number(String(f.BackupSetId).slice('mysql-bin.'.length)));
    assert.deepStrictEqual(numbers, numbers.map((_, k) => numbers[0] - k));
    // The file being written is the newest of a running plan and has no end yet; finished ones end after they start.
    const [newest, ...rest] = files;
    assert.strictEqual(newest.BackupStatus, 'FILLING');
    assert.strictEqual(newest.StorageMethod, 'UNKNOWN');
    assert.ok(!('EndTime' in newest));
    assert.ok(rest.every((f) => Number.isSafeInteger(f.EndTime) && (f.EndTime as number) > (f.StartTime as number)));
    assert.ok(rest.some((f) => f.BackupStatus === 'UNCOMPLETED') && rest.some((f) => f.BackupStatus === 'COMPLETED'));
  });

  it('binlog names are no plan\'s full backup set ID and no other plan\'s binlog name, so one names one file', async () => {
    const byId = new Map<string, string>();
    const fullIds = new Set<string>();
    for (const plan of emu.data.dbs.plans) {
      for (const f of await everything(plan.id)) {
        const id = String(f.BackupSetId);
        assert.strictEqual(byId.get(id), undefined, `${id} in ${plan.id} and ${byId.get(id) ?? ''}`);
        byId.set(id, plan.id);
      }
      for (let page = 0, more = true; more; page++) {
        const body = await api.call(VERSION, 'DescribeFullBackupList', { BackupPlanId: plan.id, PageNum: page, PageSize: 100 });
        const got = items(body, 'FullBackupFile');
        for (const f of got) fullIds.add(String(f.BackupSetId));
        more = got.length === 100;
      }
    }
    assert.strictEqual(byId.size, 75 + 5 + 2);
    assert.ok(fullIds.size > 100, `${fullIds.size} full backup sets`);
    assert.deepStrictEqual([...byId.keys()].filter((id) => fullIds.has(id)), []);
  });

  it('has no BackupSetId filter: the whole list comes back whatever it says', async () => {
    const [oldest] = (await everything(BIG)).slice(-1);
    const body = await list({ BackupPlanId: BIG, BackupSetId: String(oldest.BackupSetId), PageSize: 30 });
    assert.deepStrictEqual([body.TotalElements, items(body, 'IncrementBackupFile').length], [75, 30]);
  });

  it('ShowStorageType=false leaves StorageMethod out', async () => {
    const body = await list({ BackupPlanId: BIG, ShowStorageType: false });
    assert.ok(items(body, 'IncrementBackupFile').every((f) => !('StorageMethod' in f)));
    const shown = await list({ BackupPlanId: BIG, ShowStorageType: true });
    assert.ok(items(shown, 'IncrementBackupFile').every((f) => 'StorageMethod' in f));
  });

  it('StartTimestamp/EndTimestamp (ms) filter on the file start, inclusive', async () => {
    const files = await everything(BIG);
    const from = files[40].StartTime as number;
    const to = files[10].StartTime as number;
    const body = await list({ BackupPlanId: BIG, StartTimestamp: from, EndTimestamp: to });
    const got = items(body, 'IncrementBackupFile');
    assert.strictEqual(body.TotalElements, 31);
    assert.deepStrictEqual(got, files.slice(10, 40 + 1).slice(0, 30));
    const onlyFrom = await list({ BackupPlanId: BIG, StartTimestamp: from, PageSize: 100 });
    assert.strictEqual(onlyFrom.TotalElements, 41);
  });

  it('a small plan has a few files, the empty plan none', async () => {
    const sh = await list({ BackupPlanId: SAMPLE_IDS.dbs.shanghai });
    assert.deepStrictEqual([sh.TotalElements, sh.TotalPages, items(sh, 'IncrementBackupFile').length], [5, 1, 5]);
    assert.ok(items(sh, 'IncrementBackupFile').every((f) => f.SourceEndpointRegion === 'cn-shanghai'));
    // A paused plan writes nothing now: every file is finished.
    const paused = items(await list({ BackupPlanId: SAMPLE_IDS.dbs.paused }), 'IncrementBackupFile');
    assert.strictEqual(paused.length, 2);
    assert.ok(paused.every((f) => f.BackupStatus !== 'FILLING' && typeof f.EndTime === 'number'));
    const empty = await list({ BackupPlanId: SAMPLE_IDS.dbs.empty });
    assert.deepStrictEqual(
      [empty.Success, empty.TotalElements, empty.TotalPages, empty.PageNum, items(empty, 'IncrementBackupFile')],
      [true, 0, 0, 0, []],
    );
  });

  it('a missing BackupPlanId is HTTP 400 MissingParameter', async () => {
    const err = await apiFailure(list({}));
    assert.deepStrictEqual([err.code, err.statusCode], ['MissingParameter', 400]);
    assert.match(err.message, /BackupPlanId/);
  });

  it('bad values come back as HTTP 200 with Success:false and InvalidParameterValid', async () => {
    for (const query of [
      { BackupPlanId: 'dbs-no-such-plan' },
      { BackupPlanId: BIG, PageSize: 20 },
      { BackupPlanId: BIG, PageSize: 1 },
      { BackupPlanId: BIG, PageNum: -1 },
      { BackupPlanId: BIG, StartTimestamp: 'yesterday' },
      { BackupPlanId: BIG, StartTimestamp: 2_000_000_000_000, EndTimestamp: 1_000_000_000_000 },
    ]) {
      const body = await list(query);
      assert.deepStrictEqual(
        [body.Success, body.ErrCode, body.HttpStatusCode],
        [false, 'InvalidParameterValid', 400],
        JSON.stringify(query),
      );
      assert.strictEqual(body.Items, undefined);
    }
    assert.strictEqual(emu.requests().at(-1)?.code, 'InvalidParameterValid');
  });

  it('faults match DescribeIncrementBackupList by product, action and the plan’s region', async () => {
    emu.injectFault({ kind: 'throttle', product: 'dbs', action: 'DescribeIncrementBackupList', regionId: 'cn-shanghai' });
    assert.strictEqual((await list({ BackupPlanId: BIG })).TotalElements, 75, 'a Shanghai fault leaves a Hangzhou plan alone');
    const err = await apiFailure(list({ BackupPlanId: SAMPLE_IDS.dbs.shanghai }));
    assert.deepStrictEqual([err.code, err.statusCode], ['Throttling.User', 400]);
    emu.clearFaults();
    emu.injectFault({ kind: 'html502', product: 'dbs', action: 'DescribeIncrementBackupList', times: 1 });
    await assert.rejects(list({ BackupPlanId: BIG }));
    assert.strictEqual((await list({ BackupPlanId: BIG })).TotalElements, 75);
    const log = emu.requests().map((e) => [e.version, e.action, e.code]);
    assert.deepStrictEqual(log.at(-2), [VERSION, 'DescribeIncrementBackupList', 'html502']);
  });
});
