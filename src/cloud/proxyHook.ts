import { AsyncLocalStorage } from 'async_hooks';
import { subscribe } from 'diagnostics_channel';
import type { ClientRequest } from 'http';
import httpx from 'httpx';
import { PROXY_AUTH_REQUIRED, PROXY_CONNECT_FAILED, type ProxyAgents } from './proxy';

// The signing client ignores its own httpProxy option (its HTTP layer never reads it) and takes no agent of
// ours, so the one place to hand it an agent is httpx, the module it sends through. An AsyncLocalStorage store
// keeps the hook to the calls made inside withProxy: every other caller of httpx is left as it was.

interface Scope {
  agents: ProxyAgents;
  /** What VS Code's own proxy agent last failed with (it reports only "Failed to establish a socket connection…"). */
  proxyError?: unknown;
}

const storage = new AsyncLocalStorage<Scope>();
let installed = false;

/** VS Code's proxy support replaces our agent for most hosts (http.proxySupport "override") and says why it failed only in this event. */
export function onVsCodeProxyError(request: ClientRequest, listener: (error: unknown) => void): void {
  request.on('proxy', (event: { error?: unknown }) => {
    if (event.error) listener(event.error);
  });
}

/** VS Code's agent's own words when no proxy could be connected to, its cause left out (Node 20 gives no hook before it). */
function vsCodeProxyFailure(err: unknown): Error | undefined {
  if (!(err instanceof Error) || !err.message.includes('Failed to establish a socket connection to proxies')) return undefined;
  return Object.assign(new Error('No proxy could be connected to.'), { code: PROXY_CONNECT_FAILED });
}

function install(): void {
  subscribe('http.client.request.start', (message) => {
    const scope = storage.getStore();
    if (scope) onVsCodeProxyError((message as { request: ClientRequest }).request, (error) => (scope.proxyError = error));
  });
  const original = httpx.request;
  (httpx as { request: typeof httpx.request }).request = (url, options) => {
    const through = storage.getStore()?.agents.requestOptions(new URL(url));
    if (!through) return original(url, options);
    const sent = original(url, { ...options, ...through });
    // Alibaba Cloud never answers 407: through a proxy it is the proxy asking for credentials, not a JSON body.
    return sent.then((response) => {
      if (response.statusCode !== 407) return response;
      response.resume();
      throw Object.assign(new Error('Proxy Authentication Required'), { code: PROXY_AUTH_REQUIRED });
    });
  };
}

/**
 * Runs `call` with the signing client's requests sent through `agents` (directly when undefined). A failure of VS
 * Code's proxy agent is replaced by the error underneath it (ECONNREFUSED…), so that it can be said precisely.
 */
export function withProxy<T>(agents: ProxyAgents | undefined, call: () => Promise<T>): Promise<T> {
  if (!agents) return call();
  if (!installed) {
    install();
    installed = true;
  }
  const scope: Scope = { agents };
  return storage.run(scope, call).catch((err: unknown) => {
    throw scope.proxyError ?? vsCodeProxyFailure(err) ?? err;
  });
}
