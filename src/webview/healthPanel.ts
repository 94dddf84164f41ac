import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { scanHealth, type HealthRow } from '../account/health';
import type { Resource } from '../cloud/models';
import type { CommandDeps } from '../commands/command';
import { readStaleAfterHours, shownProducts } from '../config';
import type { ExplorerNode } from '../explorer/node';
import { formatTime } from './format';
import { healthRowView, verdictCounts, type HealthRowView } from './healthFormat';
import { renderHealthHtml, type HealthStatusView } from './healthHtml';

type Inbound = { type: 'ready' } | { type: 'scan' } | { type: 'cancel' } | { type: 'reveal'; key: string };
type Outbound = { type: 'reset' } | { type: 'rows'; rows: HealthRowView[] } | { type: 'status'; status: HealthStatusView };

/** The page may say anything: only these four shapes are acted on. */
function inbound(message: unknown): Inbound | undefined {
  const m = message as Partial<Record<string, unknown>> | null;
  if (typeof m !== 'object' || m === null) return undefined;
  if (m.type === 'ready' || m.type === 'scan' || m.type === 'cancel') return { type: m.type };
  if (m.type === 'reveal' && typeof m.key === 'string' && m.key.length <= 1000) return { type: 'reveal', key: m.key };
  return undefined;
}

type ScanState = 'idle' | 'scanning' | 'done' | 'cancelled' | 'noCredentials' | 'failed' | 'signedOut';

/** Rows that arrived are sent to the page at most this often, so a large account is not a message per row. */
const FLUSH_MS = 100;

/**
 * The one Backup Health panel: runs a scan (cancelling the one before), streams its rows to the page, keeps them so
 * the page can be rebuilt whenever it is shown again, and sets the view's badge when a scan finishes.
 */
