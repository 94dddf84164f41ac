import * as http from 'http';
import * as https from 'https';
import { onVsCodeProxyError, ProxyAgents, proxyFailure, type ProxyConfig } from '../cloud/proxy';

/**
 * The download's own HTTP connections: one kept-alive socket per scheme, no connection shared with the API
 * client (whose responses are capped), every request ended when the signal aborts or nothing arrives for a while.
 * With a proxy, each target that is not on its noProxy list goes through the proxy's own agent instead.
 */
export class Connections {
  private readonly agents: { http?: http.Agent; https?: https.Agent } = {};
  private active: http.ClientRequest | undefined;
  private readonly proxy: ProxyAgents | undefined;
  private proxyError: unknown;
  private readonly onAbort = (): void => {
    this.active?.destroy();
  };

  constructor(
    private readonly idleTimeoutMs: number,
    private readonly signal: AbortSignal,
    proxy?: ProxyConfig,
  ) {
    this.proxy = proxy && new ProxyAgents(proxy);
    signal.addEventListener('abort', this.onAbort);
  }

  /** A GET whose response (any status) is handed over unread; a connection that fails before it rejects. */
  get(url: URL, headers: Record<string, string>): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      const secure = url.protocol === 'https:';
      const route = this.proxy?.requestOptions(url) ?? { agent: this.directAgent(secure) };
      const req = (secure ? https : http).request(url, { method: 'GET', headers, ...route });
      this.active = req;
      this.proxyError = undefined;
      onVsCodeProxyError(req, (error) => (this.proxyError = error));
      req.setTimeout(this.idleTimeoutMs, () => req.destroy(Object.assign(new Error('nothing received'), { code: 'ETIMEDOUT' })));
      req.once('response', resolve);
      // Errors after the response reach its body's reader too; this listener keeps them from being unhandled.
      req.on('error', reject);
      if (this.signal.aborted) req.destroy();
      req.end();
    });
  }

  private directAgent(secure: boolean): http.Agent {
    if (secure) return (this.agents.https ??= new https.Agent({ keepAlive: true, maxSockets: 1 }));
    return (this.agents.http ??= new http.Agent({ keepAlive: true, maxSockets: 1 }));
  }

  /** Why a request failed, naming the proxy when it was the proxy that could not be reached. */
  describeFailure(url: URL, err: unknown): string | undefined {
    if (!this.proxy?.agentFor(url)) return undefined;
    return proxyFailure(this.proxyError ?? err, this.proxy.proxy)?.message.replace(/\.$/, '');
  }

  destroy(): void {
    this.signal.removeEventListener('abort', this.onAbort);
    this.active?.destroy();
    this.agents.http?.destroy();
    this.agents.https?.destroy();
    this.proxy?.destroy();
  }
}
