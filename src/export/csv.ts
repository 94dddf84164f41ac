// CSV that is safe to open in a spreadsheet (RFC 4180 quoting, CRLF, UTF-8) and that cannot run as a formula
// there. No `vscode`.
import type { ExportTable, ExportValue } from './table';

/** Excel reads a file as UTF-8 only when it starts with this byte order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"): = + - @, tab and carriage
 * return, and their full-width forms, which some East Asian input settings turn into the ASCII ones.
 */
const FORMULA_START = /^[\s\u0000-\u001f]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * A text cell that could start a formula gets a leading single quote, which spreadsheets show as text. Leading
 * blanks and control characters do not hide a formula: " =1+1" is neutralised too. Only text is checked: a
 * number (a negative one included) is written from a number and stays a number.
 */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A value as CSV text, before quoting: dates as ISO 8601 UTC, numbers as numbers, nothing as an empty field. */
export function cellText(value: ExportValue): string {
  if (value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return neutralise(value);
}

/** RFC 4180: a field holding a quote, comma, CR or LF is quoted, and its quotes doubled. */
export function quoteField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark, for Excel. */
  bom?: boolean;
}

/** The table as CSV: a header of column titles, one line per row, every line ended by CRLF. */
export function toCsv(table: ExportTable, options: CsvOptions = {}): string {
  const line = (cells: string[]): string => `${cells.map(quoteField).join(',')}\r\n`;
  const header = line(table.columns.map((column) => neutralise(column.title)));
  const body = table.rows.map((row) => line(table.columns.map((column) => cellText(row[column.key])))).join('');
  return `${options.bom ? UTF8_BOM : ''}${header}${body}`;
}