export class HealthPanel {
  static readonly viewType = 'alibabaCloudBackups.health';
  private static current: HealthPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private readonly rows = new Map<string, HealthRow>();
  private unsent: HealthRow[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private scan: AbortController | undefined;
  private state: ScanState = 'idle';
  private found = 0;
  private finishedAt: Date | undefined;
  /**
   * Whether the page's script listens: what is posted before that is lost (older VS Code drops it), so nothing is
   * posted until the page says it is ready, and then it gets everything at once.
   */
  private pageReady = false;
  private staleAfterHours = readStaleAfterHours().hours;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: CommandDeps,
    private readonly onReveal: (resource: Resource) => void,
  ) {
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
    // The page is not kept while hidden: it is rebuilt from the rows when it is shown again (and catches up on what
    // is posted meanwhile once it says it is ready).
    panel.onDidChangeViewState(
      ({ webviewPanel }) => {
        if (webviewPanel.visible) this.render();
      },
      undefined,
      this.disposables,
    );
    panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m), undefined, this.disposables);
    this.render();
  }

  /** Opens (or brings forward) the panel and starts a scan. */
  static show(deps: CommandDeps, onReveal: (resource: Resource) => void): Promise<void> {
    let health = HealthPanel.current;
    if (health) health.panel.reveal();
    else {
      const media = vscode.Uri.joinPath(deps.extensionUri, 'media');
      const panel = vscode.window.createWebviewPanel(HealthPanel.viewType, vscode.l10n.t('Backup Health'), vscode.ViewColumn.Active, {
        enableScripts: true,
        localResourceRoots: [media],
        retainContextWhenHidden: false,
      });
      health = HealthPanel.current = new HealthPanel(panel, deps, onReveal);
    }
    return health.start();
  }

  /** Another identity signs now: what the last scan found is not about it. */
  static forgetScan(tree: vscode.TreeView<ExplorerNode>): void {
    tree.badge = undefined;
    const health = HealthPanel.current;
    if (!health) return;
    health.scan?.abort();
    health.scan = undefined;
    health.rows.clear();
    health.unsent = [];
    health.state = 'signedOut';
    health.render();
  }

  private async start(): Promise<void> {
    this.scan?.abort();
    const controller = new AbortController();
    this.scan = controller;
    this.deps.tree.badge = undefined;
    this.rows.clear();
    this.unsent = [];
    this.found = 0;
    this.state = 'scanning';
    this.post({ type: 'reset' });
    this.postStatus();
    try {
      if (!(await this.deps.session.connect())) return this.finish(controller, 'noCredentials');
      await this.run(controller);
    } catch (err) {
      this.deps.log.error(`Backup health scan failed: ${err instanceof Error ? err.message : String(err)}`);
      this.finish(controller, 'failed');
      throw err;
    }
    this.finish(controller, controller.signal.aborted ? 'cancelled' : 'done');
  }

  private async run(controller: AbortController): Promise<void> {
    const { client, settings } = this.deps.session;
    const threshold = readStaleAfterHours();
    if (threshold.problem) this.deps.log.warn(threshold.problem);
    this.staleAfterHours = threshold.hours;
    const title = vscode.l10n.t('Checking backup health');
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      token.onCancellationRequested(() => controller.abort());
      const scan = scanHealth(client, shownProducts(settings), {
        pageSize: settings.pageSize,
        // Listings waiting cost nothing; the client's limiter keeps requests within maxConcurrentRequests.
        concurrency: 8 * settings.maxConcurrentRequests,
        regions: settings.regions,
        staleAfterHours: threshold.hours,
        signal: controller.signal,
      });
      for await (const event of scan) {
        if (controller.signal.aborted) break;
        if (event.type === 'found') this.found = event.total;
        else {
          this.rows.set(event.row.key, event.row);
          this.unsent.push(event.row);
        }
        progress.report({ message: vscode.l10n.t('{0} of {1} resources', this.rows.size, Math.max(this.found, this.rows.size)) });
        this.flushSoon();
      }
    });
  }

  private finish(controller: AbortController, state: ScanState): void {
    // A newer scan (or a change of identity) took over: this one's end is not news.
    if (this.scan !== controller) return;
    this.scan = undefined;
    this.state = state;
    this.finishedAt = new Date();
    this.flush();
    if (state !== 'done') return;
    const { stale, failing } = verdictCounts(this.rows.values());
    this.deps.tree.badge = stale + failing > 0 ? { value: stale + failing, tooltip: vscode.l10n.t('{0} stale, {1} failing backup(s)', stale, failing) } : undefined;
  }

  private flushSoon(): void {
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const rows = this.unsent.map((row) => healthRowView(row, vscode.l10n.t));
    this.unsent = [];
    if (rows.length > 0) this.post({ type: 'rows', rows });
    this.postStatus();
  }

  private post(message: Outbound): void {
    // A hidden page is rebuilt when shown, from the rows kept here.
    if (this.panel.visible && this.pageReady) void this.panel.webview.postMessage(message);
  }

  private postStatus(): void {
    this.post({ type: 'status', status: this.statusView() });
  }

  private statusView(): HealthStatusView {
    const t = vscode.l10n.t;
    const checked = this.rows.size;
    const found = Math.max(this.found, checked);
    const c = verdictCounts(this.rows.values());
    const texts: Record<ScanState, string> = {
      idle: t('Not scanned yet.'),
      scanning: t('Checking backups: {0} of {1} resources…', checked, found),
      done: t('Checked {0} resources at {1}.', checked, this.finishedAt ? formatTime(this.finishedAt) : ''),
      cancelled: t('Cancelled after {0} of {1} resources.', checked, found),
      noCredentials: t('No credentials were found. Set an access key, then scan again.'),
      failed: t('The scan could not run. The log has the details.'),
      signedOut: t('The credentials changed. Scan again to check the backups of the new identity.'),
    };
    return {
      scanning: this.state === 'scanning',
      checked,
      found,
      text: texts[this.state],
      summary: t('{0} OK, {1} stale, {2} failing, {3} without a backup, {4} unknown', c.ok, c.stale, c.failing, c.none, c.unknown),
    };
  }

  private render(): void {
    const { webview } = this.panel;
    const media = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'media', file)).toString();
    // Everything unsent is in the rebuilt page, and the page catches up on what comes before it is ready.
    this.unsent = [];
    this.pageReady = false;
    webview.html = renderHealthHtml(
      {
        cspSource: webview.cspSource,
        // A fresh nonce per render: a page never reuses one it may have leaked.
        nonce: randomBytes(16).toString('base64'),
        styleUri: media('health.css'),
        scriptUri: media('health.js'),
        lang: vscode.env.language,
        staleAfterHours: this.staleAfterHours,
        rows: [...this.rows.values()].map((row) => healthRowView(row, vscode.l10n.t)),
        status: this.statusView(),
      },
      vscode.l10n.t,
    );
  }

  private onMessage(message: unknown): void {
    const m = inbound(message);
    if (m?.type === 'ready') {
      this.pageReady = true;
      this.unsent = [];
      this.post({ type: 'reset' });
      this.post({ type: 'rows', rows: [...this.rows.values()].map((row) => healthRowView(row, vscode.l10n.t)) });
      this.postStatus();
    } else if (m?.type === 'scan') {
      this.start().catch(() => this.showFailure());
    } else if (m?.type === 'cancel') {
      this.scan?.abort();
    } else if (m?.type === 'reveal') {
      const resource = this.rows.get(m.key)?.resource;
      if (resource) this.onReveal(resource);
    }
  }

  /** In our words only: the reason (which may quote a response) is in the log. */
  private showFailure(): void {
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window.showErrorMessage(vscode.l10n.t('The backup health scan failed. The log has the details.'), showLog).then((choice) => {
      if (choice === showLog) this.deps.log.show(true);
    });
  }

  private dispose(): void {
    this.scan?.abort();
    clearTimeout(this.flushTimer);
    if (HealthPanel.current === this) HealthPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
