import { CloudError } from './errors';
import type { ProductDescriptor } from './product';
import { isRegionId } from './regions';
import type { ProductId } from './types';

export type EndpointOverrides = Partial<Record<ProductId, string>>;

export interface Endpoint {
  protocol: 'http' | 'https';
  /** host[:port], as the client's Config.endpoint takes it. */
  host: string;
}

/** Why an override cannot be used; the value itself is never repeated, since it may come from anywhere. */
export type EndpointProblem = 'notUrl' | 'notHttp' | 'plainHttpRemote' | 'notBaseUrl' | 'hasUserInfo';

const PROBLEM_TEXT: Record<EndpointProblem, string> = {
  notUrl: 'it is not a URL',
  notHttp: 'it must start with https://',
  plainHttpRemote: 'plain http:// is allowed only to this machine (localhost, 127.x.x.x, [::1])',
  notBaseUrl: 'it must be a base URL without a path, query or fragment',
  hasUserInfo: 'it must not carry a user name or password',
};

/** Loopback only: signed requests in clear text must never cross a network. */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Checks an override as written (`{region}` still in it); undefined when it is usable. */
export function checkEndpointOverride(value: string): EndpointProblem | undefined {
  let url: URL;
  try {
    url = new URL(value.replace(/\{region\}/g, 'region'));
  } catch {
    return 'notUrl';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'notHttp';
  if (url.username || url.password) return 'hasUserInfo';
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || /[?#]/.test(value)) return 'notBaseUrl';
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) return 'plainHttpRemote';
  return undefined;
}

/** The endpoint for a product in a region: the user's override (with `{region}` filled in) or the public rule. */
export function resolveEndpoint(product: ProductDescriptor, region: string, overrides: EndpointOverrides): Endpoint {
  if (!isRegionId(region)) {
    throw new CloudError({ product: product.id, action: 'ResolveEndpoint', kind: 'badParameter', code: 'InvalidRegionId', message: 'The region ID is not one Alibaba Cloud uses.' });
  }
  const override = overrides[product.id]?.trim();
  if (!override) return { protocol: 'https', host: product.endpointHost(region) };
  const problem = checkEndpointOverride(override);
  if (problem) {
    throw new CloudError({
      product: product.id,
      action: 'ResolveEndpoint',
      kind: 'badParameter',
      code: 'InvalidEndpointOverride',
      message: `The endpoint override for ${product.id} cannot be used: ${PROBLEM_TEXT[problem]}.`,
    });
  }
  const url = new URL(override.replace(/\{region\}/g, encodeURIComponent(region)));
  return { protocol: url.protocol === 'http:' ? 'http' : 'https', host: url.host };
}
