import * as fs from 'fs';
import * as path from 'path';

/**
 * pass / miss: a performance target, printed and never enforced. ok / WRONG: a logic check (request counts, the
 * concurrency cap), which fails the run. info: a figure without a target. error: the figure could not be taken.
 */
export type Status = 'pass' | 'miss' | 'ok' | 'WRONG' | 'info' | 'error';

export interface Figure {
  section: string;
  name: string;
  value: number | string;
  unit?: string;
  target?: string;
  status: Status;
  note?: string;
}

export class Report {
  readonly figures: Figure[] = [];
  private section = '';

  begin(section: string): void {
    this.section = section;
  }

  /** A figure with a target of `≤ limit` (or `≥ limit`). */
  target(name: string, value: number, unit: string, op: '≤' | '≥', limit: number, note?: string): void {
    const met = op === '≤' ? value <= limit : value >= limit;
    this.add({ name, value: round(value), unit, target: `${op} ${limit}${unit ? ` ${unit}` : ''}`, status: met ? 'pass' : 'miss', note });
  }

  /** A figure that must be exactly `expected` (or pass `holds`), else the run fails. */
  check(name: string, value: number, expected: number | { label: string; holds: boolean }, unit = '', note?: string): void {
    const [target, holds] = typeof expected === 'number' ? [`= ${expected}`, value === expected] : [expected.label, expected.holds];
    this.add({ name, value: round(value), unit, target, status: holds ? 'ok' : 'WRONG', note });
  }

  info(name: string, value: number | string, unit = '', note?: string): void {
    this.add({ name, value: typeof value === 'number' ? round(value) : value, unit, status: 'info', note });
  }

  error(name: string, err: unknown): void {
    this.add({ name, value: '—', status: 'error', note: err instanceof Error ? err.message : String(err) });
  }

  get failed(): boolean {
    return this.figures.some((f) => f.status === 'WRONG' || f.status === 'error');
  }

  /** By section: figures measured later (the extension host's) join their section. */
  private sorted(): Figure[] {
    return [...this.figures].sort((a, b) => a.section.localeCompare(b.section));
  }

  private add(figure: Omit<Figure, 'section'>): void {
    this.figures.push({ section: this.section, ...figure });
  }

  /** One table: figure, value, target, result, note. */
  print(): void {
    const rows = this.sorted().map((f) => [
      `${f.section} ${f.name}`,
      `${typeof f.value === 'number' ? f.value.toLocaleString('en-US') : f.value}${f.unit ? ` ${f.unit}` : ''}`,
      f.target ?? '',
      f.status,
      f.note ?? '',
    ]);
    const header = ['figure', 'value', 'target', 'result', 'note'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]): string => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
    console.log(['', line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
  }

  write(file: string, meta: object): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify({ ...meta, failed: this.failed, figures: this.sorted() }, null, 2)}\n`);
  }
}

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
