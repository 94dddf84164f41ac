// Export…: asks for the format, whether signed download URLs go in, and the file; reads the rows (when they still
// have to be read) under a cancellable progress notification; writes through vscode.workspace.fs so that it works
// in remote windows too; says what it did in our own words.
import * as os from 'os';
import * as vscode from 'vscode';
import { CancelledError } from '../cloud/errors';
import type { CommandDeps } from '../commands/command';
import { toCsv } from './csv';
import { toJson } from './json';
import { hasSignedUrls, safeFileName, writableTable, type ExportColumn, type ExportTable } from './table';

type ExportFormat = 'csv' | 'csvBom' | 'json';

/** Rows that still have to be read: the questions come first, the reading after, with progress and cancel. */
export interface TableSource {
  readonly columns: readonly ExportColumn[];
  /** The progress notification's title, e.g. "Exporting backups…". */
  readonly title: string;
  /** Reads the rows; `progress` takes a short line of our own words ("130 backups read"). */
  load(progress: (message: string) => void, signal: AbortSignal): Promise<LoadedRows>;
}

export interface LoadedRows {
  readonly rows: ExportTable['rows'];
  /** The success message, in our own words: it is shown in a notification, which renders links. */
  readonly summary: string;
}

/**
 * Exports a table (or the rows a source reads) to a CSV or JSON file the user picks. `suggestedName` is the file
 * name without extension. Resolves true when a file was written.
 */
export async function exportTable(deps: Pick<CommandDeps, 'log'>, table: ExportTable | TableSource, suggestedName: string): Promise<boolean> {
  const format = await pickFormat();
  if (!format) return false;
  let includeUrls = false;
  if (hasSignedUrls(table)) {
    const answer = await askIncludeUrls();
    if (answer === undefined) return false;
    includeUrls = answer;
  }
  const uri = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export'),
    saveLabel: vscode.l10n.t('Export'),
    defaultUri: vscode.Uri.joinPath(defaultFolder(), `${safeFileName(suggestedName)}.${format === 'json' ? 'json' : 'csv'}`),
    filters: format === 'json' ? { [vscode.l10n.t('JSON')]: ['json'] } : { [vscode.l10n.t('CSV')]: ['csv'] },
  });
  if (!uri) return false;

  let loaded: LoadedRows;
  try {
    loaded = 'rows' in table ? { rows: table.rows, summary: vscode.l10n.t('Exported {0} rows.', table.rows.length) } : await loadWithProgress(table);
  } catch (err) {
    if (!(err instanceof CancelledError)) throw err;
    deps.log.info('Export cancelled; no file was written.');
    vscode.window.setStatusBarMessage(vscode.l10n.t('Export cancelled.'), 4000);
    return false;
  }
  const safe = writableTable({ columns: table.columns, rows: loaded.rows }, includeUrls);
  const text = format === 'json' ? toJson(safe) : toCsv(safe, { bom: format === 'csvBom' });
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  deps.log.info(`Exported ${safe.rows.length} rows as ${format}${includeUrls ? ' with download URLs' : ''}.`);
  void announce(loaded.summary, uri);
  return true;
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const items: Array<vscode.QuickPickItem & { format: ExportFormat }> = [
    { label: vscode.l10n.t('CSV (UTF-8)'), format: 'csv' },
    { label: vscode.l10n.t('CSV for Excel (UTF-8 with BOM)'), format: 'csvBom' },
    { label: vscode.l10n.t('JSON'), format: 'json' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export'), placeHolder: vscode.l10n.t('File format') });
  return picked?.format;
}

/** True only when the user ticks the box that says what the URLs are; undefined when they back out. */
async function askIncludeUrls(): Promise<boolean | undefined> {
  const include: vscode.QuickPickItem = {
    label: vscode.l10n.t('Include download URLs'),
    detail: vscode.l10n.t('They are signed and let anyone who has the file download the backup until they expire.'),
    picked: false,
  };
  const picked = await vscode.window.showQuickPick([include], {
    title: vscode.l10n.t('Export'),
    placeHolder: vscode.l10n.t('Press Enter to export without download URLs, or tick the box to include them'),
    canPickMany: true,
  });
  return picked === undefined ? undefined : picked.includes(include);
}

function loadWithProgress(source: TableSource): Thenable<LoadedRows> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: source.title, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    const cancelled = token.onCancellationRequested(() => controller.abort());
    return source.load((message) => progress.report({ message }), controller.signal).finally(() => cancelled.dispose());
  });
}

/** The first workspace folder, else the home folder of the machine the extension runs on (the remote one in a remote window). */
function defaultFolder(): vscode.Uri {
  return vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
}

async function announce(summary: string, uri: vscode.Uri): Promise<void> {
  const open = vscode.l10n.t('Open');
  const reveal = vscode.l10n.t('Reveal in File Explorer');
  // The operating system's file manager can show only a file on this machine.
  const local = uri.scheme === 'file' && vscode.env.remoteName === undefined && vscode.env.uiKind === vscode.UIKind.Desktop;
  const choice = await vscode.window.showInformationMessage(summary, open, ...(local ? [reveal] : []));
  if (choice === open) await vscode.commands.executeCommand('vscode.open', uri);
  else if (choice === reveal) await vscode.commands.executeCommand('revealFileInOS', uri);
}
