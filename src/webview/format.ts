// Pure formatting for the details panel; no `vscode` import so it runs under plain mocha.
import type { Backup, Resource, StatusFamily } from '../cloud/models';
import { kindEntry, productEntry } from '../products';
import { say, type DetailValue } from '../products/catalog';
import type { Expiry } from '../cloud/values';
import { redact } from '../cloud/redact';
import { prepareJson, untranslated, type DetailsSubject, type Translate } from './subject';

export type { Translate } from './subject';

export interface DetailsField {
  label: string;
  value: string;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 1024-based, one decimal below 100 ("2.1 MB", "512 B", "140 GB"). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return String(n);
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${n} B`;
  let text = value >= 100 ? String(Math.round(value)) : value.toFixed(1).replace(/\.0$/, '');
  // 1023.96 KB would otherwise print as "1024 KB".
  if (Number(text) >= 1024 && unit < UNITS.length - 1) {
    text = '1';
    unit++;
  }
  return `${text} ${UNITS[unit]}`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Local time with its offset ("2022-06-02 00:00:00 UTC+08:00"), so a reader never has to guess the zone. */
export function formatTime(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ` +
    `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

export function formatExpiry(expiry: Expiry, t: Translate = untranslated): string {
  return expiry.kind === 'never' ? t('Never expires') : formatTime(expiry.time);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => ENTITIES[c]);
}

// Strings first (with an optional following colon marking a key), so digits inside strings are never numbers.
const JSON_TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false)\b|\b(null)\b/g;

/** Pretty-printed JSON as HTML; every piece of text, token or not, goes through escapeHtml. */
export function highlightJson(value: unknown): string {
  const text = stringify(value);
  let html = '';
  let last = 0;
  for (const match of text.matchAll(JSON_TOKEN)) {
    const index = match.index ?? 0;
    html += escapeHtml(text.slice(last, index));
    const [whole, str, colon, num, bool, nul] = match;
    if (str !== undefined) {
      html += span(colon ? 'json-key' : 'json-string', str) + (colon ? escapeHtml(colon) : '');
    } else if (num !== undefined) {
      html += span('json-number', num);
    } else if (bool !== undefined) {
      html += span('json-boolean', bool);
    } else if (nul !== undefined) {
      html += span('json-null', nul);
    }
    last = index + whole.length;
  }
  return html + escapeHtml(text.slice(last));
}

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? '';
  } catch {
    // Callers pass prepared values; one too deep (RangeError) or not JSON (cycles, bigint) is prepared here.
    return JSON.stringify(prepareJson(value), null, 2);
  }
}

function span(cls: string, text: string): string {
  return `<span class="${cls}">${escapeHtml(text)}</span>`;
}


export function statusLabel(family: StatusFamily, t: Translate = untranslated): string {
  switch (family) {
    case 'success':
      return t('Succeeded');
    case 'running':
      return t('Running');
    case 'failed':
      return t('Failed');
    case 'paused':
      return t('Paused');
    case 'pending':
      return t('Pending');
    case 'unknown':
      return t('Unknown');
  }
}

/** The rows a person reads, in reading order; absent values are left out rather than shown empty, and all are redacted. */
export function detailsFields(subject: DetailsSubject, t: Translate): DetailsField[] {
  const rows: DetailsField[] = [];
  // `put` takes a label already in the user's language; `add` translates one of the literals below.
  const put = (label: string, value: string | number | undefined): void => {
    if (value !== undefined && value !== '') rows.push({ label, value: redact(String(value)) });
  };
  const add: Add = (label, value) => put(t(label), value);
  if (subject.kind === 'backup') backupRows(subject.backup, t, add, put);
  else {
    resourceRows(subject.resource, t, add, put);
    // The backup policy, once it has been asked for (it takes a request).
    for (const [label, value] of subject.policy?.rows ?? []) put(say(label, t), detailValue(value, t));
  }
  return rows;
}

type Add = (label: string, value: string | number | undefined) => void;

function productTitle(id: string, t: Translate): string {
  const entry = productEntry(id);
  return entry ? say(entry.title, t) : id;
}

function backupRows(b: Backup, t: Translate, add: Add, put: Add): void {
  add('Backup ID', b.id);
  add('Status', b.statusText ?? statusLabel(b.status, t));
  add('Product', productTitle(b.product, t));
  add('Region', b.region);
  const owner = productEntry(b.product)?.ownerLabel;
  if (owner) put(say(owner, t), b.resourceId);
  add('Shard node', b.nodeId);
  add('Backup type', b.type);
  add('Backup method', b.method);
  add('Backup mode', b.mode);
  add('Size', b.sizeBytes === undefined ? undefined : formatBytes(b.sizeBytes));
  add('Progress', b.progressPercent === undefined ? undefined : `${b.progressPercent}%`);
  add('Available', b.available === undefined ? undefined : b.available ? t('Yes') : t('No'));
  add('Parts', b.parts?.length || undefined);
  add('Start time', b.startTime && formatTime(b.startTime));
  add('End time', b.endTime && formatTime(b.endTime));
  add('Expires', b.expiry && formatExpiry(b.expiry, t));
  // Only whether a URL exists: the signed URL itself never goes into the page.
  const noDownload = productEntry(b.product)?.noDownloadUrl;
  if (b.downloadUrl) add('Download URL', t('Available'));
  else if (noDownload) add('Download URL', say(noDownload, t));
  add('Intranet download URL', b.intranetDownloadUrl ? t('Available') : undefined);
}

function resourceRows(r: Resource, t: Translate, add: Add, put: Add): void {
  const kind = kindEntry(r);
  if (kind?.idLabel) put(say(kind.idLabel, t), r.id);
  else add('ID', r.id);
  add('Name', r.name);
  add('Type', kind && say(kind.label, t));
  add('Status', r.statusText ?? statusLabel(r.status, t));
  add('Product', productTitle(r.product, t));
  add('Region', r.region);
  add('Sharded cluster', r.parentId);
  for (const [label, value] of kind?.details?.(r) ?? []) put(say(label, t), detailValue(value, t));
}

/** A catalog value as text: times in local time with their offset, messages translated. */
function detailValue(value: DetailValue, t: Translate): string | number | undefined {
  if (value instanceof Date) return formatTime(value);
  if (typeof value === 'object') return say(value.message, t, ...value.args);
  return value;
}
