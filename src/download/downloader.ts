import * as fs from 'fs/promises';
import type { IncomingMessage } from 'http';
import { checkDownloadUrl } from '../cloud/downloadUrls';
import { isCertificateCode } from '../cloud/errorMapping';
import type { ProxyConfig } from '../cloud/proxy';
import { backoffDelay, sleep, type RetryPolicy } from '../cloud/retry';
import { Connections } from './connections';
import { DownloadError, errorCode } from './downloadError';
import { PartFile, PartFileError } from './partFile';
import { ProgressMeter, type DownloadProgress } from './progress';
import { contentLength, contentRange, header, isExpiredAnswer, ossCrc64, ossErrorFields, readErrorBody } from './responses';
import { downloadTransport } from './transport';

export type { DownloadProgress } from './progress';

/**
 * The signed URL to fetch: the one at hand, or with `renew` a fresh one from the API because the last one
 * expired. Undefined when the backup has none (any more).
 */
export type UrlSource = (renew: boolean, signal: AbortSignal) => Promise<string | undefined>;

export interface DownloadOptions {
  url: UrlSource;
  /** Where the file ends up; it is written as `<target>.part` and renamed once it is complete and checked. */
  target: string;
  signal: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** The size the API gives, where that is the file's size: the server must send exactly this many bytes. */
  expectedBytes?: number;
  /** One line per event worth knowing (retries, renewals, checks); never the URL. */
  log?: (line: string) => void;
  /** Attempts in a row that bring no byte, before giving up. */
  retry?: RetryPolicy;
  /** An attempt that receives nothing for this long is given up (and retried). */
  idleTimeoutMs?: number;
  /** Undefined: the file is fetched directly. */
  proxy?: ProxyConfig;
}

export interface DownloadResult {
  bytes: number;
  /** Whether the server gave an x-oss-hash-crc64ecma that the file was checked against. */
  checksum: 'crc64' | 'none';
  /** Requests that went on with Range; starts from zero (the server ignored Range, the object changed); fresh URLs. */
  resumes: number;
  restarts: number;
  renewals: number;
}

const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 10_000 };
const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
/** A URL with less validity left than this is renewed before it is used. */
const MIN_VALIDITY_MS = 5_000;
const MAX_RENEWALS = 3;
const MAX_RESTARTS = 3;

/** What one request achieved; the loop decides what comes next. */
type Outcome = { kind: 'complete' } | { kind: 'expired' } | { kind: 'restart'; why: string } | { kind: 'retry'; why: string };

/**
 * Streams a presigned URL to a file with flat memory: resumes with Range after a broken connection, renews an
 * expired URL, checks the size and the CRC-64 the server gives. On failure or cancellation the `.part` file is
 * removed and a DownloadError says why.
 */
export async function download(options: DownloadOptions): Promise<DownloadResult> {
  const partPath = `${options.target}.part`;
  if (options.signal.aborted) throw new DownloadError('cancelled');
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(partPath, 'w');
  } catch (err) {
    throw new DownloadError('file', `Creating the file failed (${errorCode(err)}).`);
  }
  const run = new Download(options, new PartFile(handle));
  try {
    const result = await run.toEnd();
    await handle.close();
    await fs.rename(partPath, options.target);
    return result;
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.rm(partPath, { force: true }).catch(() => undefined);
    if (options.signal.aborted) throw new DownloadError('cancelled');
    if (err instanceof DownloadError) throw err;
    throw new DownloadError('file', err instanceof PartFileError ? err.message : `Finishing the file failed (${errorCode(err)}).`);
  } finally {
    run.dispose();
  }
}

class Download {
  private readonly result: DownloadResult = { bytes: 0, checksum: 'none', resumes: 0, restarts: 0, renewals: 0 };
  /** What the first response said about the object; a later one that disagrees means the object changed. */
  private total?: number;
  private etag?: string;
  private crc64?: string;
  private upgradeSaid = false;
  private readonly connections: Connections;
  private readonly meter: ProgressMeter;
  private readonly log: (line: string) => void;

  constructor(
    private readonly options: DownloadOptions,
    private readonly part: PartFile,
  ) {
    this.connections = new Connections(options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, options.signal, options.proxy);
    this.meter = new ProgressMeter(() => ({ bytes: part.length, total: this.total }), options.onProgress);
    this.log = options.log ?? (() => undefined);
  }

  dispose(): void {
    this.meter.stop();
    this.connections.destroy();
    this.part.crc.stop();
  }

