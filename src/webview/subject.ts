import type { Backup, Resource } from '../cloud/models';
import { redact } from '../cloud/redact';
import { isRawObject, type RawObject, type RawValue } from '../cloud/types';

/** What the details panel and the JSON document show: one backup or one resource (cluster, node or DBS plan). */
export type DetailsSubject = { kind: 'backup'; backup: Backup } | { kind: 'resource'; resource: Resource };

/** Injected translator (the extension passes `vscode.l10n.t`) so this code stays free of `vscode`. */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

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
  const { kind, id } = subject.resource;
  switch (kind) {
    case 'adbCluster':
      return t('Cluster {0}', id);
    case 'ddsReplicaSet':
      return t('Replica set {0}', id);
    case 'ddsShardedCluster':
      return t('Sharded cluster {0}', id);
    case 'ddsShardNode':
      return t('Shard node {0}', id);
    case 'dbsPlan':
      return t('Plan {0}', id);
  }
}

/** The raw API object with every string redacted: download URLs carry OSS signatures that must not leave. */
export function rawJsonFor(subject: DetailsSubject): RawObject {
  const raw = subject.kind === 'backup' ? subject.backup.raw : subject.resource.raw;
  return redactDeep(raw) as RawObject;
}

export function rawJsonText(subject: DetailsSubject): string {
  return JSON.stringify(rawJsonFor(subject), null, 2);
}

function redactDeep(value: RawValue): RawValue {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map(redactDeep);
  if (isRawObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item)]));
  return value;
}
