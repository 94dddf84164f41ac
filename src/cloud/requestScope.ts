import { AsyncLocalStorage } from 'async_hooks';
import { subscribe } from 'diagnostics_channel';
import type { ClientRequest } from 'http';
import httpx from 'httpx';
import { onVsCodeProxyError, PROXY_AUTH_REQUIRED, vsCodeProxyFailure, type ProxyAgents } from './proxy';
import { capResponse, ResponseTooLargeError } from './responseCap';

// The signing client takes no agent of ours (it ignores its own httpProxy option) and buffers every response body
// whole, so what our requests carry is handed to them underneath it: the proxy's agent through httpx, the module it
// sends with, and the response cap through Node's HTTP client, whose diagnostics channel hands us each request as it
// is sent. One AsyncLocalStorage scope tells our requests from those of the other extensions sharing this process.

/** What every request made inside withRequestScope carries. */
export interface RequestTerms {
  /** Undefined: every request goes direct. */
  proxy?: ProxyAgents;
  /** Bytes read per response, headers included, before its connection is cut. */
  maxResponseBytes: number;
}

interface Scope extends RequestTerms {
  /** Ends the call with a ResponseTooLargeError at once, whatever the client makes of the cut connection later. */
  refuse(): void;
  /** What VS Code's own proxy agent last failed with (it reports only "Failed to establish a socket connection…"). */
  proxyError?: unknown;
}

const storage = new AsyncLocalStorage<Scope>();
let installed = false;

function install(): void {
  subscribe('http.client.request.start', (message) => {
    const scope = storage.getStore();
    if (!scope) return;
    const request = (message as { request: ClientRequest }).request;
    capResponse(request, scope.maxResponseBytes, scope.refuse);
    if (scope.proxy) onVsCodeProxyError(request, (error) => (scope.proxyError = error));
  });
  const original = httpx.request;
  (httpx as { request: typeof httpx.request }).request = (url, options) => {
    const through = storage.getStore()?.proxy?.requestOptions(new URL(url));
    if (!through) return original(url, options);
    // Alibaba Cloud never answers 407: through a proxy it is the proxy asking for credentials, not a JSON body.
    return original(url, { ...options, ...through }).then((response) => {
      if (response.statusCode !== 407) return response;
      response.resume();
      throw Object.assign(new Error('Proxy Authentication Required'), { code: PROXY_AUTH_REQUIRED });
    });
  };
}

/**
 * Runs `call` with every request it causes sent through `terms.proxy` (directly when undefined) and every response
 * cut at `terms.maxResponseBytes` (a ResponseTooLargeError). Through a proxy, a failure of VS Code's proxy agent is
 * replaced by the error underneath it (ECONNREFUSED…), so that it can be said precisely.
 */
export function withRequestScope<T>(terms: RequestTerms, call: () => Promise<T>): Promise<T> {
  if (!installed) {
    install();
    installed = true;
  }
  // Whichever settles first wins: the refusal, or the client's own answer. The scope outlives the call (the
  // client's socket timer keeps it until the timeout), so it must not keep the answer: `settle` is let go of.
  let settle: { resolve: (value: T) => void; reject: (reason: unknown) => void } | undefined;
  const answer = new Promise<T>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const take = (): typeof settle => {
    const taken = settle;
    settle = undefined;
    return taken;
  };
  const scope: Scope = { ...terms, refuse: () => take()?.reject(new ResponseTooLargeError(terms.maxResponseBytes)) };
  storage.run(scope, call).then(
    (value) => take()?.resolve(value),
    (reason: unknown) => take()?.reject(reason),
  );
  if (!terms.proxy) return answer;
  return answer.catch((err: unknown) => {
    throw scope.proxyError ?? vsCodeProxyFailure(err) ?? err;
  });
}
