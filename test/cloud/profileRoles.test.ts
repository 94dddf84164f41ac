// A RamRoleArn aliyun CLI profile against the emulator's STS: @alicloud/credentials calls AssumeRole over https
// only, so the emulator also listens with TLS (a fresh self-signed certificate) and the client runs in a process
// that trusts it through NODE_EXTRA_CA_CERTS. The real SDK provider, the real signing client, no stub.
import * as assert from 'assert';
import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';
import { makeTestCertificate, SAMPLE_IDS, startEmulator, TEST_CREDENTIALS, type RunningEmulator } from '../emulator';
import { useCredentialEnv } from './credentialEnv';

const run = promisify(execFile);
const CHILD = path.join(__dirname, 'profileChild.js');
const { normal } = TEST_CREDENTIALS;

interface ChildResult {
  ids?: string[];
  accessKeyId?: string;
  error?: string;
  message?: string;
}

describe('RamRoleArn profiles: AssumeRole at the emulator\'s STS, then signing with the temporary key', () => {
  const env = useCredentialEnv();
  const cert = makeTestCertificate();
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ tls: cert });
  });
  after(async () => {
    await emulator.close();
  });

  const roleProfile = (name: string, role: string) => ({
    name, mode: 'RamRoleArn', access_key_id: normal.accessKeyId, access_key_secret: normal.accessKeySecret,
    ram_role_arn: `acs:ram::1234567890:role/${role}`, ram_session_name: 'backups', sts_endpoint: emulator.tlsEndpoint,
  });

  async function listAs(profile: string): Promise<ChildResult> {
    const childEnv = { PATH: process.env.PATH, HOME: env.home, NODE_EXTRA_CA_CERTS: cert.certFile };
    const { stdout } = await run(process.execPath, [CHILD, emulator.url, profile], { env: childEnv, timeout: 20_000 });
    return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildResult;
  }

  it('the profile\'s key assumes the role; the listing is signed with the temporary key of the same account', async () => {
    await env.writeCliConfig({ current: 'role', profiles: [roleProfile('role', 'backup-reader')] });
    const result = await listAs('role');
    assert.ok(result.ids?.includes(SAMPLE_IDS.adb.big), JSON.stringify(result));
    assert.match(result.accessKeyId ?? '', /^STS\.EMULATOR_ASSUMED_\d{4}$/);
    const calls = emulator.requests().map((r) => [r.action, r.accessKeyId, r.status]);
    assert.deepStrictEqual(calls, [
      ['AssumeRole', normal.accessKeyId, 200],
      ['DescribeDBClusters', result.accessKeyId, 200],
    ]);
  });

  it('a refused AssumeRole names the profile and the code, and nothing else signs', async () => {
    emulator.clearRequests();
    await env.writeCliConfig({ current: 'denied', profiles: [roleProfile('denied', 'denied'), { name: 'other', mode: 'AK', access_key_id: normal.accessKeyId, access_key_secret: normal.accessKeySecret }] });
    const result = await listAs('denied');
    // The client carries the source's failure as its own error; the words are the source's.
    assert.ok(result.error, JSON.stringify(result));
    assert.match(result.message ?? '', /aliyun CLI profile "denied" \(RamRoleArn\) in ~\/\.aliyun\/config\.json could not be used: .*"Code":"NoPermission"/);
    assert.match(result.message ?? '', /"RequestId":"[0-9A-F-]{36}"/);
    assert.ok(!(result.message ?? '').includes(normal.accessKeySecret));
    assert.deepStrictEqual(emulator.requests().map((r) => [r.action, r.status]), [['AssumeRole', 403]]);
  });
});
