// First integration suite: the extension as the real VS Code sees it (manifest, activation, commands, settings).
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'backup-explorer-dev.alibaba-cloud-backup-explorer';
const COMMANDS = [
  'refresh',
  'signIn',
  'signOut',
  'selectRegions',
  'copyBackupId',
  'copyDownloadUrl',
  'copyIntranetDownloadUrl',
  'downloadBackup',
  'showDetails',
  'showLog',
  'findById',
  'export',
  'showHealth',
].map((c) => `alibabaCloudBackups.${c}`);

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) {
      return false;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

describe('Extension in a real VS Code', () => {
  let ext: vscode.Extension<unknown>;

  before(() => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `extension ${EXTENSION_ID} is not loaded`);
    ext = found;
  });

  it('is present under its id', () => {
    assert.strictEqual(ext.id, EXTENSION_ID);
    assert.strictEqual(ext.packageJSON.name, 'alibaba-cloud-backup-explorer');
  });

  it('does not activate on "*"', () => {
    const events: string[] = ext.packageJSON.activationEvents ?? [];
    assert.ok(!events.includes('*'), `activationEvents must not contain "*": ${JSON.stringify(events)}`);
  });

  it('contributes the "Backups" view in its own view container', () => {
    const containers: { id: string }[] = ext.packageJSON.contributes.viewsContainers.activitybar;
    assert.ok(containers.some((c) => c.id === 'alibabaCloudBackups'));
    const views: { id: string }[] = ext.packageJSON.contributes.views.alibabaCloudBackups;
    assert.ok(views.some((v) => v.id === 'alibabaCloudBackups.explorer'));
  });

  it('activates when its view is opened', async () => {
    if (!ext.isActive) {
      await vscode.commands.executeCommand('workbench.view.extension.alibabaCloudBackups');
      assert.ok(await waitFor(() => ext.isActive, 15000), 'opening the Backups view did not activate the extension');
    }
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('registers all nine commands', async () => {
    await ext.activate();
    const all = new Set(await vscode.commands.getCommands(true));
    const missing = COMMANDS.filter((c) => !all.has(c));
    assert.deepStrictEqual(missing, [], `commands not registered: ${missing.join(', ')}`);
  });

  it('registers every command it contributes', async () => {
    await ext.activate();
    const all = new Set(await vscode.commands.getCommands(true));
    const declared: { command: string }[] = ext.packageJSON.contributes.commands;
    const undeclared = COMMANDS.filter((c) => !declared.some((d) => d.command === c));
    assert.deepStrictEqual(undeclared, [], `commands missing from contributes.commands: ${undeclared.join(', ')}`);
    const unregistered = declared.map((d) => d.command).filter((c) => !all.has(c));
    assert.deepStrictEqual(unregistered, [], `contributed but not registered: ${unregistered.join(', ')}`);
  });

  it('has the documented setting defaults', () => {
    const cfg = vscode.workspace.getConfiguration('alibabaCloudBackups');
    const defaults: Record<string, unknown> = {
      regions: [],
      endpointOverrides: {},
      pageSize: 100,
      requestTimeoutSeconds: 10,
      maxConcurrentRequests: 8,
      'health.staleAfterHours': 48,
    };
    for (const [key, value] of Object.entries(defaults)) {
      assert.deepStrictEqual(cfg.inspect(key)?.defaultValue, value, `default of alibabaCloudBackups.${key}`);
    }
  });
});
