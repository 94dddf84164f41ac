// Switch Profile…: what the picker lists from the aliyun CLI config and the credentials file (never a secret, the
// unusable ones with their reason), and that a picked profile is the identity the real client signs with against
// the emulator, and the only one: a failing pick never falls through to the stored key or the environment.
import '../reliability/vscodeStub';
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as path from 'path';
import { CloudClient } from '../../src/cloud/client';
import { CredentialSource, CredentialSourceError, type AccessKey } from '../../src/cloud/credentials';
import { CloudError } from '../../src/cloud/errors';
import { fetchPage } from '../../src/cloud/paging';
import { listProfiles, type ProfileChoice } from '../../src/cloud/profiles';
import { parseChoice } from '../../src/auth/profileStore';
import { adbClusters } from '../../src/products/adb';
import { SAMPLE_IDS, SECOND_ACCOUNT_IDS, TEST_CREDENTIALS } from '../emulator';
import { useCredentialEnv } from './credentialEnv';
import { failure, useEmulator } from './harness';

const { normal, secondAccount, sts } = TEST_CREDENTIALS;

const CONFIG = {
  current: 'main',
  profiles: [
    { name: 'main', mode: 'AK', access_key_id: normal.accessKeyId, access_key_secret: normal.accessKeySecret, region_id: 'cn-hangzhou' },
    { name: 'second', mode: 'AK', access_key_id: secondAccount.accessKeyId, access_key_secret: secondAccount.accessKeySecret, region_id: 'cn-beijing' },
    { name: 'sts', mode: 'StsToken', access_key_id: sts.accessKeyId, access_key_secret: sts.accessKeySecret, sts_token: sts.securityToken, region_id: 'cn-hangzhou' },
    { name: 'expired', mode: 'StsToken', access_key_id: sts.accessKeyId, access_key_secret: sts.accessKeySecret, sts_token: TEST_CREDENTIALS.expiredStsToken },
    { name: 'ecs', mode: 'EcsRamRole', ram_role_name: 'backup-reader' },
    { name: 'rsa', mode: 'RsaKeyPair', key_pair_name: 'kp', private_key: 'rsa-private-key-text-4e1f' },
    { name: 'loop-a', mode: 'ChainableRamRoleArn', source_profile: 'loop-b', ram_role_arn: 'acs:ram::1:role/a' },
    { name: 'loop-b', mode: 'ChainableRamRoleArn', source_profile: 'loop-a', ram_role_arn: 'acs:ram::1:role/b' },
  ],
};

const SECTIONS = `[default]\ntype = access_key\naccess_key_id = ${secondAccount.accessKeyId}\naccess_key_secret = ${secondAccount.accessKeySecret}\n\n[metadata]\ntype = ecs_ram_role\nrole_name = reader\n\n[bearer]\ntype = bearer\nbearer_token = bearer-token-text-77aa\n`;

/** Every secret written to the two files above: none may reach the listing. */
const SECRETS = [normal.accessKeySecret, secondAccount.accessKeySecret, sts.accessKeySecret, sts.securityToken, TEST_CREDENTIALS.expiredStsToken, 'rsa-private-key-text-4e1f', 'bearer-token-text-77aa'];

