// Calls emulator actions through the plain @alicloud/openapi-client, with no cloud layer in between, so a spec sees
// the wire body exactly as the real signing client returns it (types unchanged) or the error it throws.
import OpenApiClient, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import { RuntimeOptions } from '@alicloud/tea-util';
import { TEST_CREDENTIALS } from '../emulator';

export type Json = Record<string, unknown>;
export type Query = Record<string, string | number | boolean | undefined>;

export interface RawApi {
  /** One signed RPC call (POST, business parameters in the query, as the SDK sends them); resolves to the body. */
  call(version: string, action: string, query?: Query): Promise<Json>;
}

/** `signatureAlgorithm: 'v2'` selects the legacy HMAC-SHA1 query signature; the default is ACS3-HMAC-SHA256. */
export function rawApi(endpoint: string, options: { signatureAlgorithm?: 'v2' } = {}): RawApi {
  const client = new OpenApiClient(
    new Config({ ...TEST_CREDENTIALS.normal, endpoint, protocol: 'http', signatureAlgorithm: options.signatureAlgorithm }),
  );
  return {
    async call(version, action, query = {}) {
      const defined = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
      const params = new Params({
        action,
        version,
        protocol: 'HTTP',
        pathname: '/',
        method: 'POST',
        authType: 'AK',
        style: 'RPC',
        reqBodyType: 'formData',
        bodyType: 'json',
      });
      const runtime = new RuntimeOptions({ readTimeout: 5000, connectTimeout: 5000 });
      const result = (await client.callApi(params, new OpenApiRequest({ query: OpenApiUtil.query(defined) }), runtime)) as {
        body: Json;
      };
      return result.body;
    },
  };
}

/** What the client throws for a non-2xx answer. */
export interface ApiFailure {
  code: string;
  statusCode: number;
  message: string;
  data: Json;
}

/** Awaits a call that must fail with an HTTP error and returns what the client threw. */
export async function apiFailure(promise: Promise<unknown>): Promise<ApiFailure> {
  let thrown: unknown;
  try {
    await promise;
  } catch (err) {
    thrown = err;
  }
  if (thrown === undefined) {
    throw new Error('expected an API error, got a result');
  }
  const e = thrown as Partial<ApiFailure>;
  if (typeof e.code !== 'string' || typeof e.data !== 'object' || e.data === null) {
    throw thrown;
  }
  return { code: e.code, statusCode: Number(e.data.statusCode), message: String(e.message), data: e.data };
}

/** `Items.<name>` of a list body as an array of objects (fails loudly when the wrapper is missing). */
export function items(body: Json, name: string): Json[] {
  const wrapper = body.Items as Json | undefined;
  const list = wrapper?.[name];
  if (!Array.isArray(list)) {
    throw new Error(`no Items.${name} array in ${JSON.stringify(body).slice(0, 200)}`);
  }
  return list as Json[];
}
