import { createHash, createHmac, timingSafeEqual } from 'crypto';
import { IncomingHttpHeaders } from 'http';
import { findKey, KnownKey } from './credentials';
import { ApiError, gatewayErrors } from './errors';

/** Alibaba's V3 doc and the legacy RPC gateway both allow 15 minutes of clock skew, and remember nonces as long. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

/** What the verifier needs from an HTTP request; query and form values are already decoded. */
export interface SignedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly form: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface AuthResult {
  readonly key: KnownKey;
  readonly scheme: 'v3' | 'v2';
}

/** Remembers nonces per AccessKey for the skew window so replays are refused. */
export class NonceStore {
  private readonly seen = new Map<string, number>();

  /** Returns false when the nonce was already used within the window. */
  claim(accessKeyId: string, nonce: string, now: number): boolean {
    this.prune(now);
    const id = `${accessKeyId}\n${nonce}`;
    if (this.seen.has(id)) {
      return false;
    }
    this.seen.set(id, now + MAX_SKEW_MS);
    return true;
  }

  private prune(now: number): void {
    // Insertion order is expiry order, so stop at the first live entry.
    for (const [id, expiry] of this.seen) {
      if (expiry > now) {
        break;
      }
      this.seen.delete(id);
    }
  }
}

/** encodeURIComponent plus the five characters it leaves alone, exactly as openapi-util's `encode`. */
export function acsEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  // Guard against names like "constructor" reaching a prototype member.
  const v: unknown = Object.hasOwn(headers, name) ? headers[name] : undefined;
  return Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : undefined;
}

function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sortedKeys(obj: Readonly<Record<string, string>>): string[] {
  // Default sort = UTF-16 code unit order, the order the client's Object.keys(...).sort() produces.
  return Object.keys(obj).sort();
}

const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function checkTimestamp(value: string, now: number): void {
  const t = TIMESTAMP_RE.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(t)) {
    throw gatewayErrors.timestampFormat(value);
  }
  if (Math.abs(now - t) > MAX_SKEW_MS) {
    throw gatewayErrors.timestampExpired(value);
  }
}

function lookupKey(accessKeyId: string, token: string | undefined): KnownKey {
  const key = findKey(accessKeyId);
  if (!key) {
    throw gatewayErrors.accessKeyNotFound();
  }
  if (key.state === 'inactive') {
    throw gatewayErrors.accessKeyInactive();
  }
  if (accessKeyId.startsWith('STS.') && key.sts) {
    if (!token) {
      throw gatewayErrors.tokenMissing();
    }
    if (key.sts.expiredTokens.includes(token)) {
      throw gatewayErrors.tokenExpired();
    }
    if (token !== key.sts.validToken) {
      throw gatewayErrors.tokenMismatch();
    }
  }
  return key;
}

function claimNonce(nonces: NonceStore, accessKeyId: string, nonce: string, now: number): void {
  if (!nonces.claim(accessKeyId, nonce, now)) {
    throw gatewayErrors.nonceUsed();
  }
}

/** SignatureDoesNotMatch carrying, for the request log only, what the server signed (token masked). */
function mismatch(detail: string, token?: string): ApiError {
  const err = gatewayErrors.signatureMismatch();
  err.detail = token ? detail.split(token).join('<token>').split(acsEncode(acsEncode(token))).join('<token>') : detail;
  return err;
}

const AUTH_RE = /^ACS3-HMAC-SHA256\s+(.*)$/;

interface V3Authorization {
  readonly credential: string;
  readonly signedHeaders: string[];
  readonly signature: string;
}

function parseAuthorization(value: string): V3Authorization {
  const m = AUTH_RE.exec(value.trim());
  if (!m) {
    throw gatewayErrors.incompleteSignature('Only ACS3-HMAC-SHA256 is supported.');
  }
  const fields = new Map<string, string>();
  for (const part of m[1].split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || signedHeaders === undefined || !signature || !/^[0-9a-fA-F]{64}$/.test(signature)) {
    throw gatewayErrors.incompleteSignature('Authorization must carry Credential, SignedHeaders and Signature.');
  }
  return { credential, signedHeaders: signedHeaders.split(';').filter((h) => h !== ''), signature: signature.toLowerCase() };
}

/** Canonical request of the ACS3 recipe, rebuilt from what arrived on the wire. */
export function canonicalRequestV3(req: SignedRequest, signedHeaders: readonly string[], payloadHash: string): string {
  const query = sortedKeys(req.query)
    .map((k) => `${k}=${acsEncode(req.query[k])}`)
    .join('&');
  const headers = signedHeaders.map((h) => `${h}:${(header(req.headers, h) ?? '').trim()}\n`).join('');
  return [req.method, req.path, query, headers, signedHeaders.join(';'), payloadHash].join('\n');
}

