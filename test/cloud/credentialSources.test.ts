// The standard credential chain walked the SDK's way, but without falling through: the first configured source
// is used or its failure is named, with the reason redacted. Real SDK providers, real files in a temp HOME.
import '../reliability/vscodeStub';
import * as assert from 'assert';
import * as crypto from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import type * as vscode from 'vscode';
import { CredentialService, describeCredentialError } from '../../src/auth/credentialService';
import { CredentialSource, CredentialSourceError, NoCredentialsError } from '../../src/cloud/credentials';
import { redact } from '../../src/cloud/redact';
import { closedPort, credentialsUriServer, useCredentialEnv } from './credentialEnv';

const secret = (label: string): string => `${label}-${crypto.randomBytes(8).toString('hex')}`;
const ECS_HOST = '100.100.100.200';

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof Error, `rejected with an Error, not ${String(err)}`);
    return err;
  }
  return assert.fail('expected a rejection');
}

function akProfile(name: string, id: string, key: string): Record<string, string> {
  return { name, mode: 'AK', access_key_id: id, access_key_secret: key };
}

/** SecretStorage with no key stored: the chain decides. */
function noSecrets(): vscode.SecretStorage {
  return { get: async () => undefined, onDidChange: () => ({ dispose: () => undefined }) } as unknown as vscode.SecretStorage;
}

