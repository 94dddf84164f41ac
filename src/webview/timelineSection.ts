// The details panel's timeline section for a resource: the picture with its key and caption once the backups are
// read, "Loading backups…" until then, or the reason it could not be read. Every string is translated here.
import { TIMELINE_DAYS } from '../account/timeline';
import type { StatusFamily } from '../cloud/models';
import { kindEntry } from '../products';
import type { BackupSchedule } from '../products/catalog';
import { namesWhen } from '../products/schedule';
import { escapeHtml, statusLabel } from './format';
import type { ResourceSubject, Translate } from './subject';
import { expectedTimes, timelineLegend, timelineSvg, type LegendLabels } from './timeline';

const FAMILIES: readonly StatusFamily[] = ['success', 'running', 'failed', 'paused', 'pending', 'unknown'];

export function timelineSection(subject: ResourceSubject, t: Translate): string {
  const heading = t('Backups in the last {0} days', TIMELINE_DAYS);
  const open = `<section id="timeline" aria-labelledby="timeline-heading">\n<h2 id="timeline-heading">${escapeHtml(heading)}</h2>\n`;
  const close = '\n</section>';
  const state = subject.timeline;
  const note = (cls: string, text: string): string => `<p class="${cls}">${escapeHtml(text)}</p>`;
  if (!state) return open + note('timeline-note timeline-loading', t('Loading backups…')) + close;
  if (state.kind === 'failed') {
    const lines = [t('Could not read the backups: {0}', `${state.code}: ${state.message}`)];
    if (state.requestId) lines.push(t('RequestId: {0}', state.requestId));
    return open + `<p class="timeline-error" role="alert">${lines.map(escapeHtml).join('<br>')}</p>` + close;
  }
  if (state.kind === 'resources') {
    return open + note('timeline-note', t('Backups are kept by the {0} nodes listed under it: select one to see its timeline.', state.count)) + close;
  }
  const kind = kindEntry(subject.resource);
  // While the policy is still being read, the caption waits for it rather than saying the schedule is unknown.
  const policyPending = kind?.policy !== undefined && subject.policy === undefined;
  const read = kind?.listedSchedule?.(subject.resource) ?? subject.policy?.schedule;
  const schedule = namesWhen(read) ? read : undefined;
  const svg = timelineSvg({
    backups: state.backups,
    window: state.window,
    schedule,
    readFrom: state.readFrom,
    labels: {
      chart: heading,
      empty: t('No backups in the last {0} days', TIMELINE_DAYS),
      status: Object.fromEntries(FAMILIES.map((f) => [f, statusLabel(f, t)])) as Record<StatusFamily, string>,
      sizeUnknown: t('Size unknown'),
      gap: (hours, from, to) => t('No successful backup for {0} h: {1} to {2}', hours, from, to),
      expected: (time) => t('Scheduled backup: {0}', time),
      notRead: (before) => t('Not read: backups before {0}', before),
    },
  });
  const legend: Partial<LegendLabels> = {
    success: statusLabel('success', t),
    failed: statusLabel('failed', t),
    running: statusLabel('running', t),
    other: t('Other status'),
    gap: t('No successful backup for longer than usual'),
  };
  if (expectedTimes(schedule, state.window).length > 0) legend.expected = t('Scheduled time');
  const failed = state.backups.filter((b) => b.status === 'failed').length;
  const unplaced = state.backups.filter((b) => !b.startTime).length;
  const caption = [t('{0} backups, {1} failed', state.backups.length, failed)];
  if (!policyPending) caption.push(schedule ? t('Schedule: {0}', describe(schedule, t)) : t('Schedule unknown'));
  if (state.readFrom) caption.push(t('Only the newest {0} backups were read.', state.backups.length));
  if (unplaced > 0) caption.push(t('{0} backups have no start time and are not shown.', unplaced));
  return open + `${svg}\n${timelineLegend(legend)}\n<p class="timeline-caption">${caption.map(escapeHtml).join(' · ')}</p>` + close;
}

/** "Monday,Wednesday at 18:00Z-19:00Z (2/24H)": the API's own words. */
function describe(schedule: BackupSchedule, t: Translate): string {
  const { days, time, frequency } = schedule;
  const when = days && time ? t('{0} at {1}', days, time) : (days ?? time ?? '');
  return frequency ? `${when} (${frequency})` : when;
}