  async toEnd(): Promise<DownloadResult> {
    const retry = this.options.retry ?? DEFAULT_RETRY;
    let renew = false;
    let failures = 0;
    for (;;) {
      const url = await this.usableUrl(renew);
      renew = false;
      const before = this.part.length;
      const outcome = await this.attempt(url);
      if (outcome.kind === 'complete') break;
      if (outcome.kind === 'expired') {
        this.log(`The download URL expired at byte ${this.part.length}; fetching a new one.`);
        renew = true;
      } else if (outcome.kind === 'restart') {
        await this.startOver(outcome.why);
      } else {
        failures = this.part.length > before ? 0 : failures + 1;
        if (failures >= retry.maxAttempts) throw new DownloadError('network', `${failures} attempts in a row brought nothing; the last: ${outcome.why}.`);
        const delay = backoffDelay(retry, failures + 1);
        this.log(`The connection failed at byte ${this.part.length}${this.total === undefined ? '' : ` of ${this.total}`} (${outcome.why}); going on with Range in ${delay} ms.`);
        await sleep(delay, this.options.signal).catch(() => undefined);
        if (this.options.signal.aborted) throw new DownloadError('cancelled');
      }
    }
    this.result.checksum = await this.verify();
    this.result.bytes = this.part.length;
    this.meter.report();
    return this.result;
  }

  private async startOver(why: string): Promise<void> {
    if (++this.result.restarts > MAX_RESTARTS) throw new DownloadError('network', `Started over ${MAX_RESTARTS} times; the last time because ${why}.`);
    this.log(`Starting over from byte 0: ${why}.`);
    await this.part.truncate();
  }

  /** The URL to request now: refused unless it may be fetched; renewed first when its time is (nearly) up. */
  private async usableUrl(renew: boolean): Promise<URL> {
    const { signal } = this.options;
    for (;;) {
      if (renew && ++this.result.renewals > MAX_RENEWALS) throw new DownloadError('expired', `Renewed ${MAX_RENEWALS} times.`);
      let text: string | undefined;
      try {
        text = await this.options.url(renew, signal);
      } catch (err) {
        if (signal.aborted) throw new DownloadError('cancelled');
        throw new DownloadError('expired', `Fetching a new one failed (${errorCode(err)}).`);
      }
      if (signal.aborted) throw new DownloadError('cancelled');
      if (!text) throw new DownloadError(renew ? 'expired' : 'noUrl');
      const transport = downloadTransport(text);
      if (!transport.ok) throw new DownloadError(transport.reason);
      const check = checkDownloadUrl(text);
      const expiresAt = check.usable ? check.expiry?.getTime() : undefined;
      if (expiresAt === undefined || expiresAt - Date.now() > MIN_VALIDITY_MS) {
        if (transport.upgraded && !this.upgradeSaid) this.log('The download URL is http://; it is fetched over https:// (the signature does not cover the scheme).');
        this.upgradeSaid ||= transport.upgraded;
        return transport.url;
      }
      this.log(renew ? 'The renewed download URL has expired as well.' : 'The download URL has expired; fetching a new one first.');
      renew = true;
    }
  }

  /** One request: from where the file ends to the end of the object, or until the connection fails. */
  private async attempt(url: URL): Promise<Outcome> {
    const resumeAt = this.part.length;
    const headers: Record<string, string> = {};
    if (resumeAt > 0) {
      headers.range = `bytes=${resumeAt}-`;
      if (this.etag) headers['if-match'] = this.etag;
      this.result.resumes++;
    }
    let res: IncomingMessage;
    try {
      res = await this.connections.get(url, headers);
    } catch (err) {
      if (this.options.signal.aborted) throw new DownloadError('cancelled');
      if (isCertificateCode(errorCode(err))) throw new DownloadError('certificate', `(${errorCode(err)})`);
      return { kind: 'retry', why: this.connections.describeFailure(url, err) ?? errorCode(err) };
    }
    const status = res.statusCode ?? 0;
    if (status !== 200 && status !== 206) return this.refused(res, status);
    const changed = this.learn(res);
    if (changed) {
      res.destroy();
      return { kind: 'restart', why: changed };
    }
    if (status === 200 && resumeAt > 0) {
      // The whole object again: write it from the start instead of asking once more.
      await this.startOver('the server answered the Range request with the whole file (200)');
    } else if (status === 206) {
      this.checkRange(res, resumeAt);
    }
    return this.receive(res);
  }

