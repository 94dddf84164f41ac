import { BackupNode } from '../explorer/backupNode';
import type { ExplorerNode } from '../explorer/node';
import type { Resource } from '../cloud/models';
import { kindEntry } from '../products';
import { msg, type DetailRow } from '../products/catalog';
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

/**
 * Asks for what a resource's details need a request for (its backup policy) and adds it to the panel when it
 * arrives; a failure is one row that says so, the API's words going to the log.
 */
export async function loadPolicy(deps: CommandDeps, subject: DetailsSubject): Promise<void> {
  if (subject.kind !== 'resource') return;
  const kind = kindEntry(subject.resource);
  if (!kind?.policy) return;
  let policy: DetailRow[];
  try {
    policy = await kind.policy(deps.session.client, subject.resource, new AbortController().signal);
  } catch (err) {
    deps.log.warn(`Backup policy of ${subject.resource.id}: ${err instanceof Error ? err.message : String(err)}`);
    policy = [[msg('Backup policy'), { message: msg('could not be read; the log says why'), args: [] }]];
  }
  DetailsPanel.refine({ ...subject, policy });
}
