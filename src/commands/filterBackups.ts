import * as vscode from 'vscode';
import type { BackupFilter } from '../cloud/models';
import type { ExplorerNode } from '../explorer/node';
import { ResourceNode } from '../explorer/resourceNode';
import { productEntry } from '../products';
import { targetNode, type ExplorerCommand } from './command';

export const isResourceNode = (node: ExplorerNode): node is ResourceNode => node instanceof ResourceNode;

const FORMAT = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$/;

/** Reads "YYYY-MM-DD" or "YYYY-MM-DD HH:mm", in UTC as the APIs are; undefined for an empty box. */
export function parseUtc(value: string): Date | undefined | 'invalid' {
  const text = value.trim();
  if (text === '') return undefined;
  const m = FORMAT.exec(text);
  if (!m) return 'invalid';
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0));
  // Date.UTC rolls 2026-02-31 over into March: a date that changes is not a real date.
  if (date.getUTCMonth() !== +m[2] - 1 || date.getUTCDate() !== +m[3] || (m[4] && +m[4] > 23) || (m[5] && +m[5] > 59)) return 'invalid';
  return date;
}

async function askTime(prompt: string, after?: Date): Promise<Date | undefined | null> {
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Filter Backups'),
    prompt,
    placeHolder: 'YYYY-MM-DD HH:mm (UTC)',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const parsed = parseUtc(text);
      if (parsed === 'invalid') return vscode.l10n.t('Use YYYY-MM-DD or YYYY-MM-DD HH:mm, in UTC.');
      if (after && parsed && parsed <= after) return vscode.l10n.t('The end must be after the start.');
      return undefined;
    },
  });
  if (value === undefined) return null;
  const parsed = parseUtc(value);
  return parsed === 'invalid' ? null : parsed;
}


/**
 * Asks for one of the values the API filters by; undefined for "any", null when the user backs out. Only values
 * the server filters by are offered: filtering here would break paging totals.
 */
async function askChoice(title: string, anyLabel: string, values: readonly string[] | undefined): Promise<string | undefined | null> {
  if (!values || values.length === 0) return undefined;
  const picked = await vscode.window.showQuickPick([anyLabel, ...values], { title });
  if (picked === undefined) return null;
  return picked === anyLabel ? undefined : picked;
}

/** Filter Backups…: a time range, and the status, mode and type where the product's API filters by them. */
export const filterBackups: ExplorerCommand = {
  id: 'alibabaCloudBackups.filterBackups',
  run: async (deps, arg?: unknown) => {
    const node = targetNode(deps, arg, isResourceNode);
    if (!node) return;
    const start = await askTime(vscode.l10n.t('Backups that started at or after (empty: no lower bound)'));
    if (start === null) return;
    const end = await askTime(vscode.l10n.t('Backups that started before (empty: no upper bound)'), start);
    if (end === null) return;
    const capability = productEntry(node.resource.product)?.backupFilter;
    const status = await askChoice(vscode.l10n.t('Backup status'), vscode.l10n.t('Any status'), capability?.statuses);
    if (status === null) return;
    const mode = await askChoice(vscode.l10n.t('Backup mode'), vscode.l10n.t('Any mode'), capability?.modes);
    if (mode === null) return;
    const type = await askChoice(vscode.l10n.t('Backup type'), vscode.l10n.t('Any type'), capability?.types);
    if (type === null) return;
    const filter: BackupFilter = { start, end, status, mode, type };
    node.setFilter(Object.values(filter).some((value) => value !== undefined) ? filter : undefined);
  },
};
