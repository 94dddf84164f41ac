import { parseProxyUrl, type ProxyConfig } from './proxy';

/** The user-level values of VS Code's `http.*` proxy settings, unchecked (settings files are untrusted input). */
export interface ProxySettingValues {
  proxy: unknown;
  noProxy: unknown;
  proxyStrictSSL: unknown;
  proxySupport: unknown;
}

export type ProxyChoice = { proxy?: ProxyConfig; unusable?: undefined } | { proxy?: undefined; unusable: 'http.proxy' | 'HTTPS_PROXY' };

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The proxy requests go through, as VS Code itself picks it: none when `http.proxySupport` is off; else
 * `http.proxy`, else https_proxy/HTTPS_PROXY/http_proxy/HTTP_PROXY; bypassed for `http.noProxy` and NO_PROXY;
 * certificates checked unless `http.proxyStrictSSL` is false. A proxy that is not an http(s) URL is `unusable`.
 */
export function chooseProxy(values: ProxySettingValues, env: NodeJS.ProcessEnv): ProxyChoice {
  if (values.proxySupport === 'off') return {};
  const setting = nonEmpty(values.proxy);
  const text = setting ?? nonEmpty(env.https_proxy ?? env.HTTPS_PROXY ?? env.http_proxy ?? env.HTTP_PROXY);
  if (!text) return {};
  if (!parseProxyUrl(text)) return { unusable: setting ? 'http.proxy' : 'HTTPS_PROXY' };
  const listed = Array.isArray(values.noProxy) ? values.noProxy.filter((entry): entry is string => typeof entry === 'string') : [];
  const fromEnv = (env.no_proxy ?? env.NO_PROXY ?? '').split(',');
  const noProxy = [...listed, ...fromEnv].map((entry) => entry.trim()).filter((entry) => entry !== '');
  return { proxy: { url: text, noProxy, strictSSL: values.proxyStrictSSL !== false } };
}
