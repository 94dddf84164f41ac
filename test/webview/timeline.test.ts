// The timeline picture as a pure function: one mark per backup in time order, status classes coloured by theme
// variables, hostile text escaped, the empty state, gaps, the schedule's ticks; and the panel's timeline section.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Backup, Resource, StatusFamily } from '../../src/cloud/models';
import { dbsEntry } from '../../src/products/dbs';
import type { BackupSchedule } from '../../src/products/catalog';
import { polardbSchedule } from '../../src/products/polardb';
import { readSchedule } from '../../src/products/schedule';
import { weekdayPolicy } from '../../src/products/weekdayPolicy';
import { renderDetailsHtml } from '../../src/webview/html';
import { untranslated, type ResourceSubject } from '../../src/webview/subject';
import { barHeight, cadence, timelineLegend, timelineSvg, type TimelineInput, type TimelineLabels } from '../../src/webview/timeline';
import { timelineSection } from '../../src/webview/timelineSection';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const END = Date.UTC(2026, 10, 30, 1, 0);
const WINDOW = { start: new Date(END - 30 * DAY), end: new Date(END) };
const HOSTILE = '<img src=x onerror=alert(1)>"\'`&</title><script>window.__pwned=1</script>';

const LABELS: TimelineLabels = {
  chart: 'Backups in the last 30 days',
  empty: 'No backups in the last 30 days',
  status: { success: 'Succeeded', failed: 'Failed', running: 'Running', paused: 'Paused', pending: 'Pending', unknown: 'Unknown' },
  sizeUnknown: 'Size unknown',
  gap: (hours, from, to) => `No successful backup for ${hours} h: ${from} to ${to}`,
  expected: (time) => `Scheduled backup: ${time}`,
  notRead: (before) => `Not read: backups before ${before}`,
};

let serial = 0;
function backup(hoursAgo: number, extra: Partial<Backup> = {}): Backup {
  serial++;
  return { product: 'rds', region: 'cn-hangzhou', resourceId: 'rm-1', id: `b${serial}`, status: 'success', startTime: new Date(END - hoursAgo * HOUR), sizeBytes: 1e9, raw: {}, ...extra };
}

/** Backups every `step` hours from `from` hours ago up to `to` hours ago. */
function series(from: number, to: number, step: number): Backup[] {
  const list: Backup[] = [];
  for (let h = from; h >= to; h -= step) list.push(backup(h));
  return list;
}

const svg = (backups: Backup[], extra: Partial<TimelineInput> = {}): string => timelineSvg({ backups, window: WINDOW, labels: LABELS, ...extra });

interface Mark {
  cls: string;
  id: string;
  x: number;
  y: number;
  height: number;
  title: string;
}

function marks(html: string): Mark[] {
  const found = html.matchAll(/<rect class="mark mark-(\w+)" data-backup-id="([^"]*)" x="([\d.]+)%"[^>]* y="(\d+)" height="(\d+)"><title>([^<]*)<\/title><\/rect>/g);
  return [...found].map(([, cls, id, x, y, height, title]) => ({ cls, id, x: Number(x), y: Number(y), height: Number(height), title }));
}

function gapsOf(html: string): Array<{ x: number; width: number; title: string }> {
  const found = html.matchAll(/<rect class="gap" x="([\d.]+)%" y="\d+" width="([\d.]+)%"[^>]*><title>([^<]*)<\/title>/g);
  return [...found].map(([, x, width, title]) => ({ x: Number(x), width: Number(width), title }));
}

const count = (html: string, pattern: RegExp): number => html.match(pattern)?.length ?? 0;

