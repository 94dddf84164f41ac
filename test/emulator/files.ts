// The emulator's OSS: with `downloads: true` every download URL a response carries is rewritten to point at the
// emulator itself (`http://127.0.0.1:PORT/__files/<OSS host>/<object path>?Expires=…&OSSAccessKeyId=…&Signature=…`)
// and GET of such a URL serves the backup file: as many bytes as the record's BackupSize says, made up on the fly
// (fileContent.ts), with Range, the OSS headers (ETag, x-oss-hash-crc64ecma), expiry, the V1 query signature and
// the download faults (faults.ts). Without the option, URLs stay as the products mint them and nothing is served.
import { createHmac, randomUUID } from 'crypto';
import { IncomingMessage, ServerResponse } from 'http';
import { fileChunks, fileCrc64 } from './fileContent';
import type { DownloadFaultKind, FaultSpec } from './faults';
import { hashString } from './random';
import type { EmulatorState, RequestLogEntry } from './server';
import { decodeParams } from './server';

export const FILES_PREFIX = '/__files/';

/** The fields of a response record that hold a download URL. */
const URL_FIELDS = ['BackupDownloadURL', 'BackupIntranetDownloadURL', 'DownloadLink', 'IntranetDownloadLink'];
const SIGNING_KEY_ID = 'EMULATOR_OSS_KEY_ID';
const SIGNING_SECRET = 'emulator-oss-secret-9b31';
const DEFAULT_BYTES_PER_SECOND = 1024 * 1024;

interface ServedFile {
  readonly size: number;
  crc64?: string;
}

/** The files behind the URLs handed out so far, by `<host>/<path>`. */
export class DownloadFiles {
  private readonly files = new Map<string, ServedFile>();

  constructor(private readonly base: () => string) {}

  /** A presigned URL of a file of `size` bytes, served here until `expires` (epoch seconds). */
  mint(host: string, path: string, size: number, expires: number): string {
    const key = `${host}/${path.replace(/^\/+/, '')}`;
    if (!this.files.has(key)) this.files.set(key, { size });
    return `${this.base()}${FILES_PREFIX}${key}?Expires=${expires}&OSSAccessKeyId=${SIGNING_KEY_ID}&Signature=${encodeURIComponent(sign(key, expires))}`;
  }

  /** Points every download URL in a response body at this server; each file's size is its record's BackupSize. */
  rewrite(body: object): void {
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(visit);
      if (typeof value !== 'object' || value === null) return;
      const record = value as Record<string, unknown>;
      for (const field of URL_FIELDS) {
        const url = record[field];
        if (typeof url === 'string' && /^https?:\/\//.test(url)) record[field] = this.served(url, record.BackupSize);
      }
      Object.values(record).forEach(visit);
    };
    visit(body);
  }

  private served(original: string, backupSize: unknown): string {
    const url = new URL(original);
    const size = Number(backupSize);
    // Per-database links have no size of their own: 1 to 16 MiB, fixed per link.
    const bytes = Number.isSafeInteger(size) && size >= 0 ? size : 1024 * 1024 * (1 + (hashString(url.pathname) % 16));
    return this.mint(url.host, url.pathname, bytes, Number(url.searchParams.get('Expires')));
  }

  file(key: string): ServedFile | undefined {
    return this.files.get(key);
  }
}

/** OSS V1 query signature: HMAC-SHA1 over the verb, the expiry and the resource. */
function sign(key: string, expires: number): string {
  return createHmac('sha1', SIGNING_SECRET).update(`GET\n\n\n${expires}\n/${key}`).digest('base64');
}

function etagOf(key: string, size: number): string {
  // The shape of a multipart object's ETag, which is no MD5 of the content.
  return `"${createHmac('md5', 'etag').update(`${key}:${size}`).digest('hex').toUpperCase()}-${Math.max(1, Math.ceil(size / (64 * 1024 * 1024)))}"`;
}

