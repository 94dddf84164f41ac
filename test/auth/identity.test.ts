// The identity in use, through the real Session, CredentialService and profile files (VS Code stubbed): lookups
// asked for at once or overtaken by a switch.
import '../reliability/vscodeStub';
import * as assert from 'assert';
import type * as vscode from 'vscode';
import { CredentialService } from '../../src/auth/credentialService';
import { ProfileStore } from '../../src/auth/profileStore';
import { Session, type Identity } from '../../src/session';
import { TEST_CREDENTIALS } from '../emulator';
import { useCredentialEnv } from '../cloud/credentialEnv';
import { resetStub } from '../reliability/vscodeStub';

const { normal, secondAccount } = TEST_CREDENTIALS;
const KEY = 'alibabaCloudBackups.accessKey';

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

describe('The identity in use', () => {
  useCredentialEnv();
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
