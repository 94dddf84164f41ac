import type { ProductId } from './types';

/** What the client needs to reach one product: its API version and where its regional endpoint lives. */
export interface ProductDescriptor {
  readonly id: ProductId;
  readonly version: string;
  /** Host of the public endpoint for a region, by the product's own regional rule. */
  endpointHost(region: string): string;
}

/** The hosts of products that serve some regions from one central endpoint and the rest from regional ones. */
export function centralOrRegional(central: string, prefix: string, centralRegions: readonly string[]): (region: string) => string {
  const served = new Set(centralRegions);
  return (region) => (served.has(region) ? central : `${prefix}.${region}.aliyuncs.com`);
}
