import * as vscode from 'vscode';
import type { StatusFamily } from '../cloud/models';
import { redact } from '../cloud/redact';
import { formatBytes } from '../webview/format';

const ICONS: Record<StatusFamily, [string, string | undefined]> = {
  success: ['pass', 'testing.iconPassed'],
  running: ['sync', 'charts.blue'],
  failed: ['error', 'testing.iconFailed'],
  paused: ['debug-pause', 'charts.yellow'],
  pending: ['clock', 'charts.yellow'],
  unknown: ['circle-outline', undefined],
};

/** A status's icon, coloured so a failed backup stands out in a long list. */
export function statusIcon(status: StatusFamily): vscode.ThemeIcon {
  const [icon, color] = ICONS[status];
  return new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
}

/** Sizes as the details panel shows them; a backup still running may have none yet. */
export function formatSize(bytes: number | undefined): string | undefined {
  return bytes === undefined ? undefined : formatBytes(bytes);
}

/** Local time to the minute: short enough for a tree row. */
export function formatShortTime(time: Date | undefined): string | undefined {
  if (!time) return undefined;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())} ${pad(time.getHours())}:${pad(time.getMinutes())}`;
}

/** A Markdown table of key fields; API strings are redacted, and escaped so they cannot inject links or HTML. */
export function fieldsTooltip(title: string, fields: Array<[string, string | undefined]>): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**');
  md.appendText(redact(title));
  md.appendMarkdown('**\n\n');
  for (const [label, value] of fields) {
    if (value === undefined || value === '') continue;
    md.appendText(`${label}: `);
    md.appendText(redact(value));
    md.appendMarkdown('  \n');
  }
  return md;
}
