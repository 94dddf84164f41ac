import * as vscode from 'vscode';
import { rawJsonText, subjectId, subjectProduct, type DetailsSubject } from './subject';

export const JSON_SCHEME = 'alibaba-cloud-backups';

/**
 * Serves the redacted JSON it was handed; documents of a content provider are read-only by nature. A text lives
 * as long as a tab shows it, so browsing many backups does not pile them up (VS Code reports the document
 * itself closed only minutes later).
 */
class RawJsonProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [
    this.changed,
    vscode.workspace.registerTextDocumentContentProvider(JSON_SCHEME, this),
    vscode.window.tabGroups.onDidChangeTabs((e) => this.dropClosed(e.closed)),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === JSON_SCHEME) this.texts.delete(doc.uri.toString());
    }),
  ];

  /** Forgets the texts of closed tabs that no other tab still shows. */
  private dropClosed(closed: readonly vscode.Tab[]): void {
    const uriOf = (tab: vscode.Tab): string | undefined => (tab.input instanceof vscode.TabInputText ? tab.input.uri.toString() : undefined);
    const gone = new Set(closed.map(uriOf).filter((uri): uri is string => uri !== undefined && this.texts.has(uri)));
    if (gone.size === 0) return;
    for (const group of vscode.window.tabGroups.all) for (const tab of group.tabs) gone.delete(uriOf(tab) ?? '');
    for (const uri of gone) this.texts.delete(uri);
  }

  get size(): number {
    return this.texts.size;
  }

  set(uri: vscode.Uri, text: string): void {
    const key = uri.toString();
    const previous = this.texts.get(key);
    this.texts.set(key, text);
    // An already open document only refreshes when told to.
    if (previous !== undefined && previous !== text) this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? vscode.l10n.t('// Closed. Open it again from the Backups view (Open as JSON).');
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.texts.clear();
  }
}

let provider: RawJsonProvider | undefined;

/** Ties the provider's lifetime to the extension; the provider itself is only created on first use. */
export function register(context: vscode.ExtensionContext): void {
  context.subscriptions.push({
    dispose: () => {
      provider?.dispose();
      provider = undefined;
    },
  });
}

/** How many JSON texts are held now (for tests: closed documents must not keep theirs). */
export function heldJsonDocuments(): number {
  return provider?.size ?? 0;
}

/** One document per product, region and ID: the same ID in two regions is two different things. */
export function jsonUriFor(subject: DetailsSubject): vscode.Uri {
  // A "/" in an ID or region would otherwise add a path segment.
  const segment = (text: string): string => text.replace(/[/\\]/g, '_') || '_';
  const region = subject.kind === 'backup' ? subject.backup.region : subject.resource.region;
  return vscode.Uri.from({ scheme: JSON_SCHEME, path: `/${segment(subjectProduct(subject))}/${segment(region)}/${segment(subjectId(subject))}.json` });
}

/** Opens the subject's redacted raw API object as a read-only JSON editor. */
export async function openAsJson(subject: DetailsSubject): Promise<vscode.TextEditor> {
  provider ??= new RawJsonProvider();
  const uri = jsonUriFor(subject);
  provider.set(uri, rawJsonText(subject, vscode.l10n.t));
  let doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== 'json') doc = await vscode.languages.setTextDocumentLanguage(doc, 'json');
  return vscode.window.showTextDocument(doc, { preview: true });
}
