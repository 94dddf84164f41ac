// A resource's recent backups as a picture: a pure function from backups to an SVG string, escaped throughout.
// Horizontal positions are percentages and heights are pixels (no viewBox), so the picture stretches to the panel's
// width while its text and marks keep their size: a viewBox would shrink the day labels to ~6 px in a 400 px panel.
// Colours come from CSS classes (media/details.css) that use the theme's variables.
import type { Backup, StatusFamily } from '../cloud/models';
import type { BackupSchedule } from '../products/catalog';
import { escapeHtml, formatBytes, formatTime } from './format';

export interface TimelineLabels {
  /** The picture's accessible name ("Backups of the last 30 days"). */
  chart: string;
  /** Shown instead of marks when there are none. */
  empty: string;
  status: Record<StatusFamily, string>;
  sizeUnknown: string;
  /** A stretch without a successful backup: its length in hours, from, to. */
  gap: (hours: number, from: string, to: string) => string;
  /** A scheduled backup time. */
  expected: (time: string) => string;
  /** The part of the window older than what was read (the read stopped at its bound). */
  notRead: (before: string) => string;
}

export interface TimelineInput {
  backups: readonly Backup[];
  window: { start: Date; end: Date };
  schedule?: BackupSchedule;
  /** When the read stopped at its bound: the start of the oldest backup read; nothing before it is known. */
  readFrom?: Date;
  labels: TimelineLabels;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Vertical layout in pixels: scheduled ticks on top, bars up from the baseline, failed marks hang below it. */
const TOP = 12;
const PLOT = 60;
const BASE = TOP + PLOT;
const MIN_BAR = 8;
const FAIL_BAR = 14;
const LABEL_Y = BASE + FAIL_BAR + 16;
const HEIGHT = LABEL_Y + 6;
const BAR_WIDTH = 4;
/** Sizes this many decades below the largest get the smallest bar. */
const DECADES = 3;

type MarkClass = 'success' | 'failed' | 'running' | 'other';

/** A mark's colour class: the four families a reader tells apart. */
function markClass(status: StatusFamily): MarkClass {
  return status === 'success' || status === 'failed' || status === 'running' ? status : 'other';
}

/** Only backups that finished well or are still running close a gap. */
const covers = (b: Backup): boolean => b.status === 'success' || b.status === 'running';

export function timelineSvg(input: TimelineInput): string {
  const { window, labels } = input;
  const span = window.end.getTime() - window.start.getTime();
  const x = (t: number): string => `${(Math.min(1, Math.max(0, (t - window.start.getTime()) / span)) * 100).toFixed(3)}%`;
  const placed = input.backups
    .filter((b): b is Backup & { startTime: Date } => b.startTime !== undefined && !Number.isNaN(b.startTime.getTime()))
    .sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
  const parts: string[] = [];
  if (input.readFrom) {
    const to = input.readFrom.getTime();
    parts.push(`<rect class="not-read" x="0" y="${TOP}" width="${x(to)}" height="${PLOT + FAIL_BAR}">${title(labels.notRead(formatTime(input.readFrom)))}</rect>`);
  }
  for (const gap of gaps(placed, input)) {
    const hours = Math.round((gap.to - gap.from) / HOUR);
    const text = labels.gap(hours, formatTime(new Date(gap.from)), formatTime(new Date(gap.to)));
    parts.push(`<rect class="gap" x="${x(gap.from)}" y="${TOP}" width="${width(gap.from, gap.to, span)}" height="${PLOT + FAIL_BAR}">${title(text)}</rect>`);
  }
  parts.push(...dayGrid(window, x));
  parts.push(`<line class="axis" x1="0" y1="${BASE}" x2="100%" y2="${BASE}"/>`);
  for (const t of expectedTimes(input.schedule, window)) {
    parts.push(`<rect class="expected" x="${x(t)}" y="2" width="2" height="${TOP - 4}" transform="translate(-1 0)">${title(labels.expected(formatTime(new Date(t))))}</rect>`);
  }
  const largest = Math.max(0, ...placed.map((b) => b.sizeBytes ?? 0));
  for (const b of placed) parts.push(mark(b, x(b.startTime.getTime()), largest, labels));
  if (placed.length === 0) parts.push(`<text class="empty" x="50%" y="${TOP + PLOT / 2}" text-anchor="middle">${escapeHtml(labels.empty)}</text>`);
  return `<svg class="timeline" role="img" aria-label="${escapeHtml(labels.chart)}" width="100%" height="${HEIGHT}" xmlns="http://www.w3.org/2000/svg">
${parts.join('\n')}
</svg>`;
}

function title(text: string): string {
  return `<title>${escapeHtml(text)}</title>`;
}

function width(from: number, to: number, span: number): string {
  return `${(((to - from) / span) * 100).toFixed(3)}%`;
}

/** A bar up from the baseline, its height by size on a log scale; a failed backup hangs below the baseline. */
function mark(b: Backup & { startTime: Date }, x: string, largest: number, labels: TimelineLabels): string {
  const cls = markClass(b.status);
  const size = b.sizeBytes;
  const lines = [b.id, formatTime(b.startTime), size === undefined ? labels.sizeUnknown : formatBytes(size), b.statusText ?? labels.status[b.status]];
  const tip = title(lines.join('\n'));
  const common = `class="mark mark-${cls}" data-backup-id="${escapeHtml(b.id)}" x="${x}" width="${BAR_WIDTH}" transform="translate(${-BAR_WIDTH / 2} 0)"`;
  if (cls === 'failed') return `<rect ${common} y="${BASE}" height="${FAIL_BAR}">${tip}</rect>`;
  const h = barHeight(size, largest);
  return `<rect ${common} y="${BASE - h}" height="${h}">${tip}</rect>`;
}

/** Full height for the largest backup, the smallest bar at DECADES below it or for an unknown or empty size. */
export function barHeight(size: number | undefined, largest: number): number {
  if (!size || size <= 0 || largest <= 0) return MIN_BAR;
  const share = Math.min(1, Math.max(0, 1 + Math.log10(size / largest) / DECADES));
  return Math.round(MIN_BAR + (PLOT - MIN_BAR) * share);
}

/** A line at every local midnight, and a date under every seventh one counting back from the newest. */
function dayGrid(window: TimelineInput['window'], x: (t: number) => string): string[] {
  const lines: string[] = [];
  const day = new Date(window.end);
  day.setHours(0, 0, 0, 0);
  for (let n = 0; day.getTime() > window.start.getTime(); n++) {
    const t = day.getTime();
    lines.push(`<line class="day" x1="${x(t)}" y1="${TOP}" x2="${x(t)}" y2="${BASE}"/>`);
    if (n % 7 === 0) {
      const share = (t - window.start.getTime()) / (window.end.getTime() - window.start.getTime());
      const anchor = share < 0.04 ? 'start' : share > 0.96 ? 'end' : 'middle';
      const label = `${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
      lines.push(`<line class="tick" x1="${x(t)}" y1="${BASE}" x2="${x(t)}" y2="${BASE + 4}"/>`);
      lines.push(`<text class="day-label" x="${x(t)}" y="${LABEL_Y}" text-anchor="${anchor}">${label}</text>`);
    }
    // Stepping by calendar day keeps midnights right across daylight-saving changes.
    day.setDate(day.getDate() - 1);
  }
  return lines;
}

/** When the schedule says a backup is due within the window (only if both its days and its UTC time are known). */
export function expectedTimes(schedule: BackupSchedule | undefined, window: TimelineInput['window']): number[] {
  if (!schedule?.weekdays || schedule.startMinuteUtc === undefined) return [];
  const due = new Set(schedule.weekdays);
  const times: number[] = [];
  const first = Math.floor(window.start.getTime() / DAY) * DAY;
  for (let midnight = first; midnight < window.end.getTime(); midnight += DAY) {
    const t = midnight + schedule.startMinuteUtc * 60_000;
    if (due.has(new Date(midnight).getUTCDay()) && t >= window.start.getTime() && t <= window.end.getTime()) times.push(t);
  }
  return times;
}

/**
 * How long backups are apart when all is well: the schedule's longest wait between two backups, or else the median
 * spacing of the backups that did not fail; undefined when neither says.
 */
export function cadence(schedule: BackupSchedule | undefined, covering: readonly number[]): number | undefined {
  if (schedule?.intervalHours) return schedule.intervalHours * 3_600_000;
  if (covering.length < 3) return undefined;
  const steps = covering.slice(1).map((t, i) => t - covering[i]).sort((a, b) => a - b);
  const median = steps[Math.floor(steps.length / 2)];
  return median > 0 ? median : undefined;
}

/**
 * Stretches longer than the cadence and some slack (half of it, at most 12 h) without a backup that did not fail,
 * including the ones before the first and after the last (up to now).
 */
function gaps(placed: ReadonlyArray<Backup & { startTime: Date }>, input: Pick<TimelineInput, 'window' | 'schedule' | 'readFrom'>): Array<{ from: number; to: number }> {
  const covering = placed.filter(covers).map((b) => b.startTime.getTime());
  const every = cadence(input.schedule, covering);
  if (every === undefined) return [];
  const limit = every + Math.min(every / 2, 12 * HOUR);
  const from = Math.max(input.window.start.getTime(), input.readFrom?.getTime() ?? 0);
  const edges = [from, ...covering.filter((t) => t > from), input.window.end.getTime()];
  const found: Array<{ from: number; to: number }> = [];
  for (let i = 1; i < edges.length; i++) if (edges[i] - edges[i - 1] > limit) found.push({ from: edges[i - 1], to: edges[i] });
  return found;
}

/** What each kind of mark means, already translated. */
export type LegendLabels = Record<MarkClass | 'gap' | 'expected', string>;

/** The key under the picture: a small sample of each mark given a label, drawn with the same classes. */
export function timelineLegend(labels: Partial<LegendLabels>): string {
  const sample: Record<keyof LegendLabels, string> = {
    success: `<rect class="mark mark-success" x="3" y="1" width="${BAR_WIDTH}" height="10"/>`,
    running: `<rect class="mark mark-running" x="3" y="1" width="${BAR_WIDTH}" height="10"/>`,
    other: `<rect class="mark mark-other" x="3" y="1" width="${BAR_WIDTH}" height="10"/>`,
    failed: `<rect class="mark mark-failed" x="3" y="1" width="${BAR_WIDTH}" height="10"/>`,
    gap: '<rect class="gap" x="0" y="0" width="10" height="12"/>',
    expected: `<rect class="expected" x="4" y="1" width="2" height="${TOP - 4}"/>`,
  };
  const items = (Object.keys(sample) as Array<keyof LegendLabels>).flatMap((key) => {
    const label = labels[key];
    return label === undefined ? [] : [`<li class="legend-${key}"><svg width="10" height="12" aria-hidden="true">${sample[key]}</svg>${escapeHtml(label)}</li>`];
  });
  return `<ul class="timeline-legend">${items.join('')}</ul>`;
}
