import type * as vscode from 'vscode';
import type { CloudClient } from '../cloud/client';
import type { CloudError } from '../cloud/errors';
import type { ExplorerSettings } from '../config';

/** One row of the Backups tree. */
export interface ExplorerNode {
  readonly id: string;
  readonly parent?: ExplorerNode;
  getTreeItem(): vscode.TreeItem;
  getChildren?(): Promise<ExplorerNode[]>;
  /** Forgets loaded children (and cancels their loads) so the next expand asks the cloud again. */
  reset?(): void;
}

/** The cloud side of what nodes use: the current client and settings (the Session); nodes never build either. */
export interface Connection {
  readonly client: CloudClient;
  readonly settings: ExplorerSettings;
}

/** What nodes are handed: the connection, and the tree side (the provider): redraws, progress, status rows. */
export interface ExplorerContext extends Connection {
  /** Tells the tree a node's children changed (the whole tree when omitted). */
  changed(node?: ExplorerNode): void;
  /** Shows progress in the view while a load runs. */
  withProgress<T>(task: Promise<T>): Promise<T>;
  readonly rows: StatusRows;
}

/**
 * How far a paged list moved after its first page: at least this many items were added and removed. Paging is
 * by offset, so either shifts the later pages: additions repeat items, removals skip some unseen.
 */
export interface ListDrift {
  added: number;
  removed: number;
}

/** Builds the rows a list adds after its items; kept apart so the paging logic needs no `vscode`. */
export interface StatusRows {
  error(id: string, parent: ExplorerNode, error: CloudError, retry: () => void): ExplorerNode;
  loadMore(id: string, parent: ExplorerNode, shown: number, total: number, loading: boolean, loadMore: () => void): ExplorerNode;
  /** "Load older… (before 2026-11-22)": the next time window of a list that is read a window at a time. */
  loadOlder(id: string, parent: ExplorerNode, before: Date, loading: boolean, loadOlder: () => void): ExplorerNode;
  /** "3 new since loaded — refresh"; optional so contexts without a tree (the benchmark's) need not build one. */
  drift(id: string, parent: ExplorerNode, drift: ListDrift, refresh: () => void): ExplorerNode;
}

export const VIEW_ID = 'alibabaCloudBackups.explorer';
