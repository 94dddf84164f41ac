import { IncomingMessage, ServerResponse } from 'http';
import { unescape as qsUnescape } from 'querystring';
import { adbActions } from './adb';
import { adb2021Actions } from './adb2021';
import { Handler, HandlerResult, Params } from './api';
import { announceHugeBody, oversizedPage, streamEndlessBody } from './bodyFaults';
import { dbsActions } from './dbs';
import { rdsActions } from './rds';
import { dbsIncrementActions } from './dbsIncrements';
import { ddsActions } from './dds';
import { ApiError, errorBody, forbidden, gatewayErrors, newRequestId, Product } from './errors';
import { FaultKind, FaultRegistry } from './faults';
import type { DownloadFiles } from './files';
import { polardbActions } from './polardb';
import { KVSTORE_GET_ONLY, kvstoreActions } from './kvstore';
import { Dataset } from './model';
import { createSecondAccountDataset } from './secondAccount';
import { assumeRole, STS_VERSION } from './sts';
import { authenticate, NonceStore, SignedRequest, V2_COMMON_PARAMS } from './signature';

export interface RequestLogEntry {
  product: string;
  /** The API version asked for; adb has two (2019-03-15 for 3.0 clusters, 2021-12-01 for 5.0). */
  version: string;
  action: string;
  /** The HTTP method, for the few actions the SDK sends as GET. */
  method: string;
  params: Record<string, string>;
  status: number;
  /** Error code, DBS ErrCode, or the fault kind for html502/truncatedJson/hang/reset/endlessBody/hugeContentLength/oversizedPage. */
  code?: string;
  requestId: string;
  accessKeyId?: string;
  startedAt: number;
  durationMs: number;
  /** Server-side diagnostics, e.g. the canonical request of a signature mismatch. Never sent to the client. */
  detail?: string;
}

export interface EmulatorStats {
  /** Requests being worked on, latency wait included; hung ones are counted in `hanging` instead. */
  inFlight: number;
  inFlightPeak: number;
  /** API requests received since the last reset. */
  total: number;
  /** Requests held open by a `hang` fault whose socket is still open. */
  hanging: number;
}

/** Everything the request pipeline reads or updates. */
export interface EmulatorState {
  readonly data: Dataset;
  /** What the second account's key sees; built on its first request. */
  secondAccountData?: Dataset;
  readonly faults: FaultRegistry;
  readonly nonces: NonceStore;
  readonly log: RequestLogEntry[];
  readonly stats: EmulatorStats;
  latencyMs: number;
  urlExpirySeconds: number;
  /** With the `downloads` option: the files behind the download URLs, served by the emulator itself. */
  files?: DownloadFiles;
}

/** Bounds memory in long benchmark runs; the oldest entries go first. */
const MAX_LOG_ENTRIES = 50_000;
const MAX_BODY_BYTES = 1024 * 1024;

const PRODUCT_BY_VERSION: Readonly<Record<string, Product>> = {
  '2019-03-15': 'adb',
  '2021-12-01': 'adb',
  '2015-12-01': 'dds',
  '2019-03-06': 'dbs',
  '2017-08-01': 'polardb',
  '2014-08-15': 'rds',
  '2015-01-01': 'r-kvstore',
};

/** Handlers per version: one product can have several versions with different actions and rules. */
const ACTIONS: Readonly<Record<string, Readonly<Record<string, Handler>>>> = {
  '2019-03-15': adbActions,
  '2021-12-01': adb2021Actions,
  '2015-12-01': ddsActions,
  '2019-03-06': { ...dbsActions, ...dbsIncrementActions },
  '2017-08-01': polardbActions,
  '2014-08-15': rdsActions,
  '2015-01-01': kvstoreActions,
};

const JSON_TYPE = 'application/json;charset=utf-8';

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** Decodes a query or form string like Node's querystring (`+` is a space), into a prototype-free record. */
export function decodeParams(raw: string): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const part of raw.split('&')) {
    if (part === '') {
      continue;
    }
    const eq = part.indexOf('=');
    const dec = (s: string) => qsUnescape(s.replace(/\+/g, ' '));
    out[dec(eq < 0 ? part : part.slice(0, eq))] = eq < 0 ? '' : dec(part.slice(eq + 1));
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v: unknown = req.headers[name];
  return Array.isArray(v) ? String(v[0]) : typeof v === 'string' ? v : undefined;
}