describe('Credential sources: the first configured source, or which one failed and why', () => {
  const env = useCredentialEnv();

  it('a failing RamRoleArn CLI profile is named with its reason, redacted, and nothing falls through', async () => {
    const port = await closedPort();
    const sourceSecret = secret('ram-source-secret');
    const fileSecret = secret('file-secret');
    const otherTokens = [secret('sts-token'), secret('oauth-access'), secret('oauth-refresh')];
    await env.writeCliConfig({
      current: 'prod',
      profiles: [
        { name: 'prod', mode: 'RamRoleArn', access_key_id: 'EMULramsource0001', access_key_secret: sourceSecret, ram_role_arn: 'acs:ram::1234567890:role/backup-reader', ram_session_name: 'backups', sts_endpoint: `127.0.0.1:${port}` },
        { name: 'sts', mode: 'StsToken', access_key_id: 'STS.other0001', access_key_secret: secret('sts-secret'), sts_token: otherTokens[0] },
        { name: 'oauth', mode: 'OAuth', oauth_site_type: 'CN', oauth_access_token: otherTokens[1], oauth_refresh_token: otherTokens[2] },
      ],
    });
    // Two valid identities further down the chain that must not be used instead.
    await env.writeCredentialsFile(`[default]\ntype = access_key\naccess_key_id = EMULfilekey000001\naccess_key_secret = ${fileSecret}\n`);
    const uri = await credentialsUriServer();
    process.env.ALIBABA_CLOUD_CREDENTIALS_URI = uri.url;
    try {
      const err = await rejection(new CredentialSource(undefined).resolve());
      assert.ok(err instanceof CredentialSourceError, `a CredentialSourceError, not ${err.name}: ${err.message}`);
      assert.ok(err.message.startsWith('aliyun CLI profile "prod" (RamRoleArn) in ~/.aliyun/config.json could not be used: '), err.message);
      assert.match(err.reason, /ECONNREFUSED/);
      assert.deepStrictEqual(err.source, { kind: 'cliProfile', where: '~/.aliyun/config.json', profile: 'prod', mode: 'RamRoleArn' });
      for (const text of [err.message, err.reason, err.stack ?? '']) {
        assert.ok(!text.includes(sourceSecret) && !text.includes(fileSecret), 'no secret in the error');
        assert.ok(!/Signature=/.test(text), 'no signed query in the error');
      }
      assert.strictEqual(uri.hits(), 0, 'the credentials URI was never asked');
      // Every secret of the CLI config is known to redact(), whichever profile holds it.
      for (const s of [sourceSecret, ...otherTokens]) assert.ok(!redact(`AssumeRole said ${s}.`).includes(s), 'registered for redaction');
      // The stored key still wins over all of it.
      const stored = await new CredentialSource({ accessKeyId: 'EMULstoredkey0001', accessKeySecret: secret('stored') }).resolve();
      assert.deepStrictEqual(stored, { origin: 'stored', accessKeyId: 'EMULstoredkey0001' });
    } finally {
      await uri.close();
    }
  });

  it('a reason that quotes a secret of the config is redacted (External profile whose command prints it)', async () => {
    const cached = secret('external-cached-secret');
    const script = path.join(env.home, 'credential-helper.js');
    await fs.writeFile(script, `process.stderr.write('helper failed, last secret was ${cached}\\n'); process.exit(3);`);
    await env.writeCliConfig({
      current: 'ext',
      profiles: [{ name: 'ext', mode: 'External', process_command: `${process.execPath} ${script}`, access_key_id: 'EMULexternal00001', access_key_secret: cached }],
    });
    const err = await rejection(new CredentialSource(undefined).resolve());
    assert.ok(err instanceof CredentialSourceError, `${err.name}: ${err.message}`);
    assert.match(err.message, /^aliyun CLI profile "ext" \(External\) in ~\/\.aliyun\/config\.json could not be used: failed to execute external command: .*helper failed, last secret was /);
    assert.ok(!String(err.stack).includes(cached));
  });

  it('CredentialService lets the failure through and words it for the view; nothing configured stays undefined', async () => {
    const service = new CredentialService(noSecrets());
    assert.strictEqual(await service.resolve(await service.source(false)), undefined);
    await env.writeCliConfig({ current: 'dev', profiles: [{ name: 'dev', mode: 'AK', access_key_id: 'EMULemptysecret01', access_key_secret: '' }] });
    const err = await rejection(service.resolve(await service.source(false)));
    assert.ok(err instanceof CredentialSourceError);
    assert.strictEqual(describeCredentialError(err), err.message, 'the English text is the error message');
    assert.match(err.message, /^aliyun CLI profile "dev" \(AK\) in ~\/\.aliyun\/config\.json could not be used: .*access key secret/i);
  });

  it('a config.json that is not JSON is named without quoting it', async () => {
    const key = secret('broken-json-secret');
    await env.writeCliConfigText(`{"current":"dev","profiles":[{"name":"dev","mode":"AK","access_key_id":"EMULbrokenjson01","access_key_secret":"${key}"}]`);
    const err = await rejection(new CredentialSource(undefined).resolve());
    assert.ok(err instanceof CredentialSourceError, `${err.name}: ${err.message}`);
    assert.strictEqual(err.message, 'aliyun CLI config ~/.aliyun/config.json could not be used: the file is not valid JSON');
    assert.ok(!String(err.stack).includes(key));
  });

  it('nothing configured is NoCredentialsError, and nothing is asked over the network', async () => {
    await env.writeCliConfig({ current: '', profiles: [] });
    const err = await rejection(new CredentialSource(undefined).resolve());
    assert.ok(err instanceof NoCredentialsError, `${err.name}: ${err.message}`);
    assert.match(err.message, /No Alibaba Cloud credentials were found/);
    assert.deepStrictEqual(env.connections, []);
  });

  it('an EcsRamRole profile, directly or at the end of a source_profile chain, is refused while useEcsMetadata is off', async () => {
    await env.writeCliConfig({
      current: 'ecs',
      profiles: [
        { name: 'ecs', mode: 'EcsRamRole', ram_role_name: 'backup-reader' },
        { name: 'chained', mode: 'ChainableRamRoleArn', source_profile: 'ecs', ram_role_arn: 'acs:ram::1234567890:role/backup-reader' },
      ],
    });
    const direct = await rejection(new CredentialSource(undefined, false).resolve());
    assert.ok(direct instanceof CredentialSourceError, `${direct.name}: ${direct.message}`);
    assert.strictEqual(direct.message, 'aliyun CLI profile "ecs" (EcsRamRole) in ~/.aliyun/config.json could not be used: it uses the ECS RAM role, and the setting alibabaCloudBackups.useEcsMetadata is off');
    assert.deepStrictEqual(direct.refusal, { kind: 'ecsMetadataOff', viaProfile: undefined });
    assert.strictEqual(describeCredentialError(direct), direct.message);

    process.env.ALIBABA_CLOUD_PROFILE = 'chained';
    const chained = await rejection(new CredentialSource(undefined, false).resolve());
    assert.ok(chained instanceof CredentialSourceError, `${chained.name}: ${chained.message}`);
    assert.match(chained.message, /^aliyun CLI profile "chained" \(ChainableRamRoleArn\) .* its source profile "ecs" uses the ECS RAM role, and the setting alibabaCloudBackups\.useEcsMetadata is off$/);
    assert.strictEqual(describeCredentialError(chained), chained.message);
    assert.ok(!env.connections.includes(ECS_HOST), `no request to the metadata service (${env.connections.join(', ')})`);
    assert.deepStrictEqual(env.connections, []);
  });

  it('a credentials-file section of type ecs_ram_role is refused the same way', async () => {
    await env.writeCredentialsFile('[default]\ntype = ecs_ram_role\nrole_name = backup-reader\n');
    const err = await rejection(new CredentialSource(undefined, false).resolve());
    assert.ok(err instanceof CredentialSourceError, `${err.name}: ${err.message}`);
    assert.strictEqual(err.message, 'Section [default] (ecs_ram_role) of the credentials file ~/.alibabacloud/credentials could not be used: it uses the ECS RAM role, and the setting alibabaCloudBackups.useEcsMetadata is off');
    assert.deepStrictEqual(env.connections, []);
  });

  it('a source_profile loop is refused instead of overflowing the stack', async () => {
    await env.writeCliConfig({
      current: 'a',
      profiles: [
        { name: 'a', mode: 'ChainableRamRoleArn', source_profile: 'b', ram_role_arn: 'acs:ram::1:role/a' },
        { name: 'b', mode: 'ChainableRamRoleArn', source_profile: 'a', ram_role_arn: 'acs:ram::1:role/b' },
      ],
    });
    await env.writeCredentialsFile(`[default]\ntype = access_key\naccess_key_id = EMULfilekey000002\naccess_key_secret = ${secret('file')}\n`);
    const err = await rejection(new CredentialSource(undefined).resolve());
    assert.ok(err instanceof CredentialSourceError, `${err.name}: ${err.message}`);
    assert.match(err.message, /^aliyun CLI profile "a" \(ChainableRamRoleArn\) .*could not be used: its source_profile chain loops back to "a"$/);
  });

  it('an AK profile signs, named as the CLI profile; ALIBABA_CLOUD_PROFILE picks another than current', async () => {
    await env.writeCliConfig({ current: 'dev', profiles: [akProfile('dev', 'EMULdevprofile001', secret('dev')), akProfile('ops', 'EMULopsprofile001', secret('ops'))] });
    const dev = await new CredentialSource(undefined).resolve();
    assert.deepStrictEqual(dev, { origin: 'cliProfile', accessKeyId: 'EMULdevprofile001', source: { kind: 'cliProfile', where: '~/.aliyun/config.json', profile: 'dev', mode: 'AK' } });
    process.env.ALIBABA_CLOUD_PROFILE = 'ops';
    const ops = await new CredentialSource(undefined).resolve();
    assert.strictEqual(ops.accessKeyId, 'EMULopsprofile001');
    assert.strictEqual(ops.source?.profile, 'ops');
    const signing = await new CredentialSource(undefined).getCredentials();
    assert.strictEqual(signing.accessKeyId, 'EMULopsprofile001');
  });

  it('environment variables win over the CLI profile, as in the SDK; a key ID without its secret is an error, not a skip', async () => {
    await env.writeCliConfig({ current: 'dev', profiles: [akProfile('dev', 'EMULdevprofile002', secret('dev'))] });
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'EMULenvironment01';
    const missing = await rejection(new CredentialSource(undefined).resolve());
    assert.ok(missing instanceof CredentialSourceError, `${missing.name}: ${missing.message}`);
    assert.match(missing.message, /^Environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET could not be used: .*ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = secret('env');
    const found = await new CredentialSource(undefined).resolve();
    assert.deepStrictEqual(found, { origin: 'environment', accessKeyId: 'EMULenvironment01', source: { kind: 'environment', where: 'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET' } });
  });

  it('the credentials file: ALIBABA_CLOUD_CREDENTIALS_FILE, its section named, its secrets registered', async () => {
    const key = secret('ini-secret');
    const other = secret('ini-other');
    const file = path.join(env.home, 'elsewhere.ini');
    await env.writeCredentialsFile('');
    await fs.writeFile(file, `; comment\n[default]\ntype = access_key\naccess_key_id = EMULinifile000001\naccess_key_secret = ${key}\n\n[other]\ntype = ram_role_arn\naccess_key_secret = ${other} ; note\n`);
    process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = file;
    const found = await new CredentialSource(undefined).resolve();
    assert.deepStrictEqual(found, { origin: 'credentialsFile', accessKeyId: 'EMULinifile000001', source: { kind: 'credentialsFile', where: '~/elsewhere.ini', profile: 'default', mode: 'access_key' } });
    for (const s of [key, other]) assert.ok(!redact(`x ${s} y`).includes(s), 'registered for redaction');
  });
});
