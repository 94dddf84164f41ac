import { BackupNode } from '../explorer/backupNode';
import type { ExplorerNode } from '../explorer/node';
import type { Resource } from '../cloud/models';
import type { DetailsSubject } from '../webview/subject';
import { targetNode, type CommandDeps } from './command';

type WithDetails = ExplorerNode & ({ backup: unknown } | { resource: Resource });

const hasDetails = (node: ExplorerNode): node is WithDetails => node instanceof BackupNode || 'resource' in node;

/** What Show Details and Open as JSON show: a backup, or a cluster, instance, shard node or plan. */
export function detailsSubject(deps: CommandDeps, arg: unknown): DetailsSubject | undefined {
  const node = targetNode(deps, arg, hasDetails);
  if (!node) return undefined;
  if (node instanceof BackupNode) return { kind: 'backup', backup: node.backup };
  return { kind: 'resource', resource: (node as { resource: Resource }).resource };
}
