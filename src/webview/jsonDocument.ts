import * as vscode from 'vscode';
import { rawJsonText, subjectId, subjectProduct, type DetailsSubject } from './subject';

export const JSON_SCHEME = 'alibaba-cloud-backups';

/**
 * Serves the redacted JSON it was handed; documents of a content provider are read-only by nature.
 * Texts are kept after a document closes so "Reopen Closed Editor" still has content (each is a few KB).
 */
class RawJsonProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [
    this.changed,
    vscode.workspace.registerTextDocumentContentProvider(JSON_SCHEME, this),
  ];

  set(uri: vscode.Uri, text: string): void {
    const key = uri.toString();
    const previous = this.texts.get(key);
    this.texts.set(key, text);
    // An already open document only refreshes when told to.
    if (previous !== undefined && previous !== text) this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
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

function jsonUriFor(subject: DetailsSubject): vscode.Uri {
  // A "/" in an ID would otherwise add a path segment.
  const id = subjectId(subject).replace(/[/\\]/g, '_') || '_';
  return vscode.Uri.from({ scheme: JSON_SCHEME, path: `/${subjectProduct(subject)}/${id}.json` });
}

/** Opens the subject's redacted raw API object as a read-only JSON editor. */
export async function openAsJson(subject: DetailsSubject): Promise<vscode.TextEditor> {
  provider ??= new RawJsonProvider();
  const uri = jsonUriFor(subject);
  provider.set(uri, rawJsonText(subject));
  let doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== 'json') doc = await vscode.languages.setTextDocumentLanguage(doc, 'json');
  return vscode.window.showTextDocument(doc, { preview: true });
}