/** What the pipeline decided to do with one request. */
type Outcome =
  | { kind: 'json'; status: number; body: object; code?: string; detail?: string }
  | { kind: 'fault'; fault: Exclude<FaultKind, 'throttle' | 'unavailable' | 'internalError' | 'oversizedPage'>; result?: HandlerResult };

interface Parsed {
  readonly signed: SignedRequest;
  readonly product?: Product;
  readonly version?: string;
  readonly action?: string;
  readonly params: Record<string, string>;
  readonly accessKeyId?: string;
}

function parse(req: IncomingMessage, body: Buffer): Parsed {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const query = decodeParams(q < 0 ? '' : url.slice(q + 1));
  const isForm = (headerValue(req, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded');
  const form = isForm ? decodeParams(body.toString('utf8')) : (Object.create(null) as Record<string, string>);
  const v3 = headerValue(req, 'authorization') !== undefined;
  // V3 names the API in headers, the legacy scheme in the query; either may fall back to the other.
  const version = v3 ? (headerValue(req, 'x-acs-version') ?? query.Version) : (query.Version ?? headerValue(req, 'x-acs-version'));
  const action = v3 ? (headerValue(req, 'x-acs-action') ?? query.Action) : (query.Action ?? headerValue(req, 'x-acs-action'));
  const params = Object.assign(Object.create(null) as Record<string, string>, form, query);
  if (!v3) {
    for (const k of V2_COMMON_PARAMS) {
      delete params[k];
    }
  }
  const credential = /Credential=([^,\s]+)/.exec(headerValue(req, 'authorization') ?? '')?.[1];
  return {
    signed: { method: req.method ?? 'GET', path: q < 0 ? url : url.slice(0, q), query, form, headers: req.headers, body },
    product: version !== undefined && Object.hasOwn(PRODUCT_BY_VERSION, version) ? PRODUCT_BY_VERSION[version] : undefined,
    version,
    action,
    params,
    accessKeyId: credential ?? query.AccessKeyId,
  };
}

/** Region for fault matching: the explicit parameter, else the region of the resource the request names. */
function requestRegion(data: Dataset, product: Product, p: Params): string | undefined {
  const explicit = p.RegionId || p.Region;
  if (explicit) {
    return explicit;
  }
  const id = p.DBClusterId || p.DBInstanceId || p.BackupPlanId || p.InstanceId;
  return id ? data.regionOf(product, id.split(',')[0]) : undefined;
}

function decide(p: Parsed, st: EmulatorState, now: number): Outcome {
  const method = p.signed.method;
  if (method !== 'POST' && method !== 'GET') {
    throw gatewayErrors.unsupportedMethod();
  }
  const auth = authenticate(p.signed, st.nonces, now);
  if (p.version === STS_VERSION && p.action === 'AssumeRole') return { kind: 'json', status: 200, body: assumeRole(auth.key, p.params, now) };
  if (!p.product) {
    throw p.version === undefined ? gatewayErrors.missingParameter('Version') : gatewayErrors.invalidVersion();
  }
  if (!p.action) {
    throw gatewayErrors.missingParameter('Action');
  }
  const actions = ACTIONS[p.version ?? ''];
  if (!Object.hasOwn(actions, p.action)) {
    throw gatewayErrors.actionNotFound();
  }
  // Tair's GET-only action (contract-2 §0): what the gateway answers a POST is a guess.
  if (p.product === 'r-kvstore' && KVSTORE_GET_ONLY.has(p.action) && method !== 'GET') throw gatewayErrors.unsupportedMethod();
  if (auth.key.state === 'noPermission') {
    throw forbidden(p.product, p.action, auth.key.accessKeyId);
  }
  const handler = actions[p.action];
  // Each account sees only its own resources, so a switch of identity shows in what the explorer lists.
  const data = auth.key.account === 'second' ? (st.secondAccountData ??= createSecondAccountDataset()) : st.data;
  const ctx = { params: p.params, data, urlExpirySeconds: st.urlExpirySeconds, now };
  const fault = st.faults.take({ product: p.product, action: p.action, regionId: requestRegion(data, p.product, p.params) });
  switch (fault) {
    case 'throttle':
      throw gatewayErrors.throttled();
    case 'unavailable':
      throw gatewayErrors.unavailable();
    case 'internalError':
      throw gatewayErrors.internal();
    case 'truncatedJson':
      return { kind: 'fault', fault, result: handler(ctx) };
    case 'oversizedPage':
      return { kind: 'json', status: 200, body: oversizedPage(handler(ctx).body), code: fault };
    case 'html502':
    case 'hang':
    case 'reset':
    case 'endlessBody':
    case 'hugeContentLength':
      return { kind: 'fault', fault };
    case undefined:
      break;
  }
  const result = handler(ctx);
  st.files?.rewrite(result.body);
  return { kind: 'json', status: 200, body: result.body, code: result.code };
}

function send(res: ServerResponse, status: number, type: string, text: string, requestId: string): void {
  if (res.destroyed || res.headersSent) {
    return;
  }
  const buf = Buffer.from(text, 'utf8');
  res.writeHead(status, { 'content-type': type, 'content-length': buf.length, 'x-acs-request-id': requestId });
  res.end(buf);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Serves one signed API request end to end: latency, auth, faults, business handler, log and stats. */
export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, st: EmulatorState): Promise<void> {
  const startedAt = Date.now();
  const requestId = newRequestId();
  const stats = st.stats;
  stats.total++;
  stats.inFlight++;
  stats.inFlightPeak = Math.max(stats.inFlightPeak, stats.inFlight);
  const entry: RequestLogEntry = { product: '', version: '', action: '', method: req.method ?? '', params: {}, status: 0, requestId, startedAt, durationMs: 0 };
  const record = (status: number, code?: string, detail?: string) => {
    Object.assign(entry, { status, code, detail, durationMs: Date.now() - startedAt });
    st.log.push(entry);
    if (st.log.length > MAX_LOG_ENTRIES) {
      st.log.splice(0, st.log.length - MAX_LOG_ENTRIES);
    }
  };
  const latency = st.latencyMs;
  let product: Product | undefined;
  try {
    const body = await readBody(req);
    if (latency > 0) {
      await sleep(latency);
    }
    const parsed = parse(req, body);
    product = parsed.product;
    Object.assign(entry, {
      product: parsed.product ?? '',
      version: parsed.product ? (parsed.version ?? '') : '',
      action: parsed.action ?? '',
      params: { ...parsed.params },
      accessKeyId: parsed.accessKeyId,
    });
    const outcome = decide(parsed, st, Date.now());
    if (outcome.kind === 'json') {
      send(res, outcome.status, JSON_TYPE, JSON.stringify({ RequestId: requestId, ...outcome.body }), requestId);
      record(outcome.status, outcome.code);
    } else if (outcome.fault === 'html502') {
      send(res, 502, 'text/html', NGINX_502, requestId);
      record(502, 'html502');
    } else if (outcome.fault === 'truncatedJson') {
      const full = JSON.stringify({ RequestId: requestId, ...(outcome.result?.body ?? {}) });
      send(res, 200, JSON_TYPE, full.slice(0, Math.floor(full.length / 2)), requestId);
      record(200, 'truncatedJson');
    } else if (outcome.fault === 'reset') {
      record(0, 'reset');
      req.socket.destroy();
    } else if (outcome.fault === 'endlessBody') {
      record(200, 'endlessBody');
      streamEndlessBody(res, requestId, (bytes) => {
        // The entry is already in the log: it learns when the connection closed and how much had been sent.
        Object.assign(entry, { durationMs: Date.now() - startedAt, detail: `connection closed after ${bytes} bytes` });
      });
    } else if (outcome.fault === 'hugeContentLength') {
      record(200, 'hugeContentLength');
      announceHugeBody(res, requestId);
    } else {
      // hang: answer nothing. The socket is parked, not worked on, so it leaves inFlight (a client that
      // abandons it without closing the socket must not inflate later concurrency measurements).
      record(0, 'hang');
      stats.hanging++;
      if (res.destroyed || req.socket.destroyed) {
        stats.hanging--;
      } else {
        res.once('close', () => stats.hanging--);
      }
    }
  } catch (e) {
    const err = e instanceof ApiError ? e : gatewayErrors.internal();
    const host = headerValue(req, 'host') ?? '';
    send(res, err.status, JSON_TYPE, JSON.stringify(errorBody(err, requestId, product, host)), requestId);
    record(err.status, err.code, err.detail ?? (e instanceof ApiError ? undefined : String(e)));
  } finally {
    stats.inFlight--;
  }
}
