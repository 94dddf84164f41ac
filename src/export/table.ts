// What an export writes: a table of named columns. Any table (a resource's backups, the health table) goes through
// the same secret handling and the same writers. No `vscode`: the rules here are tested in plain Node.
import { redact } from '../cloud/redact';
import { checkDownloadUrl } from '../cloud/downloadUrls';

/** A cell: text, a number, a yes/no, a moment (written as ISO 8601 UTC), or nothing. */
export type ExportValue = string | number | boolean | Date | undefined;

export interface ExportColumn {
  /** The JSON property name; stable, never translated. */
  readonly key: string;
  /** The CSV header, in the user's language. */
  readonly title: string;
  /** A signed download URL: whoever has the file can download the backup until it expires, so it is opt-in. */
  readonly signedUrl?: boolean;
}

export interface ExportTable {
  readonly columns: readonly ExportColumn[];
  readonly rows: readonly Readonly<Record<string, ExportValue>>[];
}

export function hasSignedUrls(table: Pick<ExportTable, 'columns'>): boolean {
  return table.columns.some((column) => column.signedUrl);
}

/**
 * The table as it may be written: signed-URL columns dropped unless asked for (and then only http(s) URLs), and
 * every other text cell redacted, so a signature or token that an API put in some other field is not written.
 */
export function writableTable(table: ExportTable, includeSignedUrls: boolean): ExportTable {
  const columns = table.columns.filter((column) => includeSignedUrls || !column.signedUrl);
  const rows = table.rows.map((row) => {
    const out: Record<string, ExportValue> = {};
    for (const column of columns) out[column.key] = writableValue(row[column.key], column);
    return out;
  });
  return { columns, rows };
}

function writableValue(value: ExportValue, column: ExportColumn): ExportValue {
  if (typeof value !== 'string') return value;
  if (column.signedUrl) return checkDownloadUrl(value).usable ? value : undefined;
  return redact(value);
}

/** A file name from an ID: only letters, digits, dot, dash and underscore, no leading dot, at most 100 characters. */
export function safeFileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 100);
  return safe === '' ? 'export' : safe;
}
