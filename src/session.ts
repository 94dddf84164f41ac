import * as vscode from 'vscode';
import { describeCredentials, type CredentialService } from './auth/credentialService';
import { CloudClient, type CallRecord } from './cloud/client';
import { CredentialSourceError, type ResolvedCredentials } from './cloud/credentials';
import { Limiter } from './cloud/limiter';
import type { ProxyConfig } from './cloud/proxy';
import { readSettings, type ExplorerSettings } from './config';
import type { Connection } from './explorer/node';
import { describeProxyConfig, readProxy } from './proxySettings';

/** Who signs after a lookup: nobody (nothing configured), the credentials found, or a configured source that fails. */
export type Identity =
  | { state: 'none' }
  | { state: 'signed'; credentials: ResolvedCredentials }
  | { state: 'failed'; error: CredentialSourceError };

/** The client of one identity and what the status lines say about that identity. */
interface Connected {
  client: CloudClient;
  credentials: ResolvedCredentials;
}

/**
 * The explorer's connection to the cloud: current settings, the credentials in use and the one client built
 * from both. Rebuilt when a setting or the stored key changes; nodes only ever borrow it.
 */
export class Session implements Connection {
  private current: Connected | undefined;
  /** The lookup under way: the tree and the status bar asking at once share it (a role is assumed once). */
  private connecting: Promise<ResolvedCredentials | undefined> | undefined;
  /** Counts disconnects, so a lookup that started before one never decides what is in use now. */
  private generation = 0;
  private readonly identityFound = new vscode.EventEmitter<Identity>();
  /** Fired when a lookup for the identity in use now ends, whoever asked for it. */
  readonly onDidFindIdentity = this.identityFound.event;
  settings: ExplorerSettings = readSettings();
  /** The proxy of the last connect, for the requests made beside the client (downloads). */
  proxy: ProxyConfig | undefined;
  /** One cap on requests in flight for the whole extension, across the clients that refreshes replace. */
  private readonly limiter = new Limiter(this.settings.maxConcurrentRequests);

  constructor(
    private readonly credentials: CredentialService,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get client(): CloudClient {
    if (!this.current) throw new Error('The explorer is not connected.');
    return this.current.client;
  }

  /** The view's description: who signs, and whether requests go somewhere other than the public endpoints. */
  get description(): string | undefined {
    if (!this.current) return undefined;
    const overridden = Object.keys(this.settings.endpointOverrides);
    const parts = [describeCredentials(this.current.credentials)];
    if (overridden.length > 0) parts.push(vscode.l10n.t('Endpoint override: {0}', overridden.join(', ')));
    return parts.join(' · ');
  }

  /**
   * Finds credentials and builds the client; undefined when there are no credentials anywhere. Rejects with
   * CredentialSourceError when a configured source fails.
   */
  connect(): Promise<ResolvedCredentials | undefined> {
    if (this.current) return Promise.resolve(this.current.credentials);
    return (this.connecting ??= this.lookUp());
  }

  private async lookUp(): Promise<ResolvedCredentials | undefined> {
    const generation = this.generation;
    let found: Connected | undefined;
    try {
      found = await this.open();
    } catch (err) {
      // The identity changed while this lookup ran: whoever asked gets the one in use now.
      if (generation !== this.generation) return this.connect();
      this.connecting = undefined;
      if (err instanceof CredentialSourceError) this.identityFound.fire({ state: 'failed', error: err });
      throw err;
    }
    if (generation !== this.generation) return this.connect();
    this.connecting = undefined;
    this.current = found;
    this.identityFound.fire(found ? { state: 'signed', credentials: found.credentials } : { state: 'none' });
    return found?.credentials;
  }

  private async open(): Promise<Connected | undefined> {
    this.settings = readSettings();
    const { proxy, problem } = readProxy();
    this.reportSettingProblems(problem ? [...this.settings.problems, problem] : this.settings.problems);
    this.logProxy(proxy);
    const source = await this.credentials.source(this.settings.useEcsMetadata);
    const found = await this.credentials.resolve(source);
    if (!found) return undefined;
    const client = new CloudClient(
      { endpointOverrides: this.settings.endpointOverrides, timeoutMs: this.settings.timeoutMs, maxConcurrentRequests: this.settings.maxConcurrentRequests, language: vscode.env.language, proxy },
      source,
      (record) => this.logCall(record),
      this.limiter,
    );
    return { client, credentials: found };
  }

  /** Drops the client so the next load reconnects with fresh settings and credentials. */
  disconnect(): void {
    this.current = undefined;
    this.connecting = undefined;
    this.generation++;
  }

  private reportedProblems = '';

  /** Says once (per change) which settings could not be used, where the user can fix them. */
  private reportSettingProblems(problems: string[]): void {
    const text = problems.join(' ');
    if (text === this.reportedProblems) return;
    this.reportedProblems = text;
    if (!text) return;
    for (const problem of problems) this.log.warn(problem);
    const open = vscode.l10n.t('Open Settings');
    void vscode.window.showWarningMessage(text, open).then((choice) => {
      if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'alibabaCloudBackups');
    });
  }

  private loggedProxy = '';

  /** Says where requests go whenever that changes. */
  private logProxy(proxy: ProxyConfig | undefined): void {
    this.proxy = proxy;
    const line = describeProxyConfig(proxy);
    if (line !== this.loggedProxy) this.log.info(line);
    this.loggedProxy = line;
  }

  private logCall(record: CallRecord): void {
    const line = `${record.product} ${record.action} ${record.region} attempt ${record.attempt} ${record.durationMs} ms ${record.outcome}${record.requestId ? ` RequestId ${record.requestId}` : ''}${record.error ? ` ${record.error}` : ''}`;
    if (record.outcome === 'ok') this.log.info(line);
    else if (record.outcome === 'cancelled') this.log.debug(line);
    else this.log.warn(line);
  }
}