describe('backup timeline picture', () => {
  it('draws one mark per backup, in time order, at its place in the window', () => {
    const backups = [backup(1), backup(700), backup(360), backup(24)];
    const found = marks(svg(backups));
    assert.strictEqual(found.length, 4);
    const xs = found.map((m) => m.x);
    assert.deepStrictEqual(xs, [...xs].sort((a, b) => a - b));
    assert.ok(Math.abs(found[1].x - 50) < 0.01, `a backup 15 days ago sits in the middle: ${found[1].x}`);
    assert.ok(found[3].x > 99.8);
  });

  it('gives each status family its class, failed ones hanging below the baseline', () => {
    const families: StatusFamily[] = ['success', 'failed', 'running', 'paused', 'pending', 'unknown'];
    const found = marks(svg(families.map((status, i) => backup(100 - i * 10, { status }))));
    assert.deepStrictEqual(found.map((m) => m.cls), ['success', 'failed', 'running', 'other', 'other', 'other']);
    const base = found[0].y + found[0].height;
    assert.strictEqual(found[1].y, base, 'the failed mark starts at the baseline and goes down');
    for (const m of [found[0], ...found.slice(2)]) assert.strictEqual(m.y + m.height, base);
  });

  it('colours marks through CSS classes that use theme variables only', () => {
    const css = fs.readFileSync(path.join(__dirname, '../../../media/details.css'), 'utf8');
    const rule = (selector: string) => new RegExp(`\\${selector}\\s*\\{[^}]*fill:\\s*var\\(--vscode-charts-(\\w+)\\)`).exec(css)?.[1];
    assert.strictEqual(rule('.mark-success'), 'green');
    assert.strictEqual(rule('.mark-failed'), 'red');
    assert.strictEqual(rule('.mark-running'), 'blue');
    assert.strictEqual(rule('.mark-other'), 'yellow');
    assert.match(css, /\.mark\s*\{[^}]*stroke:\s*var\(--vscode-contrastBorder/);
    assert.doesNotMatch(css, /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i, 'no hard-coded colours');
    // The picture itself names no colour and no style: the CSP allows no inline styles.
    const html = svg([backup(5, { status: 'failed' }), backup(30)], { schedule: daily(120) });
    assert.doesNotMatch(html, /style=|fill="|stroke="|#[0-9a-f]{3,6}\b|href/i);
  });

  it('sizes bars by backup size on a log scale with a visible minimum', () => {
    assert.strictEqual(barHeight(4e9, 4e9), 60);
    assert.ok(barHeight(2e9, 4e9) < 60 && barHeight(2e9, 4e9) > barHeight(4e8, 4e9));
    assert.strictEqual(barHeight(4e6, 4e9), 8, 'three decades below the largest: the minimum');
    assert.strictEqual(barHeight(1, 4e9), 8);
    assert.strictEqual(barHeight(undefined, 4e9), 8);
    assert.strictEqual(barHeight(0, 0), 8);
    const found = marks(svg([backup(3, { sizeBytes: 4e9 }), backup(2, { sizeBytes: 4e7 }), backup(1, { sizeBytes: undefined })]));
    assert.deepStrictEqual(found.map((m) => m.height), [60, barHeight(4e7, 4e9), 8]);
  });

  it('names each backup in its mark\'s title: ID, time, size and status', () => {
    const [m] = marks(svg([backup(2, { id: '1160000011', sizeBytes: 2.1 * 1024 * 1024, statusText: 'Success' })]));
    const lines = m.title.split('\n');
    assert.strictEqual(lines[0], '1160000011');
    assert.match(lines[1], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC[+-]\d{2}:\d{2}$/);
    assert.deepStrictEqual(lines.slice(2), ['2.1 MB', 'Success']);
    const [unknown] = marks(svg([backup(2, { status: 'failed', statusText: undefined, sizeBytes: undefined })]));
    assert.deepStrictEqual(unknown.title.split('\n').slice(2), ['Size unknown', 'Failed']);
  });

  it('escapes hostile IDs and status words everywhere', () => {
    const html = svg([backup(2, { id: HOSTILE, statusText: HOSTILE })], { labels: { ...LABELS, chart: HOSTILE } });
    assert.doesNotMatch(html, /<img|<script|<\/script|onerror=alert\(1\)>|`/);
    assert.strictEqual(count(html, /<title>/g), count(html, /<\/title>/g));
    const [m] = marks(html);
    assert.strictEqual(m.id, '&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&#96;&amp;&lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    assert.ok(m.title.startsWith(m.id));
  });

  it('says so when there are no backups, and draws no marks', () => {
    const html = svg([]);
    assert.strictEqual(marks(html).length, 0);
    assert.match(html, /<text class="empty"[^>]*>No backups in the last 30 days<\/text>/);
    assert.doesNotMatch(svg([backup(3)]), /class="empty"/);
  });

  it('leaves out backups without a start time', () => {
    assert.strictEqual(marks(svg([backup(3), backup(4, { startTime: undefined }), backup(5, { startTime: new Date(NaN) })])).length, 1);
  });

  it('shades a stretch longer than the usual spacing without a successful backup', () => {
    // Every 12 h, except nothing between 10 and 6 days ago.
    const backups = [...series(720, 240, 12), ...series(144, 0, 12)];
    const found = gapsOf(svg(backups));
    assert.strictEqual(found.length, 1);
    const from = ((240 - 0) / 720) * 100;
    assert.ok(Math.abs(found[0].x - (100 - from)) < 0.01, `gap starts 240 h ago: ${found[0].x}`);
    assert.ok(Math.abs(found[0].width - (96 / 720) * 100) < 0.01, `gap is 96 h long: ${found[0].width}`);
    assert.match(found[0].title, /^No successful backup for 96 h: \d{4}-/);
    assert.strictEqual(gapsOf(svg(series(720, 0, 12))).length, 0, 'a regular series has no gap');
  });

  it('counts failed backups as no backup, and a silence up to now as a gap', () => {
    const backups = series(720, 0, 12).map((b, i) => (i >= 20 && i < 24 ? { ...b, status: 'failed' as const } : b));
    assert.strictEqual(gapsOf(svg(backups)).length, 1);
    const silent = gapsOf(svg(series(720, 100, 12)));
    assert.strictEqual(silent.length, 1);
    assert.ok(Math.abs(silent[0].x + silent[0].width - 100) < 0.01, 'the gap runs to now');
  });

  it('takes the spacing from the schedule when there is one', () => {
    const weekly = (days: string, frequency?: string) => readSchedule({ days, time: '02:00Z-03:00Z', frequency });
    assert.strictEqual(cadence(daily(120), []), DAY);
    assert.strictEqual(cadence(weekly('Monday,Wednesday,Friday'), []), 3 * DAY);
    assert.strictEqual(cadence(weekly('Monday'), []), 7 * DAY);
    assert.strictEqual(cadence(weekly(EVERY_DAY, '12/24H'), []), 12 * HOUR);
    assert.strictEqual(cadence(undefined, [0, 10, 30]), 20);
    assert.strictEqual(cadence(undefined, [0, 10]), undefined, 'two backups say nothing about a cadence');
    // Daily backups under a daily schedule: no gap; under a twice-a-day one, every 24 h stretch is one.
    const dailySeries = series(700, 2, 24);
    assert.strictEqual(gapsOf(svg(dailySeries, { schedule: daily(120) })).length, 0);
    assert.ok(gapsOf(svg(dailySeries, { schedule: weekly(EVERY_DAY, '12/24H') })).length > 20);
    // No backups at all under a schedule: the whole window is one gap.
    assert.strictEqual(gapsOf(svg([], { schedule: daily(120) })).length, 1);
    assert.strictEqual(gapsOf(svg([])).length, 0, 'no schedule and no backups: nothing to compare with');
  });

  it('marks the scheduled times when the days and the UTC time are known', () => {
    assert.strictEqual(count(svg([], { schedule: daily(120) }), /class="expected"/g), 30);
    assert.strictEqual(count(svg([], { schedule: { ...daily(120), weekdays: [1, 3, 5] } }), /class="expected"/g), 12);
    assert.strictEqual(count(svg([], { schedule: { ...daily(120), startMinuteUtc: undefined } }), /class="expected"/g), 0);
    assert.match(svg([], { schedule: daily(120) }), /<rect class="expected"[^>]*><title>Scheduled backup: \d{4}-/);
  });

  it('leaves the part before what was read unjudged when the read stopped at its bound', () => {
    const readFrom = new Date(END - 100 * HOUR);
    const html = svg(series(100, 2, 12), { readFrom });
    assert.match(html, /<rect class="not-read" x="0" y="\d+" width="86\.111%"[^>]*><title>Not read: backups before /);
    assert.strictEqual(gapsOf(html).length, 0);
  });

  it('puts a line at each local midnight and a date under every seventh', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Shanghai';
      const html = svg([]);
      assert.strictEqual(count(html, /class="day"/g), 30);
      const labels = [...html.matchAll(/<text class="day-label"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
      assert.deepStrictEqual(labels, ['11-30', '11-23', '11-16', '11-09', '11-02']);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('stretches to the panel\'s width and is named for screen readers', () => {
    const html = svg([backup(3)]);
    assert.match(html, /^<svg class="timeline" role="img" aria-label="Backups in the last 30 days" width="100%" height="\d+"/);
  });

  it('has a key with a sample of each labelled mark', () => {
    const legend = timelineLegend({ success: 'Succeeded', failed: '<b>Failed</b>', gap: 'Gap' });
    assert.strictEqual(count(legend, /<li /g), 3);
    assert.match(legend, /<rect class="mark mark-failed"[^>]*\/><\/svg>&lt;b&gt;Failed&lt;\/b&gt;<\/li>/);
    assert.doesNotMatch(legend, /expected/);
  });
});

const EVERY_DAY = 'Sunday,Monday,Tuesday,Wednesday,Thursday,Friday,Saturday';

function daily(startMinuteUtc: number): BackupSchedule {
  const at = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}Z`;
  return readSchedule({ days: EVERY_DAY, time: `${at(startMinuteUtc)}-${at(startMinuteUtc + 60)}` });
}

describe('backup schedule read once from the policy', () => {
  it('reads PolarDB\'s days, time and frequency', () => {
    const schedule = polardbSchedule({ PreferredBackupPeriod: 'Monday,Wednesday,Friday', PreferredBackupTime: '18:00Z-19:00Z', BackupFrequency: '2/24H' });
    assert.deepStrictEqual(schedule, {
      intervalHours: 2, retention: undefined, days: 'Monday,Wednesday,Friday', time: '18:00Z-19:00Z', frequency: '2/24H', weekdays: [1, 3, 5], startMinuteUtc: 1080, perDay: 12,
    });
  });

  it('reads a DBS plan\'s schedule from its listing row, whose time names no zone', () => {
    const plan: Resource = { product: 'dbs', kind: 'dbsPlan', region: 'cn-hangzhou', id: 'dbs1', status: 'success', raw: { BackupPeriod: 'Monday,Thursday', BackupStartTime: '14:15', BackupRetentionPeriod: '7' } };
    const schedule = dbsEntry.kinds.dbsPlan.listedSchedule?.(plan);
    assert.deepStrictEqual(schedule, {
      intervalHours: 96, retention: { days: 7 }, days: 'Monday,Thursday', time: '14:15', frequency: undefined, weekdays: [1, 4], startMinuteUtc: undefined, perDay: 1,
    });
  });

  it('keeps words it cannot read, and reads nothing into them', () => {
    const odd = polardbSchedule({ PreferredBackupPeriod: 'Everyday', BackupFrequency: 'Normal' });
    assert.deepStrictEqual(odd, {
      intervalHours: undefined, retention: undefined, days: 'Everyday', time: undefined, frequency: 'Normal', weekdays: undefined, startMinuteUtc: undefined, perDay: 1,
    });
  });
});

describe('details panel timeline section', () => {
  const resource: Resource = { product: 'rds', kind: 'rdsInstance', region: 'cn-hangzhou', id: 'rm-bp1', status: 'success', raw: {} };
  const subject = (extra: Partial<ResourceSubject>): ResourceSubject => ({ kind: 'resource', resource, ...extra });
  const window = WINDOW;

  it('says it is loading until the backups are read', () => {
    assert.match(timelineSection(subject({}), untranslated), /<p class="timeline-note timeline-loading">Loading backups…<\/p>/);
  });

  it('shows a failed read with its code and RequestId, escaped', () => {
    const html = timelineSection(subject({ timeline: { kind: 'failed', code: 'Throttling.User', message: HOSTILE, requestId: 'REQ-<1>' } }), untranslated);
    assert.match(html, /<p class="timeline-error" role="alert">Could not read the backups: Throttling\.User: &lt;img/);
    assert.match(html, /<br>RequestId: REQ-&lt;1&gt;<\/p>/);
    assert.doesNotMatch(html, /<img|<script/);
  });

  it('sends the reader to the nodes when those keep the backups', () => {
    const html = timelineSection(subject({ timeline: { kind: 'resources', window, count: 2 } }), untranslated);
    assert.match(html, /Backups are kept by the 2 nodes listed under it: select one to see its timeline\./);
    assert.doesNotMatch(html, /<svg/);
  });

  it('draws the picture with a caption that counts and names the schedule once the policy is read', () => {
    const backups = [backup(5, { status: 'failed' }), backup(30), backup(60)];
    const pending = timelineSection(subject({ timeline: { kind: 'backups', window, backups } }), untranslated);
    assert.match(pending, /<p class="timeline-caption">3 backups, 1 failed<\/p>/);
    const unknown = timelineSection(subject({ policy: { rows: [], schedule: {} }, timeline: { kind: 'backups', window, backups } }), untranslated);
    assert.match(unknown, /3 backups, 1 failed · Schedule unknown<\/p>/);
    const policy = weekdayPolicy({ PreferredBackupPeriod: 'Monday,Friday', PreferredBackupTime: '18:00Z-19:00Z' });
    const known = timelineSection(subject({ policy, timeline: { kind: 'backups', window, backups } }), untranslated);
    assert.match(known, /Schedule: Monday,Friday at 18:00Z-19:00Z<\/p>/);
    assert.match(known, /<li class="legend-expected">/);
    assert.strictEqual(marks(known).length, 3);
  });

  it('says when only the newest backups were read', () => {
    const backups = series(100, 2, 12);
    const html = timelineSection(subject({ policy: { rows: [], schedule: {} }, timeline: { kind: 'backups', window, backups, readFrom: new Date(END - 100 * HOUR) } }), untranslated);
    assert.match(html, /Only the newest 9 backups were read\./);
  });

  it('sits in the page under the strict CSP', () => {
    const timeline = timelineSection(subject({ policy: { rows: [], schedule: {} }, timeline: { kind: 'backups', window, backups: [backup(3, { id: HOSTILE })] } }), untranslated);
    const page = renderDetailsHtml({
      cspSource: 'vscode-resource:', nonce: 'n0nce', styleUri: 's.css', scriptUri: 'd.js', lang: 'en', title: 'Instance rm-bp1',
      status: { family: 'success', text: 'Running' }, fields: [], rawJson: {}, timeline,
      labels: { status: 'Status', details: 'Details', rawJson: 'Raw API response', copyJson: 'Copy JSON', copyId: 'Copy ID' },
    });
    assert.match(page, /content="default-src &#39;none&#39;; style-src vscode-resource:; script-src &#39;nonce-n0nce&#39;; img-src vscode-resource:"/);
    assert.match(page, /<\/div>\n<section id="timeline"[^]*<svg class="timeline"[^]*<\/section>\n<table id="fields"/);
    assert.strictEqual(count(page, /<script/g), 1);
  });
});
