import OpenApiClient, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import { RuntimeOptions } from '@alicloud/tea-util';
import type { CredentialSource } from './credentials';
import { CredentialSourceError, NoCredentialsError } from './credentials';
import { resolveEndpoint, type Endpoint, type EndpointOverrides } from './endpoints';
import { CancelledError, CloudError, type CloudErrorKind } from './errors';
import { checkSuccessBody, toCloudError } from './errorMapping';
import { Limiter } from './limiter';
import type { ProductDescriptor } from './product';
import { ProxyAgents, proxyFailure, type ProxyConfig } from './proxy';
import { withRequestScope } from './requestScope';
import { DEFAULT_MAX_RESPONSE_BYTES } from './responseCap';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';
import { isRawObject, type CallParams, type RawObject } from './types';

export interface CloudSettings {
  endpointOverrides: EndpointOverrides;
  timeoutMs: number;
  maxConcurrentRequests: number;
  retry?: RetryPolicy;
  /** Bytes read per response before the connection is cut; default 16 MiB. */
  maxResponseBytes?: number;
  /** The UI language (VS Code's, e.g. "zh-cn"): region lists are asked for names in it. */
  language?: string;
  /** Undefined: every request goes direct. */
  proxy?: ProxyConfig;
}

/** One finished HTTP attempt, for the log: never carries parameters' secrets or response bodies. */
export interface CallRecord {
  product: string;
  action: string;
  region: string;
  attempt: number;
  durationMs: number;
  requestId?: string;
  outcome: 'ok' | CloudErrorKind | 'cancelled';
  error?: string;
}

export type HttpMethod = 'GET' | 'POST';

export interface ApiResponse {
  body: RawObject;
  requestId?: string;
}

/**
 * Every call to Alibaba Cloud goes through here: the real signing client (ACS3-HMAC-SHA256), one limiter for
 * all requests, a cap on the bytes read per response, retries with backoff for what retrying can fix, and errors
 * turned into CloudError.
 */
export class CloudClient {
  private readonly limiter: Limiter;
  private readonly clients = new Map<string, OpenApiClient>();
  private readonly settings: CloudSettings;
  private readonly proxy: ProxyAgents | undefined;

  /**
   * `limiter` is shared when clients replace one another (a refresh builds a new one) while the old one still
   * has requests in flight: the cap is for everything this process sends.
   */
  constructor(
    settings: CloudSettings,
    private readonly credentials: CredentialSource,
    private readonly onCall?: (record: CallRecord) => void,
    limiter?: Limiter,
  ) {
    this.settings = settings;
    this.proxy = settings.proxy && new ProxyAgents(settings.proxy);
    this.limiter = limiter ?? new Limiter(settings.maxConcurrentRequests);
    this.limiter.setMax(settings.maxConcurrentRequests);
  }

  /** The UI language the settings name, if any. */
  get language(): string | undefined {
    return this.settings.language;
  }

  /** The most requests this client has had in flight at once. */
  get peakConcurrency(): number {
    return this.limiter.peak;
  }

  /** `method` is POST for every action but the few documented as GET only (Tair's DescribeClusterBackupList). */
  async call(product: ProductDescriptor, action: string, region: string, params: CallParams, signal?: AbortSignal, method: HttpMethod = 'POST'): Promise<ApiResponse> {
    const endpoint = resolveEndpoint(product, region, this.settings.endpointOverrides);
    const policy = this.settings.retry ?? DEFAULT_RETRY;
    return withRetry(policy, (attempt) => this.attempt({ product, action, method }, region, endpoint, params, attempt, signal), signal);
  }

  private async attempt(
    { product, action, method }: { product: ProductDescriptor; action: string; method: HttpMethod },
    region: string,
    endpoint: Endpoint,
    params: CallParams,
    attempt: number,
    signal?: AbortSignal,
  ): Promise<ApiResponse> {
    const release = await this.limiter.acquire(signal);
    const started = Date.now();
    const record = (outcome: CallRecord['outcome'], requestId?: string, error?: string): void =>
      this.onCall?.({ product: product.id, action, region, attempt, durationMs: Date.now() - started, requestId, outcome, error });
    // The client cannot abort a request it has sent: the caller stops waiting at once, the slot is freed when
    // the request itself settles so that the limit holds for what the server sees.
    const sent = this.send(product, action, method, endpoint, params).finally(release);
    try {
      const response = await raceAbort(sent, signal);
      checkSuccessBody(response.body, product.id, action);
      record('ok', response.requestId);
      return response;
    } catch (err) {
      if (err instanceof CancelledError) {
        record('cancelled');
        sent.catch(() => undefined);
        throw err;
      }
      // A credential source that fails mid-session (an STS refresh, an AssumeRole) is said once, not retried.
      const error = err instanceof NoCredentialsError || err instanceof CredentialSourceError
        ? new CloudError({ product: product.id, action, kind: 'noCredentials', code: err instanceof NoCredentialsError ? 'NoCredentials' : 'CredentialSourceFailed', message: err.message })
        : toCloudError(err, product.id, action);
      record(error.kind, error.requestId, `${error.code}: ${error.message}`);
      throw error;
    }
  }

  private async send(product: ProductDescriptor, action: string, method: HttpMethod, endpoint: Endpoint, params: CallParams): Promise<ApiResponse> {
    const client = this.clientFor(endpoint);
    const request = new OpenApiRequest({ query: OpenApiUtil.query(definedOnly(params)) });
    const timeout = this.settings.timeoutMs;
    // connectTimeout doubles as the socket idle timeout, so both must be set for the limit to be the setting.
    const runtime = new RuntimeOptions({ readTimeout: timeout, connectTimeout: timeout });
    const callParams = new Params({
      action,
      version: product.version,
      protocol: endpoint.protocol.toUpperCase(),
      pathname: '/',
      method,
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });
    const terms = { proxy: this.proxy, maxResponseBytes: this.settings.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES };
    const result = await withRequestScope(terms, () => client.callApi(callParams, request, runtime)).catch((err: unknown) => {
      throw this.proxyError(err, endpoint, product, action) ?? err;
    });
    const body: unknown = result.body;
    if (!isRawObject(body as RawObject)) {
      throw new CloudError({ product: product.id, action, kind: 'malformedResponse', code: 'MalformedResponse', message: 'The response was not a JSON object.' });
    }
    const typed = body as RawObject;
    return { body: typed, requestId: typeof typed.RequestId === 'string' ? typed.RequestId : undefined };
  }

  /** A connection that failed through the proxy is said to be the proxy's, by its host (never its credentials). */
  private proxyError(err: unknown, endpoint: Endpoint, product: ProductDescriptor, action: string): CloudError | undefined {
    if (!this.proxy?.agentFor(new URL(`${endpoint.protocol}://${endpoint.host}`))) return undefined;
    const failure = proxyFailure(err, this.proxy.proxy);
    return failure && new CloudError({ product: product.id, action, kind: 'network', ...failure });
  }

  private clientFor(endpoint: Endpoint): OpenApiClient {
    const key = `${endpoint.protocol}://${endpoint.host}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new OpenApiClient(new Config({ credential: this.credentials.toClientCredential(), endpoint: endpoint.host, protocol: endpoint.protocol }));
      this.clients.set(key, client);
    }
    return client;
  }
}

function definedOnly(params: CallParams): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined) out[key] = value;
  return out;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new CancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
