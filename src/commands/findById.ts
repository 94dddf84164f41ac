import * as vscode from 'vscode';
import { findById as find, type FindProgress, type FindResult, type Searched } from '../account/find';
import { readIdInput, type IdProblem } from '../account/idInput';
import { CancelledError } from '../cloud/errors';
import { revealBackup, revealResource } from '../explorer/reveal';
import { PRODUCTS } from '../products';
import type { CommandDeps, ExplorerCommand } from './command';

/** Find by ID…: a backup ID, a resource ID or a pasted download URL, found across the account and shown in the tree. */
export const findById: ExplorerCommand = {
  id: 'alibabaCloudBackups.findById',
  run: async (deps) => {
    if (!(await deps.session.connect())) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Set an AccessKey first: IDs are looked up in the cloud.'));
      return;
    }
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Find by ID'),
      prompt: vscode.l10n.t('A backup ID, a resource ID (cluster, instance, plan, shard node) or a download URL'),
      placeHolder: 'rm-bp1…, pc-bp1…, dds-bp1…, 123456789',
      ignoreFocusOut: true,
      validateInput: (value) => {
        const input = readIdInput(value, PRODUCTS);
        return 'problem' in input ? problemText(input.problem) : undefined;
      },
    });
    if (text === undefined) return;
    const input = readIdInput(text, PRODUCTS);
    if ('problem' in input) return;
    // The ID passed the check above (letters, digits, "-", "_", "."), so it may be shown; the URL it came from never is.
    const result = await search(deps, input.id);
    if (!result) return;
    if (result.found === 'resource') await revealResource(deps, result.resource);
    else if (result.found === 'backup') await revealBackup(deps, result.backup, result.owner);
    else void vscode.window.showInformationMessage(notFoundText(input.id, result.searched));
    reportFailures(deps, result.searched);
  },
};

/** Runs the search with a cancellable notification that says how far it has got; undefined when cancelled. */
async function search(deps: CommandDeps, id: string): Promise<FindResult | undefined> {
  const { settings, client } = deps.session;
  deps.log.info(`Find by ID: looking for ${id}`);
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Finding {0}', id), cancellable: true },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return find(client, PRODUCTS, id, {
          pageSize: settings.pageSize,
          concurrency: settings.maxConcurrentRequests,
          windowDays: settings.backupWindowDays,
          signal: controller.signal,
          onProgress: (p) => progress.report({ message: progressText(p) }),
        });
      },
    );
  } catch (err) {
    if (err instanceof CancelledError) {
      deps.log.info(`Find by ID: ${id} cancelled`);
      return undefined;
    }
    throw err;
  }
}

function problemText(problem: IdProblem): string {
  switch (problem) {
    case 'empty':
      return vscode.l10n.t('Type or paste an ID.');
    case 'notAnId':
      return vscode.l10n.t('An ID has letters, digits, "-", "_" and "." only.');
    case 'unknownShape':
      return vscode.l10n.t('No product here has IDs like this: backup IDs are digits or cb-…; resource IDs start with am-, amv-, dds-, d-, dbs, rm-, rr-, pgm-, pgr-, pc- or r-.');
    case 'urlWithoutId':
      return vscode.l10n.t('This URL names no backup or resource ID; paste the backup ID instead.');
  }
}

function progressText(p: FindProgress): string {
  return p.of === 'regions' ? vscode.l10n.t('Asked {0} of {1} regions', p.done, p.total) : vscode.l10n.t('Searched {0} of {1} resources', p.done, p.total);
}

function notFoundText(id: string, searched: Searched): string {
  const { resources, products, regions } = { ...searched, products: searched.products.length, regions: searched.regions.length };
  if (!searched.asBackup) return vscode.l10n.t('No resource {0} in {1} regions of {2} products.', id, regions, products);
  return searched.asResource
    ? vscode.l10n.t('No backup or resource {0} in {1} resources of {2} products in {3} regions.', id, resources, products, regions)
    : vscode.l10n.t('No backup {0} in {1} resources of {2} products in {3} regions.', id, resources, products, regions);
}

/** Regions and products that could not be searched do not stop the search: they are counted here, the log says why. */
function reportFailures(deps: CommandDeps, searched: Searched): void {
  if (searched.failures.length === 0) return;
  for (const f of searched.failures) {
    deps.log.warn(`Find by ID: ${f.region ?? 'all regions'} of ${f.product}${f.resourceId ? ` (${f.resourceId})` : ''} could not be searched: ${f.error.describe()}`);
  }
  const regions = new Set(searched.failures.flatMap((f) => (f.region ? [f.region] : []))).size;
  const products = new Set(searched.failures.flatMap((f) => (f.region ? [] : [f.product]))).size;
  const text =
    products === 0
      ? vscode.l10n.t('{0} regions could not be searched fully; the log says why.', regions)
      : vscode.l10n.t('{0} products and {1} regions could not be searched fully; the log says why.', products, regions);
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window.showWarningMessage(text, showLog).then((choice) => {
    if (choice === showLog) deps.log.show(true);
  });
}
