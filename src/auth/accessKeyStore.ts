import type * as vscode from 'vscode';
import type { AccessKey } from '../cloud/credentials';

const KEY = 'alibabaCloudBackups.accessKey';

/** The AccessKey the user entered, kept only in VS Code's SecretStorage (never in settings or state). */
export class AccessKeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  readonly onDidChange = (listener: () => void): vscode.Disposable =>
    this.secrets.onDidChange((event) => {
      if (event.key === KEY) listener();
    });

  async get(): Promise<AccessKey | undefined> {
    const stored = await this.secrets.get(KEY);
    if (!stored) return undefined;
    try {
      const parsed = JSON.parse(stored) as Partial<AccessKey>;
      if (typeof parsed.accessKeyId === 'string' && typeof parsed.accessKeySecret === 'string') {
        return { accessKeyId: parsed.accessKeyId, accessKeySecret: parsed.accessKeySecret, securityToken: parsed.securityToken || undefined };
      }
    } catch {
      // A damaged entry is treated as absent; the user can set the key again.
    }
    return undefined;
  }

  async set(key: AccessKey): Promise<void> {
    await this.secrets.store(KEY, JSON.stringify(key));
  }

  async clear(): Promise<void> {
    await this.secrets.delete(KEY);
  }
}
