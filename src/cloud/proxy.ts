import type { Agent, ClientRequest } from 'http';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';

/** Where requests go out, as plain data: the extension makes it from VS Code's settings and the environment. */
export interface ProxyConfig {
  /** An http:// or https:// proxy URL; its user name and password, if any, are secrets. */
  url: string;
  /** Hosts reached directly: `*`, a host or a domain (`example.com` and `.example.com` both cover subdomains), optionally `:port`. */
  noProxy: readonly string[];
  /** Whether TLS certificates are checked on connections through the proxy (http.proxyStrictSSL); direct ones always are. */
  strictSSL: boolean;
}

/** The proxy URL when it is one we can use (http or https, with a host); anything else is undefined. */
export function parseProxyUrl(text: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url : undefined;
}

/** The proxy for people and logs: scheme, host and port, never the user name or password. */
export function describeProxy(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/** Whether a noProxy entry covers the target; ports must match when the entry names one. */
function covers(entry: string, target: URL): boolean {
  let host = entry.trim().toLowerCase();
  if (host === '*') return true;
  let port: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(host);
  if (bracketed) [, host, port] = bracketed;
  else if (host.split(':').length === 2) [host, port] = host.split(':');
  host = host.replace(/^\*?\./, '');
  if (!host) return false;
  if (port && port !== (target.port || (target.protocol === 'https:' ? '443' : '80'))) return false;
  const hostname = target.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return hostname === host || hostname.endsWith(`.${host}`);
}

/**
 * One agent per kind of target for a proxy: http targets are sent to it as absolute URLs, https targets go
 * through a CONNECT tunnel (TLS stays end to end). Hosts on the noProxy list get no agent, so they go direct.
 */
export class ProxyAgents {
  readonly proxy: URL;
  private readonly noProxy: readonly string[];
  private readonly strictSSL: boolean;
  private http?: HttpProxyAgent<string>;
  private https?: HttpsProxyAgent<string>;

  constructor(config: ProxyConfig) {
    const proxy = parseProxyUrl(config.url);
    if (!proxy) throw new Error('The proxy is not an http:// or https:// URL.');
    this.proxy = proxy;
    this.noProxy = config.noProxy;
    this.strictSSL = config.strictSSL;
  }

  /** The agent for a target URL, or undefined when the target is reached directly. */
  agentFor(target: URL): Agent | undefined {
    if (this.noProxy.some((entry) => covers(entry, target))) return undefined;
    // In the agents' options, http.proxyStrictSSL covers the TLS to an https:// proxy.
    const options = { keepAlive: true, rejectUnauthorized: this.strictSSL };
    if (target.protocol === 'https:') return (this.https ??= new HttpsProxyAgent(this.proxy.href, options));
    return (this.http ??= new HttpProxyAgent(this.proxy.href, options));
  }

  /**
   * The options a request to `target` needs to go through the proxy, or undefined to go direct (always checked).
   * http.proxyStrictSSL off rides on the request itself: the tunnel's TLS is set up from the request's options,
   * by our agent and by the one VS Code swaps in for it (http.proxySupport "override"), which ignores the setting.
   */
  requestOptions(target: URL): { agent: Agent; rejectUnauthorized?: false } | undefined {
    const agent = this.agentFor(target);
    return agent && { agent, ...(this.strictSSL ? {} : { rejectUnauthorized: false }) };
  }

  destroy(): void {
    this.http?.destroy();
    this.https?.destroy();
  }
}

/** The code of the error a 407 from the proxy is turned into. */
export const PROXY_AUTH_REQUIRED = 'EPROXYAUTH';

/** The code of the error VS Code's proxy agent ends with when it could not connect, its cause unknown. */
export const PROXY_CONNECT_FAILED = 'EPROXYCONNECT';

/** VS Code's proxy support replaces our agent for most hosts (http.proxySupport "override") and says why it failed only in this event. */
export function onVsCodeProxyError(request: ClientRequest, listener: (error: unknown) => void): void {
  request.on('proxy', (event: { error?: unknown }) => {
    if (event.error) listener(event.error);
  });
}

/** VS Code's agent's own words when no proxy could be connected to, its cause left out (Node 20 gives no hook before it). */
export function vsCodeProxyFailure(err: unknown): Error | undefined {
  if (!(err instanceof Error) || !err.message.includes('Failed to establish a socket connection to proxies')) return undefined;
  return Object.assign(new Error('No proxy could be connected to.'), { code: PROXY_CONNECT_FAILED });
}

const CONNECT_CODES = new Set([PROXY_CONNECT_FAILED, 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * A connection failure through a proxy names the proxy, since that is the only host we connect to: `ProxyRefused`
 * for a closed port, `ProxyUnreachable` for the rest, `ProxyAuthenticationRequired` for a 407. Undefined when the error is not one of connecting.
 */
export function proxyFailure(err: unknown, proxy: URL): { code: string; message: string } | undefined {
  const code = err instanceof Error ? (err as NodeJS.ErrnoException).code : undefined;
  const where = describeProxy(proxy);
  if (code === PROXY_AUTH_REQUIRED) {
    return { code: 'ProxyAuthenticationRequired', message: `The proxy ${where} asks for a user name and password (HTTP 407); http.proxy can carry them as http://user:password@host:port.` };
  }
  if (!code || !CONNECT_CODES.has(code)) return undefined;
  if (code === 'ECONNREFUSED') return { code: 'ProxyRefused', message: `The proxy ${where} refused the connection (ECONNREFUSED).` };
  if (code === PROXY_CONNECT_FAILED) return { code: 'ProxyUnreachable', message: `The proxy ${where} could not be reached.` };
  return { code: 'ProxyUnreachable', message: `The proxy ${where} could not be reached (${code}).` };
}
