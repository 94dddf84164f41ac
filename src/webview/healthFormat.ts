// A health row as the Backup Health panel shows it: every cell as text in the user's language (translated and
// redacted here, on the extension side), a tooltip and a sort key per column. Pure, so plain mocha can check it.
import type { HealthError, HealthRow } from '../account/health';
import { HOUR_MS, type Verdict } from '../account/healthVerdict';
import { redact } from '../cloud/redact';
import { productEntry } from '../products';
import { say } from '../products/catalog';
import { formatTime } from './format';
import type { Translate } from './subject';

/** The table's columns, in order; the page, its script and the row views agree on it. */
export const HEALTH_COLUMNS = ['verdict', 'product', 'region', 'resource', 'name', 'latest', 'age', 'failures', 'cadence', 'retention'] as const;

export const VERDICTS: readonly Verdict[] = ['failing', 'stale', 'none', 'unknown', 'ok'];

/** What sorts last whatever the direction means "never" or "not known": the largest exact JSON integer. */
const NEVER = Number.MAX_SAFE_INTEGER;

export interface HealthRowView {
  key: string;
  verdict: Verdict;
  /** Product code and region ID, for the filters. */
  product: string;
  productLabel: string;
  region: string;
  /** Whether a click has a resource to show (a listing that failed has none). */
  revealable: boolean;
  /** One per column of HEALTH_COLUMNS. */
  cells: string[];
  /** A tooltip per column, '' for none. */
  titles: string[];
  /** A sort key per column. */
  sort: Array<string | number>;
}

export function verdictLabel(verdict: Verdict, t: Translate): string {
  switch (verdict) {
    case 'ok':
      return t('OK');
    case 'stale':
      return t('Stale');
    case 'failing':
      return t('Failing');
    case 'none':
      return t('No backup');
    case 'unknown':
      return t('Unknown');
  }
}

/** "45 min", "5 h", "3 d": coarse enough to read at a glance; the exact time is in the column before. */
export function formatAge(ms: number, t: Translate): string {
  if (ms < HOUR_MS) return t('{0} min', Math.max(0, Math.floor(ms / 60_000)));
  if (ms < 48 * HOUR_MS) return t('{0} h', Math.floor(ms / HOUR_MS));
  return t('{0} d', Math.floor(ms / (24 * HOUR_MS)));
}

/** "every 12 h", "every 3 d"; a fraction of an hour in minutes. */
export function formatInterval(hours: number, t: Translate): string {
  if (hours < 1) return t('every {0} min', Math.round(hours * 60));
  if (hours < 48 || hours % 24 !== 0) return t('every {0} h', Math.round(hours * 10) / 10);
  return t('every {0} d', hours / 24);
}

/** "InternalError · RequestId 6F1E…": what support asks for, never the API's message (that goes in the tooltip). */
export function formatError(error: HealthError): string {
  return redact(error.requestId ? `${error.code} · RequestId ${error.requestId}` : error.code);
}

export function healthRowView(row: HealthRow, t: Translate): HealthRowView {
  const { history, cadence, retention, resource } = row;
  const entry = productEntry(row.product);
  const productLabel = entry ? say(entry.title, t) : row.product;
  const latest = history?.latestSuccess;
  const age = latest && row.checkedAt - latest.getTime();
  const failures = history ? (row.failuresAtLeast ? t('at least {0}', history.failures) : String(history.failures)) : '';
  const cadenceText = cadence ? `${formatInterval(cadence.hours, t)} · ${cadence.from === 'policy' ? t('policy') : t('observed')}` : '';
  const retentionText = !retention ? '' : `${'forever' in retention ? t('kept forever') : t('{0} days', retention.days)}${retention.from === 'observed' ? ` · ${t('observed')}` : ''}`;
  // The error on a line of its own under the verdict.
  const verdictText = row.error ? `${verdictLabel(row.verdict, t)}\n${formatError(row.error)}` : verdictLabel(row.verdict, t);
  const errorTitle = (e: HealthError | undefined, what: string): string => (e ? t('{0}: {1} ({2})', what, redact(e.message), e.action) : '');
  const id = redact(resource?.id ?? '');
  const name = redact(resource?.name ?? '');
  return {
    key: redact(row.key),
    verdict: row.verdict,
    product: row.product,
    productLabel,
    region: row.region ?? '',
    revealable: resource !== undefined,
    cells: [
      verdictText,
      productLabel,
      row.region ?? '',
      id || '—',
      resource ? name : t('The resource list could not be read'),
      // To the minute in the cell; the seconds and the UTC offset in its tooltip.
      latest ? formatTime(latest).slice(0, 16) : '—',
      age === undefined ? '—' : formatAge(age, t),
      failures,
      cadenceText,
      retentionText,
    ],
    titles: [errorTitle(row.error, t('Could not be read')), '', '', '', '', latest ? formatTime(latest) : '', '', '', errorTitle(row.policyError, t('The backup policy could not be read')), ''],
    sort: [
      VERDICTS.indexOf(row.verdict),
      productLabel,
      row.region ?? '',
      id,
      name,
      latest?.getTime() ?? -1,
      age ?? NEVER,
      history?.failures ?? -1,
      cadence?.hours ?? NEVER,
      !retention ? -1 : 'forever' in retention ? NEVER : retention.days,
    ],
  };
}

/** How many rows of each verdict: the badge counts stale and failing ones. */
export function verdictCounts(rows: Iterable<Pick<HealthRow, 'verdict'>>): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { ok: 0, stale: 0, failing: 0, none: 0, unknown: 0 };
  for (const row of rows) counts[row.verdict]++;
  return counts;
}
