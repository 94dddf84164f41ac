// The status-bar item's words for the identity in use, through the real Session, CredentialService and profile
// files (VS Code stubbed): who signs after each switch, a failing pick with a warning, hidden when nothing is set
// up, profile names that cannot draw icons, and lookups asked for at once or overtaken by a switch.
import '../reliability/vscodeStub';
import * as assert from 'assert';
import type * as vscode from 'vscode';
import { CredentialService } from '../../src/auth/credentialService';
import { identityStatus, type IdentityStatus } from '../../src/auth/identityStatus';
import { ProfileStore } from '../../src/auth/profileStore';
import type { AccessKey } from '../../src/cloud/credentials';
import { Session, type Identity } from '../../src/session';
import { TEST_CREDENTIALS } from '../emulator';
import { useCredentialEnv } from '../cloud/credentialEnv';
import { resetStub } from '../reliability/vscodeStub';

const { normal, secondAccount } = TEST_CREDENTIALS;
const KEY = 'alibabaCloudBackups.accessKey';

const profile = (name: string, key: AccessKey): object => ({ name, mode: 'AK', access_key_id: key.accessKeyId, access_key_secret: key.accessKeySecret, region_id: 'cn-hangzhou' });

/** SecretStorage in memory, counting reads: one read is one identity lookup. */
function memorySecrets(): vscode.SecretStorage & { data: Map<string, string>; reads: number } {
  const data = new Map<string, string>();
  const secrets = {
    data,
    reads: 0,
    get: async (k: string) => {
      secrets.reads++;
      return data.get(k);
    },
    store: async (k: string, v: string) => void data.set(k, v),
    delete: async (k: string) => void data.delete(k),
    keys: async () => [...data.keys()],
    onDidChange: () => ({ dispose: () => undefined }),
  };
  return secrets as unknown as vscode.SecretStorage & { data: Map<string, string>; reads: number };
}

function memoryState(): vscode.Memento {
  const data = new Map<string, unknown>();
  return { get: (k: string) => data.get(k), update: async (k: string, v: unknown) => void data.set(k, v), keys: () => [...data.keys()] } as unknown as vscode.Memento;
}

const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, trace: () => undefined } as unknown as vscode.LogOutputChannel;

describe('The identity in the status bar', () => {
  const env = useCredentialEnv();
  let secrets: ReturnType<typeof memorySecrets>;
  let profiles: ProfileStore;
  let session: Session;
  let found: Identity[];

  beforeEach(() => {
    resetStub();
    secrets = memorySecrets();
    profiles = new ProfileStore(memoryState());
    session = new Session(new CredentialService(secrets, profiles), quietLog);
    found = [];
    session.onDidFindIdentity((identity) => found.push(identity));
  });

  /** What the item shows once the identity in use now has been looked up (as the item's follow() does). */
  async function shown(): Promise<IdentityStatus | undefined> {
    session.disconnect();
    await session.connect().catch(() => undefined);
    return identityStatus(found[found.length - 1]);
  }

  it('names the profile that signs, and in the tooltip its source and masked key, never a secret', async () => {
    await env.writeCliConfig({ current: 'main', profiles: [profile('main', normal), profile('second', secondAccount)] });
    const main = await shown();
    assert.strictEqual(main?.text, 'Alibaba Cloud: main');
    assert.strictEqual(main.failing, false);
    assert.match(main.tooltip, /aliyun CLI profile "main" \(AK\) in ~\/\.aliyun\/config\.json/);
    assert.ok(main.tooltip.includes(`AccessKey ID: ${normal.accessKeyId.slice(0, 4)}****${normal.accessKeyId.slice(-4)}`), main.tooltip);

    await profiles.set({ kind: 'cliProfile', name: 'second' });
    const second = await shown();
    assert.strictEqual(second?.text, 'Alibaba Cloud: second');
    for (const status of [main, second]) {
      for (const secret of [normal.accessKeySecret, secondAccount.accessKeySecret, normal.accessKeyId, secondAccount.accessKeyId]) {
        assert.ok(!JSON.stringify(status).includes(secret), `${secret} in ${JSON.stringify(status)}`);
      }
    }
  });

  it('says "AccessKey" for the stored key, and hides once nothing is configured', async () => {
    await secrets.store(KEY, JSON.stringify(normal));
    const stored = await shown();
    assert.strictEqual(stored?.text, 'Alibaba Cloud: AccessKey');
    assert.match(stored.tooltip, /Stored AccessKey/);
    await secrets.delete(KEY);
    assert.strictEqual(await shown(), undefined);
  });

  it('shows a picked profile that fails with a warning, and why in the tooltip', async () => {
    await env.writeCliConfig({ current: 'main', profiles: [profile('main', normal)] });
    await profiles.set({ kind: 'cliProfile', name: 'gone' });
    const status = await shown();
    assert.strictEqual(status?.text, '$(warning) Alibaba Cloud: gone');
    assert.strictEqual(status.failing, true);
    assert.match(status.tooltip, /^aliyun CLI profile "gone" in ~\/\.aliyun\/config\.json could not be used: /);
    assert.strictEqual(status.accessibilityLabel, 'Alibaba Cloud: gone, cannot sign');
  });

  it('shows a profile named with $(…) literally: no icon, and short', async () => {
    const names = ['$(alert) x', '\\$(alert) y', `$(bug)${'z'.repeat(60)}`];
    await env.writeCliConfig({ current: names[0], profiles: names.map((name) => profile(name, normal)) });
    for (const name of names) {
      await profiles.set({ kind: 'cliProfile', name });
      const status = await shown();
      assert.ok(status && !/\$\([\w-]+\)/.test(status.text), `icon syntax left in ${JSON.stringify(status?.text)}`);
      assert.ok(status.text.replace(/\u200b/g, '').includes(name.slice(0, 20)), `the name is not shown: ${JSON.stringify(status.text)}`);
      assert.ok(status.text.length <= 'Alibaba Cloud: '.length + 24, `too long: ${status.text}`);
    }
  });

  it('looks the identity up once for callers asking at once, and a switch during a lookup wins', async () => {
    await secrets.store(KEY, JSON.stringify(normal));
    const reads = secrets.reads;
    const [a, b] = await Promise.all([session.connect(), session.connect()]);
    assert.strictEqual(secrets.reads - reads, 1, 'one lookup for two callers');
    assert.strictEqual(a?.accessKeyId, normal.accessKeyId);
    assert.strictEqual(b, a);

    // The tree's lookup of the old key is still under way when the key changes (Set Access Key… in the meantime).
    session.disconnect();
    found.length = 0;
    const old = session.connect();
    await secrets.store(KEY, JSON.stringify(secondAccount));
    session.disconnect();
    const fresh = session.connect();
    assert.strictEqual((await old)?.accessKeyId, secondAccount.accessKeyId, 'the overtaken caller gets the identity in use now');
    assert.strictEqual((await fresh)?.accessKeyId, secondAccount.accessKeyId);
    assert.deepStrictEqual(found.map((i) => i.state === 'signed' && i.credentials.accessKeyId), [secondAccount.accessKeyId], 'only the identity in use is announced');
  });
});
