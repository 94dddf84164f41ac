import * as vscode from 'vscode';
import type { StatusFamily } from '../cloud/models';

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

export function formatSize(bytes: number | undefined): string | undefined {
  if (bytes === undefined) return undefined;
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** Local time to the minute: short enough for a tree row. */
export function formatShortTime(time: Date | undefined): string | undefined {
  if (!time) return undefined;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())} ${pad(time.getHours())}:${pad(time.getMinutes())}`;
}

/** A Markdown table of key fields; every value is escaped so API strings cannot inject links or HTML. */
export function fieldsTooltip(title: string, fields: Array<[string, string | undefined]>): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**');
  md.appendText(title);
  md.appendMarkdown('**\n\n');
  for (const [label, value] of fields) {
    if (value === undefined || value === '') continue;
    md.appendText(`${label}: `);
    md.appendText(value);
    md.appendMarkdown('  \n');
  }
  return md;
}
