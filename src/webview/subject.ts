import type { TimelineRead } from '../account/timeline';
import type { Backup, Resource } from '../cloud/models';
import { isSecretKey, redact } from '../cloud/redact';
import type { RawObject, RawValue } from '../cloud/types';
import { kindEntry } from '../products';
import { say, type BackupPolicy, type Translate } from '../products/catalog';

/**
 * What the details panel and the JSON document show: one backup or one resource (cluster, node or DBS plan). What
 * takes a request arrives later: the policy rows, and the timeline of recent backups (absent while it is read).
 */
export type DetailsSubject = { kind: 'backup'; backup: Backup } | ResourceSubject;

export interface ResourceSubject {
  kind: 'resource';
  resource: Resource;
  policy?: BackupPolicy;
  timeline?: TimelineState;
}

/** The timeline once read, or why it could not be: the API's code, message and RequestId. */
export type TimelineState = TimelineRead | { kind: 'failed'; code: string; message: string; requestId?: string };

export type { Translate } from '../products/catalog';

/** Stand-in for `vscode.l10n.t` outside VS Code: fills `{0}`, `{1}`… and returns English. */
export const untranslated: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));

export function subjectId(subject: DetailsSubject): string {
  return subject.kind === 'backup' ? subject.backup.id : subject.resource.id;
}

export function subjectProduct(subject: DetailsSubject): string {
  return subject.kind === 'backup' ? subject.backup.product : subject.resource.product;
}

export function titleFor(subject: DetailsSubject, t: Translate = untranslated): string {
  if (subject.kind === 'backup') return t('Backup {0}', subject.backup.id);
  const { id } = subject.resource;
  const kind = kindEntry(subject.resource);
  return kind ? say(kind.title, t, id) : id;
}

/** The raw API object, redacted and bounded (see prepareJson): download URLs carry OSS signatures that must not leave. */
export function rawJsonFor(subject: DetailsSubject, t: Translate = untranslated): RawObject {
  const raw = subject.kind === 'backup' ? subject.backup.raw : subject.resource.raw;
  return prepareJson(raw, t) as RawObject;
}

export function rawJsonText(subject: DetailsSubject, t: Translate = untranslated): string {
  return JSON.stringify(rawJsonFor(subject, t), null, 2);
}

/**
 * How much of a raw API object the details page and the JSON views show. Real responses stay far below; the worst
 * case (a megabyte of quote characters, each shown as \&quot;) is about 7 MB of HTML, built in a few hundred ms.
 */
export const JSON_LIMITS = { depth: 64, nodes: 20_000, chars: 1_000_000, stringChars: 65_536 } as const;

interface Common {
  next: number;
  depth: number;
  secret: boolean;
}
type Frame =
  | (Common & { source: unknown[]; out: RawValue[]; keys?: undefined })
  | (Common & { source: Record<string, unknown>; out: RawObject; keys: string[] });

/**
 * A copy that is safe to stringify and to show: every key and string redacted, the values of secret keys hidden,
 * containers deeper than JSON_LIMITS.depth and whatever exceeds the node and text budgets replaced by visible markers.
 * Iterative (an explicit stack), so no input depth can overflow the call stack.
 */
export function prepareJson(root: unknown, t: Translate = untranslated): RawValue {
  let nodes = 0;
  let chars = 0;
  const stack: Frame[] = [];
  const text = (s: string): string => {
    const shown = cut(redact(s), t);
    chars += shown.length;
    return shown;
  };
  // Leaves are copied at once; a container gets an empty copy and a frame that fills it later.
  const copy = (value: unknown, depth: number, secret: boolean): RawValue => {
    nodes++;
    if (value === null || typeof value === 'boolean') return value;
    if (typeof value === 'number') return secret ? REDACTED : value;
    if (typeof value !== 'object') return secret ? REDACTED : text(String(value));
    if (depth >= JSON_LIMITS.depth) return t('… (nested too deeply to show)');
    const common = { next: 0, depth: depth + 1, secret };
    if (Array.isArray(value)) {
      const out: RawValue[] = [];
      stack.push({ ...common, source: value, out });
      return out;
    }
    const out: RawObject = {};
    stack.push({ ...common, source: value as Record<string, unknown>, out, keys: Object.keys(value) });
    return out;
  };
  const top = copy(root, 0, false);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const size = frame.keys ? frame.keys.length : frame.source.length;
    if (frame.next >= size) {
      stack.pop();
    } else if (nodes >= JSON_LIMITS.nodes || chars >= JSON_LIMITS.chars) {
      const more = t('… ({0} more not shown)', size - frame.next);
      if (frame.keys) put(frame.out, '…', more);
      else frame.out.push(more);
      stack.pop();
    } else if (frame.keys) {
      const key = frame.keys[frame.next++];
      put(frame.out, text(key), copy(frame.source[key], frame.depth, frame.secret || isSecretKey(key)));
    } else {
      frame.out.push(copy(frame.source[frame.next++], frame.depth, frame.secret));
    }
  }
  return top;
}

const REDACTED = '<redacted>';

/** Long strings keep their start; the cut never splits a surrogate pair. */
function cut(s: string, t: Translate): string {
  if (s.length <= JSON_LIMITS.stringChars) return s;
  let end = JSON_LIMITS.stringChars;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return s.slice(0, end) + t('… ({0} more characters)', s.length - end);
}

/** A plain assignment would turn a "__proto__" key into the copy's prototype instead of a property. */
function put(target: RawObject, key: string, value: RawValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