function verifyV3(req: SignedRequest, authorization: string, nonces: NonceStore, now: number): AuthResult {
  const auth = parseAuthorization(authorization);
  const date = header(req.headers, 'x-acs-date');
  const nonce = header(req.headers, 'x-acs-signature-nonce');
  const contentSha = header(req.headers, 'x-acs-content-sha256');
  if (!date || !nonce || !contentSha) {
    throw gatewayErrors.incompleteSignature('x-acs-date, x-acs-signature-nonce and x-acs-content-sha256 are required.');
  }
  const token = header(req.headers, 'x-acs-security-token');
  const key = lookupKey(auth.credential, token);
  checkTimestamp(date, now);

  const signed = new Set(auth.signedHeaders);
  const unsigned = Object.keys(req.headers).filter((h) => (h.startsWith('x-acs-') || h === 'host') && !signed.has(h));
  if (unsigned.length > 0) {
    throw gatewayErrors.incompleteSignature(`SignedHeaders must include: ${unsigned.sort().join(';')}.`);
  }
  const payloadHash = sha256Hex(req.body);
  if (contentSha.toLowerCase() !== payloadHash) {
    throw mismatch(`x-acs-content-sha256 ${contentSha} != sha256(body) ${payloadHash}`);
  }
  // The client signs the header list in sorted order; sort ours too so a reordered list still verifies.
  const canonical = canonicalRequestV3(req, [...signed].sort(), payloadHash);
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonical)}`;
  const expected = createHmac('sha256', key.secret).update(stringToSign).digest('hex');
  if (!safeEqual(expected, auth.signature)) {
    throw mismatch(`canonical request:\n${canonical}\nstring to sign:\n${stringToSign}`, token);
  }
  claimNonce(nonces, key.accessKeyId, nonce, now);
  return { key, scheme: 'v3' };
}

/** Parameters the legacy RPC scheme adds to every request; they are not business parameters. */
export const V2_COMMON_PARAMS: ReadonlySet<string> = new Set([
  'Action',
  'Version',
  'Format',
  'Timestamp',
  'SignatureNonce',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureType',
  'AccessKeyId',
  'SecurityToken',
  'Signature',
]);

export function stringToSignV2(method: string, params: Readonly<Record<string, string>>): string {
  const canonical = sortedKeys(params)
    .map((k) => `${acsEncode(k)}=${acsEncode(params[k])}`)
    .join('&');
  return `${method}&${acsEncode('/')}&${acsEncode(canonical)}`;
}

function verifyV2(req: SignedRequest, nonces: NonceStore, now: number): AuthResult {
  const q = req.query;
  const { AccessKeyId: akId, Signature: signature, SignatureNonce: nonce, Timestamp: timestamp } = q;
  if (!akId || !signature || !nonce || !timestamp) {
    throw gatewayErrors.incompleteSignature('AccessKeyId, Signature, SignatureNonce and Timestamp are required.');
  }
  if (q.SignatureMethod !== 'HMAC-SHA1' || q.SignatureVersion !== '1.0') {
    throw gatewayErrors.incompleteSignature('SignatureMethod must be HMAC-SHA1 and SignatureVersion 1.0.');
  }
  const key = lookupKey(akId, q.SecurityToken);
  checkTimestamp(timestamp, now);
  // The client signs the query and the form body together.
  const params: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, req.form, q);
  delete params.Signature;
  const stringToSign = stringToSignV2(req.method, params);
  const expected = createHmac('sha1', `${key.secret}&`).update(stringToSign).digest('base64');
  if (!safeEqual(expected, signature)) {
    throw mismatch(`string to sign:\n${stringToSign}`, q.SecurityToken);
  }
  claimNonce(nonces, key.accessKeyId, nonce, now);
  return { key, scheme: 'v2' };
}

/** Verifies a V3 (Authorization header) or legacy v2 (Signature query parameter) request; throws ApiError. */
export function authenticate(req: SignedRequest, nonces: NonceStore, now: number = Date.now()): AuthResult {
  const authorization = header(req.headers, 'authorization');
  if (authorization) {
    return verifyV3(req, authorization, nonces, now);
  }
  if (req.query.Signature !== undefined) {
    return verifyV2(req, nonces, now);
  }
  throw gatewayErrors.incompleteSignature('The request carries neither an Authorization header nor a Signature.');
}
