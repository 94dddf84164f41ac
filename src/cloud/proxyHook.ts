import { AsyncLocalStorage } from 'async_hooks';
import httpx from 'httpx';
import { PROXY_AUTH_REQUIRED, type ProxyAgents } from './proxy';

// The signing client ignores its own httpProxy option (its HTTP layer never reads it) and takes no agent of
// ours, so the one place to hand it an agent is httpx, the module it sends through. An AsyncLocalStorage store
// keeps the hook to the calls made inside withProxy: every other caller of httpx is left as it was.

const storage = new AsyncLocalStorage<ProxyAgents>();
let installed = false;

function install(): void {
  const original = httpx.request;
  (httpx as { request: typeof httpx.request }).request = (url, options) => {
    const agents = storage.getStore();
    const agent = agents?.agentFor(new URL(url));
    if (!agents || !agent) return original(url, options);
    // The tunnel's TLS is the target's: http.proxyStrictSSL decides whether its certificate is checked.
    const sent = original(url, { ...options, agent, ...(agents.strictSSL ? {} : { rejectUnauthorized: false }) });
    // Alibaba Cloud never answers 407: through a proxy it is the proxy asking for credentials, not a JSON body.
    return sent.then((response) => {
      if (response.statusCode !== 407) return response;
      response.resume();
      throw Object.assign(new Error('Proxy Authentication Required'), { code: PROXY_AUTH_REQUIRED });
    });
  };
}

/** Runs `call` with the signing client's requests sent through `agents` (directly when undefined). */
export function withProxy<T>(agents: ProxyAgents | undefined, call: () => Promise<T>): Promise<T> {
  if (!agents) return call();
  if (!installed) {
    install();
    installed = true;
  }
  return storage.run(agents, call);
}
