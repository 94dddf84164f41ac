import { CloudError } from './errors';
import type { ProductDescriptor } from './product';
import type { ProductId } from './types';

export type EndpointOverrides = Partial<Record<ProductId, string>>;

export interface Endpoint {
  protocol: 'http' | 'https';
  /** host[:port], as the client's Config.endpoint takes it. */
  host: string;
}

/** Checks an override the user typed; returns a message for the settings UI, or undefined when it is usable. */
export function checkEndpointOverride(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.replace(/\{region\}/g, 'region'));
  } catch {
    return `"${value}" is not a URL. Use a base URL such as https://adb-vpc.{region}.aliyuncs.com.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `"${value}" must start with http:// or https://.`;
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return `"${value}" must be a base URL without a path or query.`;
  return undefined;
}

/** The endpoint for a product in a region: the user's override (with `{region}` filled in) or the public rule. */
export function resolveEndpoint(product: ProductDescriptor, region: string, overrides: EndpointOverrides): Endpoint {
  const override = overrides[product.id]?.trim();
  if (!override) return { protocol: 'https', host: product.endpointHost(region) };
  const problem = checkEndpointOverride(override);
  if (problem) {
    throw new CloudError({ product: product.id, action: 'ResolveEndpoint', kind: 'badParameter', code: 'InvalidEndpointOverride', message: problem });
  }
  const url = new URL(override.replace(/\{region\}/g, encodeURIComponent(region)));
  return { protocol: url.protocol === 'http:' ? 'http' : 'https', host: url.host };
}
