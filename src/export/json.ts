// The JSON export: one object per row, keyed by the columns' stable keys, in column order. No `vscode`.
import type { ExportTable, ExportValue } from './table';

type JsonValue = string | number | boolean | null;

function jsonValue(value: ExportValue): JsonValue {
  if (value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return value;
}

export function toJson(table: ExportTable): string {
  const rows = table.rows.map((row) => Object.fromEntries(table.columns.map((column) => [column.key, jsonValue(row[column.key])])));
  return `${JSON.stringify(rows, null, 2)}\n`;
}