  /** Remembers size, ETag and CRC-64 from the first response; names what differs in a later one. */
  private learn(res: IncomingMessage): string | undefined {
    const total = res.statusCode === 206 ? contentRange(res)?.total : contentLength(res);
    const etag = header(res, 'etag');
    const crc64 = ossCrc64(res);
    if (this.etag !== undefined && etag !== undefined && etag !== this.etag) return 'the object changed (another ETag)';
    if (this.crc64 !== undefined && crc64 !== undefined && crc64 !== this.crc64) return 'the object changed (another CRC-64)';
    if (this.total !== undefined && total !== undefined && total !== this.total) return 'the object changed (another size)';
    this.etag ??= etag;
    this.crc64 ??= crc64;
    this.total ??= total;
    const expected = this.options.expectedBytes;
    if (total !== undefined && expected !== undefined && total !== expected) {
      res.destroy();
      throw new DownloadError('sizeMismatch', `The server sends ${total} bytes; the backup's size is ${expected} bytes.`);
    }
    return undefined;
  }

  /** A 206 must start where the file ends and run to the end of the object. */
  private checkRange(res: IncomingMessage, resumeAt: number): void {
    const range = contentRange(res);
    const ok = range?.first === resumeAt && range.total !== undefined && range.last === range.total - 1;
    if (!ok) {
      res.destroy();
      throw new DownloadError('badRange', `Asked for bytes ${resumeAt}-, got ${header(res, 'content-range') === undefined ? 'no Content-Range' : 'another range'}.`);
    }
  }

  /**
   * The body into the file. When the connection breaks, what arrived is still written (the file ends there and
   * the next request starts there); a failed write is an error, a broken connection an outcome to retry.
   */
  private receive(res: IncomingMessage): Promise<Outcome> {
    const sink = this.part.appender();
    return new Promise((resolve, reject) => {
      let broken: string | undefined;
      const keepWhatArrived = (why: string): void => {
        if (broken !== undefined || res.complete) return;
        broken = why;
        res.unpipe(sink);
        sink.end();
      };
      res.once('error', (err) => keepWhatArrived(errorCode(err)));
      res.once('close', () => keepWhatArrived('the connection closed early'));
      sink.once('error', (err) => {
        broken = 'the file could not be written';
        res.destroy();
        reject(err);
      });
      sink.once('finish', () => {
        if (broken !== undefined) resolve({ kind: 'retry', why: broken });
        else if (this.total !== undefined && this.part.length < this.total) resolve({ kind: 'retry', why: 'the body ended early' });
        else resolve({ kind: 'complete' });
      });
      res.pipe(sink);
    });
  }

  /** Any answer but 200 and 206. */
  private async refused(res: IncomingMessage, status: number): Promise<Outcome> {
    if (status >= 300 && status < 400) {
      res.destroy();
      throw new DownloadError('redirect', `HTTP ${status}.`, status);
    }
    const body = await readErrorBody(res);
    if (isExpiredAnswer(status, body)) return { kind: 'expired' };
    // The server's error code, if it looks like one: nothing else of the body reaches the log.
    const code = ossErrorFields(body).code;
    this.log(`The server answered HTTP ${status}${code && /^[\w.-]{1,64}$/.test(code) ? ` ${code}` : ''}.`);
    if (status === 412) return { kind: 'restart', why: 'the object changed (If-Match failed)' };
    if (status === 416) {
      const total = contentRange(res)?.total;
      if (total !== undefined && total === this.part.length && (this.total === undefined || total === this.total)) return { kind: 'complete' };
      return { kind: 'restart', why: 'the server could not serve the range' };
    }
    if (status === 429 || status >= 500) return { kind: 'retry', why: `HTTP ${status}` };
    throw new DownloadError('httpStatus', `HTTP ${status}.`, status);
  }

  /** Size against the object's and the API's, content against the server's CRC-64. */
  private async verify(): Promise<DownloadResult['checksum']> {
    const length = this.part.length;
    if (this.total !== undefined && length !== this.total) throw new DownloadError('sizeMismatch', `${length} bytes written, ${this.total} sent.`);
    const expected = this.options.expectedBytes;
    if (expected !== undefined && length !== expected) throw new DownloadError('sizeMismatch', `${length} bytes written; the backup's size is ${expected} bytes.`);
    if (this.crc64 === undefined) {
      this.log(`Downloaded ${length} bytes; the server gave no CRC-64 to check them against.`);
      return 'none';
    }
    const actual = await this.part.crc.digest();
    if (actual !== this.crc64) throw new DownloadError('checksumMismatch', `The file's CRC-64 is ${actual}; the server's is ${this.crc64}.`);
    this.log(`Downloaded ${length} bytes; CRC-64 ${actual} matches the server's.`);
    return 'crc64';
  }
}