describe('Profiles: the picker lists them, the picked one signs and nothing else does', () => {
  const env = useCredentialEnv();
  const h = useEmulator();

  const clientFor = (choice: ProfileChoice, stored?: AccessKey): CloudClient =>
    new CloudClient(
      { endpointOverrides: { adb: h.emulator.url }, timeoutMs: 2000, maxConcurrentRequests: 4, retry: { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 5 } },
      new CredentialSource(stored, false, choice),
    );
  const clusterIds = async (client: CloudClient): Promise<string[]> => (await fetchPage(client, adbClusters, { region: 'cn-hangzhou' }, 0, 30)).items.map((c) => c.id);
  const signers = (): Array<string | undefined> => [...new Set(h.emulator.requests().map((r) => r.accessKeyId))];

  beforeEach(async () => {
    await env.writeCliConfig(CONFIG);
    await env.writeCredentialsFile(SECTIONS);
  });

  it('lists every CLI profile with mode, region and key ID, the current one marked, and no secret', async () => {
    const listing = await listProfiles(false);
    const rows = listing.cliProfiles.map((p) => [p.label, p.mode, p.region, p.accessKeyId, p.current, p.problem === undefined]);
    assert.deepStrictEqual(rows, [
      ['main', 'AK', 'cn-hangzhou', normal.accessKeyId, true, true],
      ['second', 'AK', 'cn-beijing', secondAccount.accessKeyId, false, true],
      ['sts', 'StsToken', 'cn-hangzhou', sts.accessKeyId, false, true],
      ['expired', 'StsToken', undefined, sts.accessKeyId, false, true],
      ['ecs', 'EcsRamRole', undefined, undefined, false, false],
      ['rsa', 'RsaKeyPair', undefined, undefined, false, false],
      ['loop-a', 'ChainableRamRoleArn', undefined, undefined, false, false],
      ['loop-b', 'ChainableRamRoleArn', undefined, undefined, false, false],
    ]);
    const problem = (name: string) => listing.cliProfiles.find((p) => p.label === name)?.problem;
    assert.deepStrictEqual(problem('ecs')?.refusal, { kind: 'ecsMetadataOff', viaProfile: undefined });
    assert.strictEqual(problem('rsa')?.unsupportedMode, 'RsaKeyPair');
    assert.match(problem('loop-a')?.reason ?? '', /loops back to "loop-a"/);
    const text = JSON.stringify(listing);
    for (const secret of SECRETS) assert.ok(!text.includes(secret), 'no secret in what the picker is given');
  });

  it('lists the credentials-file sections with their types; ECS is usable only with the setting on', async () => {
    const off = await listProfiles(false);
    assert.deepStrictEqual(off.credentialsSections.map((s) => [s.label, s.mode, s.problem === undefined]), [
      ['default', 'access_key', true],
      ['metadata', 'ecs_ram_role', false],
      ['bearer', 'bearer', false],
    ]);
    assert.strictEqual(off.credentialsSections[2].problem?.unsupportedMode, 'bearer');
    const on = await listProfiles(true);
    assert.strictEqual(on.credentialsSections[1].problem, undefined);
    assert.strictEqual(on.cliProfiles.find((p) => p.label === 'ecs')?.problem, undefined);
  });

  it('a file that is not JSON is listed as unreadable, and the other file still is', async () => {
    await env.writeCliConfigText(`{ "profiles": [ { "access_key_secret": "${normal.accessKeySecret}" `);
    const listing = await listProfiles(false);
    assert.deepStrictEqual(listing.unreadable.map((u) => u.where), ['~/.aliyun/config.json']);
    assert.strictEqual(listing.credentialsSections.length, 3);
  });

  it('two AK profiles sign as two accounts: each sees its own clusters', async () => {
    assert.ok((await clusterIds(clientFor({ kind: 'cliProfile', name: 'main' }))).includes(SAMPLE_IDS.adb.big));
    assert.deepStrictEqual(await clusterIds(clientFor({ kind: 'cliProfile', name: 'second' })), [SECOND_ACCOUNT_IDS.adb]);
    assert.deepStrictEqual(await clusterIds(clientFor({ kind: 'credentialsFile', name: 'default' })), [SECOND_ACCOUNT_IDS.adb]);
    assert.deepStrictEqual(signers(), [normal.accessKeyId, secondAccount.accessKeyId]);
  });

  it('a picked profile wins over the stored key, the environment and the file\'s current', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = normal.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = normal.accessKeySecret;
    const resolved = await new CredentialSource(normal, false, { kind: 'cliProfile', name: 'second' }).resolve();
    assert.deepStrictEqual(resolved, { origin: 'cliProfile', accessKeyId: secondAccount.accessKeyId, source: { kind: 'cliProfile', where: '~/.aliyun/config.json', profile: 'second', mode: 'AK' } });
    assert.deepStrictEqual(await clusterIds(clientFor({ kind: 'cliProfile', name: 'second' }, normal)), [SECOND_ACCOUNT_IDS.adb]);
    assert.deepStrictEqual(signers(), [secondAccount.accessKeyId]);
  });

  it('an StsToken profile signs with its token; an expired one is refused with code and RequestId, nothing else tried', async () => {
    assert.ok((await clusterIds(clientFor({ kind: 'cliProfile', name: 'sts' }))).length > 0);
    h.emulator.clearRequests();
    const err = await failure(clusterIds(clientFor({ kind: 'cliProfile', name: 'expired' }, normal)));
    assert.ok(err instanceof CloudError, String(err));
    assert.strictEqual(err.code, 'InvalidSecurityToken.Expired');
    assert.ok(err.requestId);
    assert.deepStrictEqual(signers(), [sts.accessKeyId], 'the stored key was not tried');
  });

  it('a picked profile that is gone, unusable or a loop fails with its name and reason; no request is sent', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = normal.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = normal.accessKeySecret;
    const cases: Array<[ProfileChoice, RegExp]> = [
      [{ kind: 'cliProfile', name: 'removed' }, /^aliyun CLI profile "removed" in ~\/\.aliyun\/config\.json could not be used: the file has no such profile \(chosen in Switch Profile…\)$/],
      [{ kind: 'cliProfile', name: 'ecs' }, /could not be used: it uses the ECS RAM role/],
      [{ kind: 'cliProfile', name: 'rsa' }, /could not be used: @alicloud\/credentials cannot sign with the mode "RsaKeyPair"/],
      [{ kind: 'cliProfile', name: 'loop-a' }, /loops back to "loop-a"/],
      [{ kind: 'credentialsFile', name: 'nothere' }, /^Section \[nothere\] of the credentials file ~\/\.alibabacloud\/credentials could not be used: the file has no such section$/],
    ];
    for (const [choice, expected] of cases) {
      const err = await failure(new CredentialSource(normal, false, choice).resolve());
      assert.ok(err instanceof CredentialSourceError, String(err));
      assert.match(err.message, expected);
    }
    assert.strictEqual(h.emulator.requests().length, 0);
  });

  it('a picked profile whose file is empty or gone names the file and says so; no request is sent', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = normal.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = normal.accessKeySecret;
    await env.writeCliConfig({ profiles: [] });
    await fs.rm(path.join(env.home, '.alibabacloud', 'credentials'));
    const cases: Array<[ProfileChoice, string]> = [
      [{ kind: 'cliProfile', name: 'main' }, 'aliyun CLI profile "main" in ~/.aliyun/config.json could not be used: the file is not there, holds no profiles, or is turned off by ALIBABA_CLOUD_CLI_PROFILE_DISABLED'],
      [{ kind: 'credentialsFile', name: 'default' }, 'Section [default] of the credentials file ~/.alibabacloud/credentials could not be used: the file is not there or has no sections'],
    ];
    for (const [choice, expected] of cases) {
      const err = await failure(new CredentialSource(normal, false, choice).resolve());
      assert.ok(err instanceof CredentialSourceError, String(err));
      assert.strictEqual(err.message, expected);
    }
    assert.strictEqual(h.emulator.requests().length, 0);
  });

  it('the stored choice is read back as it was, and anything damaged as the default chain', () => {
    assert.deepStrictEqual(parseChoice({ kind: 'cliProfile', name: 'second' }), { kind: 'cliProfile', name: 'second' });
    assert.deepStrictEqual(parseChoice({ kind: 'stored' }), { kind: 'stored' });
    for (const damaged of [undefined, 'second', { kind: 'cliProfile' }, { kind: 'cliProfile', name: '' }, { kind: 'other', name: 'x' }]) {
      assert.deepStrictEqual(parseChoice(damaged), { kind: 'auto' });
    }
  });
});
