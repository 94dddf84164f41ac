// Bad input: whatever the user types into Set Access Key…, the settings or the time-range filter gets a clear
// message where it was typed, and nothing is stored or sent (the emulator's log stays empty).
import './vscodeStub';
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { checkKeyPart } from '../../src/auth/validateInput';
import type { AccessKey } from '../../src/cloud/credentials';
import { checkEndpointOverride } from '../../src/cloud/endpoints';
import { CloudError } from '../../src/cloud/errors';
import { adbClusters } from '../../src/products/adb';
import type { Resource } from '../../src/cloud/models';
import { fetchPage } from '../../src/cloud/paging';
import type { CommandDeps } from '../../src/commands/command';
import { filterBackups, parseUtc } from '../../src/commands/filterBackups';
import { plainCode, signIn } from '../../src/commands/signIn';
import { readSettings } from '../../src/config';
import type { ExplorerNode } from '../../src/explorer/node';
import { RegionsRoot } from '../../src/explorer/regionNodes';
import { ResourceNode } from '../../src/explorer/resourceNode';
import { TEST_CREDENTIALS } from '../emulator';
import { fakeContext, ownerNode, repoRoot, settings, useFigures, useSuiteEmulator } from './support';
import { configValues, inputBoxes, inputScript, messages, resetStub, workspaceConfigValues } from './vscodeStub';

const REQUIRED = 'This value is required.';
const SPACES = 'Remove the spaces at the start or end.';
const ASCII = 'Only ASCII letters, digits and punctuation are allowed, without spaces.';
const TOO_LONG = (n: number): string => `This is longer than ${n} characters.`;
const TOO_SHORT = 'This is too short for an AccessKey.';

