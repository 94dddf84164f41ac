import { BackupNode } from '../explorer/backupNode';
import type { ExplorerNode } from '../explorer/node';
import type { Resource } from '../cloud/models';
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
