import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { detailsView } from './html';
import { rawJsonText, subjectId, titleFor, type DetailsSubject, type ResourceSubject } from './subject';

type CopyMessage = { type: 'copy'; what: 'json' | 'id' };

function isCopyMessage(message: unknown): message is CopyMessage {
  const m = message as Partial<CopyMessage> | null;
  return typeof m === 'object' && m !== null && m.type === 'copy' && (m.what === 'json' || m.what === 'id');
}

/** What a subject is, across fetches: product, region and ID. */
function subjectKey(subject: DetailsSubject): string {
  const { product, region, id } = subject.kind === 'backup' ? subject.backup : subject.resource;
  return `${subject.kind}/${product}/${region}/${id}`;
}

/** One details panel, reused as the selection changes and re-created after the user closes it. */
export class DetailsPanel {
  static readonly viewType = 'alibabaCloudBackups.details';
  private static current: DetailsPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  /** Cancels what is being read for the subject shown; replaced with each subject shown, aborted on close. */
  private reads = new AbortController();

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private subject: DetailsSubject,
  ) {
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
    panel.webview.onDidReceiveMessage(
      (m: unknown) => this.onMessage(m).catch((err: unknown) => vscode.window.showErrorMessage(vscode.l10n.t('Could not copy: {0}', String(err)))),
      undefined,
      this.disposables,
    );
    this.render();
  }

  /**
   * Adds what arrived later (backup policy rows, the timeline) if the panel still shows that resource; what arrived
   * earlier stays.
   */
  static refine(subject: DetailsSubject, addition: Partial<Pick<ResourceSubject, 'policy' | 'timeline'>>): void {
    const existing = DetailsPanel.current;
    if (!existing || existing.subject.kind !== 'resource' || subjectKey(existing.subject) !== subjectKey(subject)) return;
    existing.subject = { ...existing.subject, ...addition };
    existing.render();
  }

  /**
   * The signal of what is read for this subject: aborted once the panel shows another subject (or this one anew)
   * or closes; already aborted if the panel does not show it.
   */
  static readsFor(subject: DetailsSubject): AbortSignal {
    const existing = DetailsPanel.current;
    return existing && subjectKey(existing.subject) === subjectKey(subject) ? existing.reads.signal : AbortSignal.abort();
  }

  /** Shows a subject only if the panel is open already (then true): the panel follows the tree selection. */
  static update(subject: DetailsSubject): boolean {
    const existing = DetailsPanel.current;
    if (!existing) return false;
    existing.showSubject(subject);
    return true;
  }

  /** Another identity signs now: the resource shown is the old identity's, and its reads are cancelled. */
  static close(): void {
    DetailsPanel.current?.panel.dispose();
  }

  static show(extensionUri: vscode.Uri, subject: DetailsSubject): void {
    const existing = DetailsPanel.current;
    if (existing) {
      existing.showSubject(subject);
      // Keep focus where it is so arrowing through the tree keeps updating the panel.
      existing.panel.reveal(undefined, true);
      return;
    }
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(
      DetailsPanel.viewType,
      titleFor(subject, vscode.l10n.t),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: false },
    );
    DetailsPanel.current = new DetailsPanel(panel, extensionUri, subject);
  }

  private showSubject(subject: DetailsSubject): void {
    this.reads.abort();
    this.reads = new AbortController();
    this.subject = subject;
    this.render();
  }

  private render(): void {
    const { webview } = this.panel;
    const media = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file)).toString();
    // Everything is computed before anything is assigned, so the title and the page always show the same subject.
    const view = detailsView(
      this.subject,
      {
        cspSource: webview.cspSource,
        // A fresh nonce per render: a page never reuses one it may have leaked.
        nonce: randomBytes(16).toString('base64'),
        styleUri: media('details.css'),
        scriptUri: media('details.js'),
        lang: vscode.env.language,
      },
      vscode.l10n.t,
    );
    this.panel.title = view.title;
    webview.html = view.html;
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isCopyMessage(message)) return;
    if (message.what === 'json') {
      await vscode.env.clipboard.writeText(rawJsonText(this.subject, vscode.l10n.t));
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied JSON to the clipboard'), 3000);
    } else {
      const id = subjectId(this.subject);
      await vscode.env.clipboard.writeText(id);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0} to the clipboard', id), 3000);
    }
  }

  private dispose(): void {
    this.reads.abort();
    if (DetailsPanel.current === this) DetailsPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
