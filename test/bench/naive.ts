// The naive client the explorer is compared with: the plain @alicloud/openapi-client with its defaults (no limiter,
// no retries, default runtime options), one request after another. It stands in for CloudClient in the account
// walk, whose listings only ever use call(), so both walks read the same items the same way.
import OpenApiClient, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import { RuntimeOptions } from '@alicloud/tea-util';
import type { ApiResponse, CloudClient, HttpMethod } from '../../src/cloud/client';
import { CancelledError } from '../../src/cloud/errors';
import type { ProductDescriptor } from '../../src/cloud/product';
import type { CallParams, RawObject } from '../../src/cloud/types';
import { TEST_CREDENTIALS } from '../emulator';

/** The APIs' default page size. */
export const NAIVE_PAGE_SIZE = 30;

export interface NaiveClient {
  readonly client: CloudClient;
  /**
   * Aborted when the walk asks for more than the cap. The cap lives here, not in the walk's `enough`: the walk
   * asks that while queueing the regions, all of them right after DescribeRegions, and reads resource listings
   * region after region before any backups, so no region boundary falls near a request count.
   */
  readonly capped: AbortSignal;
}

/** A client that sends one request at a time and refuses any beyond `maxRequests` (0: no cap). */
export function naiveClient(endpoint: string, maxRequests: number): NaiveClient {
  const plain = new OpenApiClient(new Config({ ...TEST_CREDENTIALS.normal, endpoint, protocol: 'http' }));
  const cap = new AbortController();
  let requests = 0;
  const send = async (product: ProductDescriptor, action: string, params: CallParams, method: HttpMethod): Promise<ApiResponse> => {
    const query = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
    const api = new Params({ action, version: product.version, protocol: 'HTTP', pathname: '/', method, authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
    const { body } = (await plain.callApi(api, new OpenApiRequest({ query: OpenApiUtil.query(query) }), new RuntimeOptions({}))) as { body: RawObject };
    // DBS reports errors in a 200 body, which the plain client takes for success.
    if (body.Success === false) throw new Error(`${action}: ${String(body.ErrCode)} ${String(body.ErrMessage)}`);
    return { body };
  };
  // The walk asks for every product's regions at once; one at a time is what the naive client does.
  let previous: Promise<unknown> = Promise.resolve();
  // The method as the listing asks for it: the gateway refuses POST for the actions documented as GET only.
  const call = (product: ProductDescriptor, action: string, _region: string, params: CallParams, _signal?: AbortSignal, method: HttpMethod = 'POST'): Promise<ApiResponse> => {
    const turn = previous.then(() => {
      if (maxRequests > 0 && requests >= maxRequests) {
        cap.abort();
        // What the walk takes for cancellation: it stops without reporting a failure.
        throw new CancelledError();
      }
      requests++;
      return send(product, action, params, method);
    });
    previous = turn.catch(() => undefined);
    return turn;
  };
  // Nothing of CloudClient is behind this but call(), the one method the walk's listings use.
  return { client: { call } as unknown as CloudClient, capped: cap.signal };
}
