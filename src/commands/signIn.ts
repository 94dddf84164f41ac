import * as vscode from 'vscode';
import { checkKeyPart } from '../auth/validateInput';
import { PRODUCTS } from '../products';
import { CloudClient } from '../cloud/client';
import { CredentialSource, maskKeyId, type AccessKey } from '../cloud/credentials';
import { CloudError } from '../cloud/errors';
import { listRegions } from '../cloud/regions';
import { readProxy } from '../proxySettings';
import type { CommandDeps, ExplorerCommand } from './command';

async function ask(prompt: string, what: 'id' | 'secret' | 'token', password: boolean): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Set Access Key'),
    prompt,
    password,
    ignoreFocusOut: true,
    validateInput: (value) => checkKeyPart(value, what),
  });
}

/** One DescribeRegions call signed with the new key: a wrong key is caught before it is stored. */
async function verify(deps: CommandDeps, key: AccessKey): Promise<CloudError | undefined> {
  const { settings } = deps.session;
  const client = new CloudClient(
    { endpointOverrides: settings.endpointOverrides, timeoutMs: settings.timeoutMs, maxConcurrentRequests: 1, retry: { maxAttempts: 2, baseDelayMs: 300, maxDelayMs: 1000 }, proxy: readProxy().proxy },
    new CredentialSource(key),
  );
  try {
    // Any product's region list proves the key; the first product's is as good as any.
    await listRegions(client, PRODUCTS[0].regions[0]);
    return undefined;
  } catch (err) {
    if (err instanceof CloudError) return err;
    throw err;
  }
}

/**
 * An API error code fit for a notification: only the shape codes have (InvalidAccessKeyId.NotFound), which cannot
 * form a link or markup; anything else stays in the log only.
 */
export function plainCode(code: string): string | undefined {
  return /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(code) ? code : undefined;
}

/** Set Access Key…: asks for ID, secret and an optional STS token, checks them, stores them in SecretStorage. */
export const signIn: ExplorerCommand = {
  id: 'alibabaCloudBackups.signIn',
  run: async (deps) => {
    const accessKeyId = await ask(vscode.l10n.t('AccessKey ID'), 'id', false);
    if (accessKeyId === undefined) return;
    const accessKeySecret = await ask(vscode.l10n.t('AccessKey secret'), 'secret', true);
    if (accessKeySecret === undefined) return;
    const token = await ask(vscode.l10n.t('STS security token (leave empty for a permanent AccessKey)'), 'token', true);
    if (token === undefined) return;
    const key: AccessKey = { accessKeyId, accessKeySecret, securityToken: token || undefined };

    const problem = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the AccessKey…') },
      () => verify(deps, key),
    );
    // The API's own words stay in the log: notifications render links, and a response is not to be trusted.
    if (problem) deps.log.warn(`AccessKey ${maskKeyId(accessKeyId)} check: ${problem.describe()}`);
    const showLog = vscode.l10n.t('Show Log');
    if (problem && (problem.kind === 'auth' || problem.kind === 'permission')) {
      const why = problem.kind === 'auth' ? vscode.l10n.t('the AccessKey ID, secret or token is wrong') : vscode.l10n.t('the key may not list regions');
      const code = plainCode(problem.code);
      const text = code ? vscode.l10n.t('The AccessKey was refused and was not stored: {0} ({1}).', why, code) : vscode.l10n.t('The AccessKey was refused and was not stored: {0}.', why);
      void vscode.window.showErrorMessage(text, showLog).then((choice) => {
        if (choice === showLog) deps.log.show(true);
      });
      return;
    }
    if (problem) {
      const store = vscode.l10n.t('Store Anyway');
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('The AccessKey could not be checked. The log has the details.'), store, showLog);
      if (choice === showLog) deps.log.show(true);
      if (choice !== store) return;
    }
    await deps.credentials.store.set(key);
    deps.log.info(`AccessKey ${maskKeyId(accessKeyId)} stored.`);
    vscode.window.setStatusBarMessage(vscode.l10n.t('AccessKey {0} stored', maskKeyId(accessKeyId)), 4000);
  },
};
