import * as vscode from 'vscode';
import { describeCredentials, type CredentialService } from './auth/credentialService';
import { CloudClient, type CallRecord } from './cloud/client';
import type { ResolvedCredentials } from './cloud/credentials';
import { Limiter } from './cloud/limiter';
import type { ProxyConfig } from './cloud/proxy';
import { readSettings, type ExplorerSettings } from './config';
import type { Connection } from './explorer/node';
import { describeProxyConfig, readProxy } from './proxySettings';

/**
 * The explorer's connection to the cloud: current settings, the credentials in use and the one client built
 * from both. Rebuilt when a setting or the stored key changes; nodes only ever borrow it.
 */
export class Session implements Connection {
  private current: { client: CloudClient; credentials: ResolvedCredentials } | undefined;
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

  /** Finds credentials and builds the client; undefined when there are no credentials anywhere. */
  async connect(): Promise<ResolvedCredentials | undefined> {
    if (this.current) return this.current.credentials;
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
    this.current = { client, credentials: found };
    return found;
  }

  /** Drops the client so the next load reconnects with fresh settings and credentials. */
  disconnect(): void {
    this.current = undefined;
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