function ossError(res: ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
  const fields = Object.entries({ Code: code, Message: message, RequestId: randomUUID().toUpperCase(), ...extra }).map(([k, v]) => `  <${k}>${v}</${k}>`);
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n${fields.join('\n')}\n</Error>\n`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` against a size; undefined when absent or not one range (served whole, as OSS does). */
function parseRange(value: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(value?.trim() ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') return { start: Math.max(0, size - Number(m[2])), end: size };
  const start = Number(m[1]);
  if (start >= size) return 'unsatisfiable';
  return { start, end: m[2] === '' ? size : Math.min(size, Number(m[2]) + 1) };
}

/** Serves GET and HEAD of `/__files/<host>/<path>?…`; writes one request log entry when the response closes. */
export function serveFile(req: IncomingMessage, res: ServerResponse, st: EmulatorState, files: DownloadFiles): void {
  const startedAt = Date.now();
  const [rawPath, rawQuery = ''] = (req.url ?? '').split('?', 2);
  const key = rawPath.slice(FILES_PREFIX.length);
  const query = decodeParams(rawQuery);
  const range = typeof req.headers.range === 'string' ? req.headers.range : undefined;
  const entry: RequestLogEntry = {
    product: 'oss', version: '', action: 'GetObject', method: req.method ?? '', params: { object: key, ...(range ? { Range: range } : {}) },
    status: 0, requestId: '', startedAt, durationMs: 0,
  };
  res.once('close', () => {
    Object.assign(entry, { status: entry.status || res.statusCode, durationMs: Date.now() - startedAt });
    st.log.push(entry);
  });

  const file = files.file(key);
  const expires = Number(query.Expires);
  if (req.method !== 'GET' && req.method !== 'HEAD') return ossError(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  if (!file) return ossError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
  if (!Number.isSafeInteger(expires) || query.Signature !== sign(key, expires)) {
    entry.code = 'SignatureDoesNotMatch';
    return ossError(res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  }
  const fault = st.faults.takeDownload();
  entry.code = fault?.kind;
  const now = Math.floor(Date.now() / 1000);
  if (expires < now || fault?.kind === 'expiredUrl') {
    entry.code ??= 'AccessDenied';
    return ossError(res, 403, 'AccessDenied', 'Request has expired.', { Expires: new Date(expires * 1000).toISOString(), ServerTime: new Date(now * 1000).toISOString() });
  }
  const etag = etagOf(key, file.size);
  if (typeof req.headers['if-match'] === 'string' && req.headers['if-match'] !== etag) {
    return ossError(res, 412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold.');
  }
  const asked = fault?.kind === 'ignoreRange' ? undefined : parseRange(range, file.size);
  if (asked === 'unsatisfiable') {
    res.setHeader('content-range', `bytes */${file.size}`);
    return ossError(res, 416, 'InvalidRange', 'The requested range cannot be satisfied.');
  }
  const { start, end } = asked ?? { start: 0, end: file.size };
  file.crc64 ??= fileCrc64(key, file.size).toString();
  res.writeHead(asked ? 206 : 200, {
    'content-type': 'application/octet-stream',
    'content-length': end - start,
    ...(asked ? { 'content-range': `bytes ${start}-${end - 1}/${file.size}` } : {}),
    'accept-ranges': 'bytes',
    etag,
    'last-modified': new Date(0).toUTCString(),
    'x-oss-request-id': randomUUID().replace(/-/g, '').slice(0, 24).toUpperCase(),
    'x-oss-object-type': 'Multipart',
    'x-oss-hash-crc64ecma': file.crc64,
  });
  if (req.method === 'HEAD') return void res.end();
  void sendBody(req, res, key, start, end, fault).then((sent) => {
    if (fault?.kind === 'resetMidFile') entry.detail = `socket destroyed after ${sent} body bytes`;
  });
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** The bytes with backpressure; slower under slowLink; cut under resetMidFile. Resolves with the bytes sent. */
async function sendBody(req: IncomingMessage, res: ServerResponse, key: string, start: number, end: number, fault: (FaultSpec & { kind: DownloadFaultKind }) | undefined): Promise<number> {
  const rate = fault?.kind === 'slowLink' ? (fault.bytesPerSecond ?? DEFAULT_BYTES_PER_SECOND) : undefined;
  const cutAt = fault?.kind === 'resetMidFile' ? Math.min(end - start, fault.afterBytes ?? Math.max(1, Math.floor((end - start) / 2))) : undefined;
  const began = Date.now();
  let sent = 0;
  const chunkBytes = rate ? Math.max(1024, Math.floor(rate / 20)) : 256 * 1024;
  for (const whole of fileChunks(key, start, end, chunkBytes)) {
    if (res.destroyed) return sent;
    const chunk = cutAt === undefined ? whole : whole.subarray(0, cutAt - sent);
    const flushed = new Promise<void>((resolve) => res.write(chunk, () => resolve()));
    sent += chunk.length;
    if (cutAt !== undefined && sent >= cutAt) {
      await flushed;
      req.socket.destroy();
      return sent;
    }
    if (res.writableNeedDrain) await drained(res);
    if (rate) {
      const due = began + (sent / rate) * 1000;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    }
  }
  res.end();
  return sent;
}
