// The naive walk the explorer is compared with: the plain @alicloud/openapi-client with its defaults (no limiter,
// no retries, default runtime options), page size 30 (the APIs' default) and one request after another. Only
// the cloud layer's response parsing is reused, so both walks read the same items the same way.
import OpenApiClient, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import { RuntimeOptions } from '@alicloud/tea-util';
import type { ApiResponse, CloudClient } from '../../src/cloud/client';
import { describeShardNodes } from '../../src/products/dds';
import { fetchAll, fetchPage } from '../../src/cloud/paging';
import type { ProductDescriptor } from '../../src/cloud/product';
import { listRegions } from '../../src/cloud/regions';
import type { CallParams, RawObject } from '../../src/cloud/types';
import { TEST_CREDENTIALS } from '../emulator';
import type { Fetcher } from './account';

export const NAIVE_PAGE_SIZE = 30;

/** A sequential walk that stops starting regions once it has made `maxRequests` requests (0: no cap). */
export function naiveFetcher(endpoint: string, maxRequests: number): Fetcher {
  const client = new OpenApiClient(new Config({ ...TEST_CREDENTIALS.normal, endpoint, protocol: 'http' }));
  let requests = 0;
  const call = async (product: ProductDescriptor, action: string, _region: string, params: CallParams): Promise<ApiResponse> => {
    requests++;
    const query = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
    const api = new Params({ action, version: product.version, protocol: 'HTTP', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
    const { body } = (await client.callApi(api, new OpenApiRequest({ query: OpenApiUtil.query(query) }), new RuntimeOptions({}))) as { body: RawObject };
    // DBS reports errors in a 200 body, which the plain client takes for success.
    if (body.Success === false) throw new Error(`${action}: ${String(body.ErrCode)} ${String(body.ErrMessage)}`);
    return { body };
  };
  // The parsers take a CloudClient but only ever use call(); this one has nothing of CloudClient behind it.
  const plain = { call } as unknown as CloudClient;
  return {
    regions: (plan) => listRegions(plain, plan.regions),
    resources: (list) => list.open((action, scope) => fetchAll(plain, action, scope, NAIVE_PAGE_SIZE)),
    shardNodes: async (cluster) => (await describeShardNodes(plain, cluster.region, cluster.id)).nodes,
    backups: async (list) => (await list.open((action, scope) => fetchPage(plain, action, scope, 0, NAIVE_PAGE_SIZE))).items,
    each: async (items, visit) => {
      for (const item of items) await visit(item);
    },
    enough: () => maxRequests > 0 && requests >= maxRequests,
  };
}
