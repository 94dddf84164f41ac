import * as vscode from 'vscode';
import { describeProxy, parseProxyUrl, type ProxyConfig } from './cloud/proxy';
import { chooseProxy } from './cloud/proxyChoice';

/**
 * The user's own value of an `http.*` setting. VS Code scopes the proxy settings to the application already, so a
 * workspace cannot set them; reading `globalValue` keeps a cloned repo's .vscode/settings.json from redirecting
 * requests (and the signatures they carry) even if a version were to let a workspace value through.
 */
function userValue(key: string): unknown {
  const inspected = vscode.workspace.getConfiguration('http').inspect<unknown>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/** The proxy to use, and what to tell the user when the one given cannot be used (never quoting it). */
export function readProxy(env: NodeJS.ProcessEnv = process.env): { proxy?: ProxyConfig; problem?: string } {
  const choice = chooseProxy(
    { proxy: userValue('proxy'), noProxy: userValue('noProxy'), proxyStrictSSL: userValue('proxyStrictSSL'), proxySupport: userValue('proxySupport') },
    env,
  );
  if (!choice.unusable) return { proxy: choice.proxy };
  return { problem: vscode.l10n.t('The proxy in {0} is not an http:// or https:// URL; requests go direct.', choice.unusable) };
}

/** One line for the log: where requests go, never the proxy's user name or password. */
export function describeProxyConfig(proxy: ProxyConfig | undefined): string {
  const url = proxy && parseProxyUrl(proxy.url);
  if (!proxy || !url) return 'Requests go direct (no proxy).';
  const bypass = proxy.noProxy.length > 0 ? `; direct to ${proxy.noProxy.join(', ')}` : '';
  return `Requests go through the proxy ${describeProxy(url)}${bypass}${proxy.strictSSL ? '' : '; certificates are not checked (http.proxyStrictSSL is off)'}.`;
}
