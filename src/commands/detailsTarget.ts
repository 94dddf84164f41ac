import { readTimeline } from '../account/timeline';
import { CancelledError } from '../cloud/errors';
import { toCloudError } from '../cloud/errorMapping';
import { BackupNode } from '../explorer/backupNode';
import type { ExplorerNode } from '../explorer/node';
import type { Resource } from '../cloud/models';
import { kindEntry } from '../products';
import { msg, type BackupPolicy } from '../products/catalog';
import { DetailsPanel } from '../webview/detailsPanel';
import type { DetailsSubject } from '../webview/subject';
import { targetNode, type CommandDeps } from './command';

type WithDetails = ExplorerNode & ({ backup: unknown } | { resource: Resource });

const hasDetails = (node: ExplorerNode): node is WithDetails => node instanceof BackupNode || 'resource' in node;

/** What a row has to show in the details panel, if anything; says nothing when it has none. */
export function subjectOf(node: ExplorerNode): DetailsSubject | undefined {
  if (node instanceof BackupNode) return { kind: 'backup', backup: node.backup };
  if (hasDetails(node)) return { kind: 'resource', resource: (node as { resource: Resource }).resource };
  return undefined;
}

/** What Show Details and Open as JSON show: a backup, or a cluster, instance, shard node or plan. */
export function detailsSubject(deps: CommandDeps, arg: unknown): DetailsSubject | undefined {
  const node = targetNode(deps, arg, hasDetails);
  return node && subjectOf(node);
}

/** Asks for what a resource's details need requests for (its backup policy, its timeline); both arrive later. */
export async function loadDetails(deps: CommandDeps, subject: DetailsSubject): Promise<void> {
  await Promise.all([loadPolicy(deps, subject), loadTimeline(deps, subject)]);
}

/**
 * Reads a resource's backups of the last 30 days for the panel's timeline, cancelled when the panel moves on; a
 * failure shows in the panel with its code and RequestId.
 */
async function loadTimeline(deps: CommandDeps, subject: DetailsSubject): Promise<void> {
  if (subject.kind !== 'resource') return;
  const signal = DetailsPanel.readsFor(subject);
  const { pageSize, backupWindowDays } = deps.session.settings;
  try {
    const timeline = await readTimeline(deps.session.client, subject.resource, { pageSize, windowDays: backupWindowDays }, signal);
    if (!signal.aborted) DetailsPanel.refine(subject, { timeline });
  } catch (err) {
    if (err instanceof CancelledError || signal.aborted) return;
    const error = toCloudError(err, subject.resource.product, 'Timeline');
    deps.log.warn(`Backup timeline of ${subject.resource.id}: ${error.describe()}`);
    DetailsPanel.refine(subject, { timeline: { kind: 'failed', code: error.code, message: error.message, requestId: error.requestId } });
  }
}

/**
 * Asks for a resource's backup policy and adds it to the panel when it arrives; a failure is one row that says so,
 * the API's words going to the log.
 */
async function loadPolicy(deps: CommandDeps, subject: DetailsSubject): Promise<void> {
  if (subject.kind !== 'resource') return;
  const kind = kindEntry(subject.resource);
  if (!kind?.policy) return;
  let policy: BackupPolicy;
  try {
    policy = await kind.policy(deps.session.client, subject.resource, new AbortController().signal);
  } catch (err) {
    deps.log.warn(`Backup policy of ${subject.resource.id}: ${err instanceof Error ? err.message : String(err)}`);
    policy = { rows: [[msg('Backup policy'), { message: msg('could not be read; the log says why'), args: [] }]], schedule: {} };
  }
  DetailsPanel.refine(subject, { policy });
}