describe('Reliability: bad input is refused where it is typed; nothing is stored or sent', function () {
  this.timeout(30_000);
  const figures = useFigures('input');
  const s = useSuiteEmulator();
  beforeEach(() => resetStub());

  const record = (input: string, where: string, message: string | undefined, passed: boolean): void => {
    figures.badInput.push({ input, where, message, passed });
  };

  describe('Set Access Key… boxes (checkKeyPart)', () => {
    const CASES: Array<[label: string, value: string, what: 'id' | 'secret' | 'token', expected: string | undefined]> = [
      ['empty ID', '', 'id', REQUIRED],
      ['blank ID', '    ', 'id', REQUIRED],
      ['ID with a leading space', ' EMULATOR_TEST_KEY_ID', 'id', SPACES],
      ['ID with a trailing newline', 'EMULATOR_TEST_KEY_ID\n', 'id', SPACES],
      ['ID of 129 characters', 'A'.repeat(129), 'id', TOO_LONG(128)],
      ['ID with Cyrillic letters', 'КЛЮЧ_EMULATOR_1', 'id', ASCII],
      ['ID with an inner space', 'EMULATOR TEST', 'id', ASCII],
      ['ID with a right-to-left mark', 'EMULATOR\u200FTEST_KEY', 'id', ASCII],
      ['ID with an emoji', 'EMULATOR_🔑_KEY', 'id', ASCII],
      ['ID too short', 'abc', 'id', TOO_SHORT],
      ['empty secret', '', 'secret', REQUIRED],
      ['secret with a trailing space', 'emulator-test-secret-3f9a ', 'secret', SPACES],
      ['secret with a tab inside', 'emulator\ttest-secret', 'secret', ASCII],
      ['secret of 129 characters', 's'.repeat(129), 'secret', TOO_LONG(128)],
      ['secret with accented letters', 'sécret-émulateur', 'secret', ASCII],
      ['STS token of 8193 characters', 't'.repeat(8193), 'token', TOO_LONG(8192)],
      ['STS token with a leading space', ' emulator-sts-token-5d2e', 'token', SPACES],
      ['STS token with Chinese characters', '令牌emulator', 'token', ASCII],
      ['empty STS token (allowed: permanent key)', '', 'token', undefined],
      ['valid ID', TEST_CREDENTIALS.normal.accessKeyId, 'id', undefined],
      ['valid secret', TEST_CREDENTIALS.normal.accessKeySecret, 'secret', undefined],
      ['valid STS token', TEST_CREDENTIALS.sts.securityToken, 'token', undefined],
    ];
    for (const [label, value, what, expected] of CASES) {
      it(`${label}: ${expected ? JSON.stringify(expected) : 'accepted'}`, () => {
        const message = checkKeyPart(value, what);
        assert.strictEqual(message, expected);
        if (expected) record(label, `Set Access Key… (${what} box)`, message, true);
      });
    }
  });

  describe('Set Access Key… end to end (input boxes scripted, real verification against the emulator)', () => {
    interface Stored {
      keys: AccessKey[];
    }
    const logged: string[] = [];
    beforeEach(() => {
      logged.length = 0;
    });
    function deps(stored: Stored): CommandDeps {
      const log = { info: () => undefined, warn: (line: string) => void logged.push(line), error: () => undefined, debug: () => undefined, show: () => undefined };
      return {
        session: { settings: settings({ endpointOverrides: { adb: s.emulator.url, dds: s.emulator.url, dbs: s.emulator.url } }) },
        credentials: { store: { set: async (key: AccessKey) => void stored.keys.push(key) } },
        log,
      } as unknown as CommandDeps;
    }
    const good = TEST_CREDENTIALS.normal;
    const BAD: Array<[label: string, answers: string[], box: number, expected: string]> = [
      ['empty ID', [''], 0, REQUIRED],
      ['whitespace-padded ID', [` ${good.accessKeyId} `], 0, SPACES],
      ['too long ID', ['K'.repeat(200)], 0, TOO_LONG(128)],
      ['non-ASCII ID', ['ИД_EMULATOR_KEY'], 0, ASCII],
      ['empty secret', [good.accessKeyId, ''], 1, REQUIRED],
      ['whitespace-padded secret', [good.accessKeyId, `${good.accessKeySecret}  `], 1, SPACES],
      ['too long secret', [good.accessKeyId, 'x'.repeat(300)], 1, TOO_LONG(128)],
      ['non-ASCII secret', [good.accessKeyId, 'geheim-schlüssel-1'], 1, ASCII],
      ['too long STS token', [good.accessKeyId, good.accessKeySecret, 'T'.repeat(9000)], 2, TOO_LONG(8192)],
      ['non-ASCII STS token', [good.accessKeyId, good.accessKeySecret, 'jeton-sécurité'], 2, ASCII],
    ];
    for (const [label, answers, box, expected] of BAD) {
      it(`${label}: the box says ${JSON.stringify(expected)}; nothing is stored, no request is sent`, async () => {
        const stored: Stored = { keys: [] };
        inputScript.push(...answers);
        await signIn.run(deps(stored));
        assert.strictEqual(inputBoxes.length, box + 1, 'the command stops at the box that refused the value');
        assert.strictEqual(inputBoxes[box].validation, expected);
        assert.deepStrictEqual(stored.keys, [], 'nothing stored');
        assert.strictEqual(s.emulator.requests().length, 0, 'nothing sent');
        record(`Set Access Key…: ${label}`, 'input box validation message', expected, true);
      });
    }

    it('a well-formed but wrong secret is checked (one request), refused with its code, and not stored; the secret is in no message', async () => {
      const stored: Stored = { keys: [] };
      const wrong = 'wrong-but-well-formed-secret-77';
      inputScript.push(good.accessKeyId, wrong, '');
      await signIn.run(deps(stored));
      assert.deepStrictEqual(stored.keys, []);
      assert.strictEqual(s.emulator.requests().length, 1, 'one verification request, not retried');
      const shown = messages.filter((m) => m.level === 'error');
      assert.strictEqual(shown.length, 1);
      // The notification says why in our words; the API's text (untrusted: notifications render links) goes to the log.
      assert.strictEqual(shown[0].text, 'The AccessKey was refused and was not stored: the AccessKey ID, secret or token is wrong (SignatureDoesNotMatch).');
      assert.match(logged.join('\n'), /adb DescribeRegions: SignatureDoesNotMatch: .*\(RequestId [0-9A-F-]+\)/);
      assert.ok(!shown[0].text.includes(wrong) && !logged.join('\n').includes(wrong));
      record('Set Access Key…: wrong secret', 'error notification (verified against the API), code in the log', shown[0].text, true);
    });

    it('an error code reaches the notification only when it cannot be a link or markup', () => {
      assert.strictEqual(plainCode('InvalidAccessKeyId.NotFound'), 'InvalidAccessKeyId.NotFound');
      for (const code of ['[Open](command:workbench.action.tasks.runTask)', '<img src=x>', 'a b', '', 'x'.repeat(65)]) assert.strictEqual(plainCode(code), undefined, code);
    });

    it('an expired STS token is refused and not stored', async () => {
      const stored: Stored = { keys: [] };
      const sts = TEST_CREDENTIALS.sts;
      inputScript.push(sts.accessKeyId, sts.accessKeySecret, TEST_CREDENTIALS.expiredStsToken);
      await signIn.run(deps(stored));
      assert.deepStrictEqual(stored.keys, []);
      const shown = messages.filter((m) => m.level === 'error');
      assert.strictEqual(shown[0]?.text, 'The AccessKey was refused and was not stored: the AccessKey ID, secret or token is wrong (InvalidSecurityToken.Expired).');
      assert.match(logged.join('\n'), /InvalidSecurityToken\.Expired/);
      const everything = [shown[0].text, ...logged].join('\n');
      assert.ok(!everything.includes(TEST_CREDENTIALS.expiredStsToken) && !everything.includes(sts.accessKeySecret));
      record('Set Access Key…: expired STS token', 'error notification', 'InvalidSecurityToken.Expired', true);
    });

    it('a good STS key is stored once, after one verification request', async () => {
      const stored: Stored = { keys: [] };
      const sts = TEST_CREDENTIALS.sts;
      inputScript.push(sts.accessKeyId, sts.accessKeySecret, sts.securityToken);
      await signIn.run(deps(stored));
      assert.deepStrictEqual(stored.keys, [{ accessKeyId: sts.accessKeyId, accessKeySecret: sts.accessKeySecret, securityToken: sts.securityToken }]);
      assert.strictEqual(s.emulator.requests().length, 1);
      assert.ok(messages.every((m) => !m.text.includes(sts.accessKeySecret) && !m.text.includes(sts.securityToken)));
    });
  });

  describe('Filter Backups… time range (parseUtc and the boxes)', () => {
    const WRONG = 'Use YYYY-MM-DD or YYYY-MM-DD HH:mm, in UTC.';
    const ORDER = 'The end must be after the start.';
    for (const text of ['yesterday', '2026/01/01', '01-02-2026', '2026-1-1', '2026-13-01', '2026-02-30', '2026-01-01 24:00', '2026-01-01 12:60', '2026-01-01T12:00Z', '2026-01-01 12', '<script>', '２０２６-01-01']) {
      it(`"${text}" is not a time`, () => assert.strictEqual(parseUtc(text), 'invalid'));
    }
    it('empty means no bound; valid values are UTC', () => {
      assert.strictEqual(parseUtc('   '), undefined);
      assert.strictEqual((parseUtc('2026-02-28 23:59') as Date).toISOString(), '2026-02-28T23:59:00.000Z');
      assert.strictEqual((parseUtc(' 2024-02-29 ') as Date).toISOString(), '2024-02-29T00:00:00.000Z');
    });

    function resourceNode(ctx: ReturnType<typeof fakeContext>): ResourceNode {
      const resource: Resource = { product: 'adb', kind: 'adbCluster', region: 'cn-hangzhou', id: 'am-bp1small0000001', status: 'success', raw: {} };
      return new ResourceNode(ownerNode('region/cn-hangzhou/adb'), ctx, resource);
    }

    const BAD: Array<[label: string, answers: string[], box: number, expected: string]> = [
      ['wrong start format', ['2026/01/01'], 0, WRONG],
      ['impossible start date', ['2026-02-30'], 0, WRONG],
      ['wrong end format', ['2026-01-01', 'tomorrow'], 1, WRONG],
      ['end before start', ['2026-03-01 10:00', '2026-02-01'], 1, ORDER],
      ['end equal to start', ['2026-03-01 10:00', '2026-03-01 10:00'], 1, ORDER],
    ];
    for (const [label, answers, box, expected] of BAD) {
      it(`${label}: the box says ${JSON.stringify(expected)}; no filter is set, nothing is fetched`, async () => {
        const ctx = fakeContext(s.client());
        const node = resourceNode(ctx);
        inputScript.push(...answers);
        await filterBackups.run({ tree: { selection: [] } } as unknown as CommandDeps, node);
        assert.strictEqual(inputBoxes.length, box + 1);
        assert.strictEqual(inputBoxes[box].validation, expected);
        assert.strictEqual(node.filter, undefined);
        assert.deepStrictEqual(ctx.changes, [], 'the tree is not reloaded');
        assert.strictEqual(s.emulator.requests().length, 0, 'nothing fetched');
        record(`Filter Backups…: ${label}`, 'input box validation message', expected, true);
      });
    }

    it('a valid range is applied', async () => {
      const ctx = fakeContext({} as never);
      const node = resourceNode(ctx);
      inputScript.push('2026-01-01', '2026-02-01 12:30');
      await filterBackups.run({ tree: { selection: [] } } as unknown as CommandDeps, node);
      assert.strictEqual(node.filter?.start?.toISOString(), '2026-01-01T00:00:00.000Z');
      assert.strictEqual(node.filter?.end?.toISOString(), '2026-02-01T12:30:00.000Z');
      assert.deepStrictEqual(ctx.changes, [node]);
    });
  });

  describe('settings', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { pattern?: string; items?: { pattern: string }; enum?: number[]; properties?: Record<string, { pattern: string }> }> } };
    };
    const props = manifest.contributes.configuration.properties;

    const OVERRIDES: Array<[string, string]> = [
      ['not a url', 'notUrl'],
      ['', 'notUrl'],
      ['127.0.0.1:4010', 'notUrl'],
      ['localhost:4010', 'notHttp'],
      ['ftp://127.0.0.1:4010', 'notHttp'],
      ['file:///etc/passwd', 'notHttp'],
      ['javascript:alert(1)', 'notHttp'],
      ['http://127.0.0.1:4010/api', 'notBaseUrl'],
      ['https://adb.aliyuncs.com/?x=1', 'notBaseUrl'],
      ['https://adb.aliyuncs.com/#frag', 'notBaseUrl'],
      ['http://adb-vpc.cn-hangzhou.aliyuncs.com', 'plainHttpRemote'],
      ['http://10.0.0.8:4010', 'plainHttpRemote'],
      ['http://127.0.0.1.evil.example:4010', 'plainHttpRemote'],
      ['https://user:pass@adb.aliyuncs.com', 'hasUserInfo'],
    ];
    for (const [value, expected] of OVERRIDES) {
      it(`endpointOverrides value ${JSON.stringify(value)} is refused by the check and by the settings schema`, () => {
        const problem = checkEndpointOverride(value);
        assert.strictEqual(problem, expected);
        for (const product of ['adb', 'dds', 'dbs']) {
          const pattern = new RegExp(props['alibabaCloudBackups.endpointOverrides'].properties![product].pattern);
          assert.ok(!pattern.test(value), `the Settings editor flags ${JSON.stringify(value)} for ${product}`);
        }
        record(`endpointOverrides ${JSON.stringify(value)}`, 'settings (schema message + warning with Open Settings)', problem, true);
      });
    }
    it('usable overrides pass both', () => {
      for (const value of ['https://adb-vpc.{region}.aliyuncs.com', 'http://127.0.0.1:4010', 'http://127.0.0.1:4010/', 'http://localhost:4010', 'http://[::1]:4010']) {
        assert.strictEqual(checkEndpointOverride(value), undefined, value);
        assert.ok(new RegExp(props['alibabaCloudBackups.endpointOverrides'].properties!.adb.pattern).test(value), value);
      }
    });

    it('readSettings reports unusable values by setting name, never their text, and uses usable values instead', () => {
      const link = '[Open Settings](command:workbench.action.tasks.runTask?%22lint%22 "Open Settings")';
      configValues.endpointOverrides = { adb: 'ftp://127.0.0.1:4010', dds: link, dbs: 'http://127.0.0.1:4010/path' };
      configValues.pageSize = link;
      configValues.regions = [' cn-hangzhou ', 42, '', null, link];
      configValues.maxConcurrentRequests = -3;
      configValues.requestTimeoutSeconds = 'ten';
      const read = readSettings();
      assert.deepStrictEqual(read.endpointOverrides, {});
      assert.strictEqual(read.pageSize, 100);
      assert.deepStrictEqual(read.regions, ['cn-hangzhou']);
      assert.strictEqual(read.maxConcurrentRequests, 1);
      assert.strictEqual(read.timeoutMs, 10_000);
      assert.strictEqual(read.problems.length, 7);
      for (const problem of read.problems) {
        assert.match(problem, /alibabaCloudBackups\.\w+/);
        assert.ok(!/command:|\]\(|ftp:|127\.0\.0\.1/.test(problem), `the problem text repeats the value: ${problem}`);
      }
      assert.match(read.problems.join('\n'), /alibabaCloudBackups\.pageSize is not one of 30, 50 or 100; 100 is used\./);
      record('pageSize "[Open Settings](command:…)"', 'settings warning naming the setting, not its value', read.problems.join(' '), true);
    });

    it('timeout and concurrency outside the manifest ranges are clamped, so Node timers cannot overflow', () => {
      for (const [timeout, expectedMs] of [[0.01, 1000], [3_000_000, 120_000], [Infinity, 10_000], [45, 45_000]] as const) {
        configValues.requestTimeoutSeconds = timeout;
        assert.strictEqual(readSettings().timeoutMs, expectedMs, `requestTimeoutSeconds ${timeout}`);
        record(`requestTimeoutSeconds ${timeout}`, 'clamped to 1–120 s', String(expectedMs), true);
      }
      for (const [concurrency, expected] of [[0, 1], [1e10, 32], [2.5, 2], [NaN, 8]] as const) {
        configValues.maxConcurrentRequests = concurrency;
        assert.strictEqual(readSettings().maxConcurrentRequests, expected, `maxConcurrentRequests ${concurrency}`);
        record(`maxConcurrentRequests ${concurrency}`, 'clamped to 1–32', String(expected), true);
      }
    });

    it('endpointOverrides and useEcsMetadata from a workspace are ignored; the user\'s own values are used', () => {
      workspaceConfigValues.endpointOverrides = { adb: 'http://127.0.0.1:9', dds: 'http://127.0.0.1:9', dbs: 'http://127.0.0.1:9' };
      workspaceConfigValues.useEcsMetadata = true;
      configValues.endpointOverrides = { adb: 'http://127.0.0.1:4010' };
      const read = readSettings();
      assert.deepStrictEqual(read.endpointOverrides, { adb: 'http://127.0.0.1:4010' });
      assert.strictEqual(read.useEcsMetadata, false);
    });

    for (const size of [0, 10, 42, 101, 1000, -30]) {
      it(`page size ${size} is outside the schema's enum and never reaches the API`, () => {
        assert.ok(!props['alibabaCloudBackups.pageSize'].enum!.includes(size));
        configValues.pageSize = size;
        assert.strictEqual(readSettings().pageSize, 100);
      });
    }

    for (const region of ['cn_hangzhou', 'Hangzhou', 'hz', 'cn-', '<script>', 'cn-hangzhou ']) {
      it(`regions entry ${JSON.stringify(region)} is flagged by the settings schema`, () => {
        assert.ok(!new RegExp(props['alibabaCloudBackups.regions'].items!.pattern).test(region));
      });
    }

    it('a bad override is refused before any request: CloudError InvalidEndpointOverride, 0 requests at the emulator', async () => {
      const client = s.client({ settings: { endpointOverrides: { adb: `ftp://${s.emulator.endpoint}` } } });
      await assert.rejects(fetchPage(client, adbClusters, { region: 'cn-hangzhou' }, 0, 30), (err: unknown) => {
        assert.ok(err instanceof CloudError);
        assert.strictEqual(err.code, 'InvalidEndpointOverride');
        assert.strictEqual(err.retryable, false);
        return true;
      });
      assert.strictEqual(s.emulator.requests().length, 0);
    });

    it('a regions entry that does not exist shows a warning row naming the setting, and no request names that region', async () => {
      const ctx = fakeContext(s.client(), { regions: ['cn-hangzhou', 'xx-nowhere-9'] });
      const root = new RegionsRoot(ctx);
      const rows: ExplorerNode[] = await root.getChildren();
      assert.deepStrictEqual(rows.map((r) => r.id), ['region/cn-hangzhou', 'unknown/xx-nowhere-9']);
      const label = String((rows[1].getTreeItem() as { label: string }).label);
      assert.strictEqual(label, 'Region "xx-nowhere-9" is not served by any of the products: check the alibabaCloudBackups.regions setting');
      const products = await rows[0].getChildren!();
      await Promise.all(products.map((p) => p.getChildren!()));
      const log = s.emulator.requests();
      assert.ok(log.length > 3);
      assert.deepStrictEqual(log.filter((r) => JSON.stringify(r.params).includes('xx-nowhere-9')), []);
      record('regions ["xx-nowhere-9"]', 'warning row in the tree', label, true);
    });
  });
});
