import type { IncomingMessage } from 'http';

// What the download reads from OSS's answers. Every value comes from the network: numbers are parsed strictly and
// error bodies are read only up to a small limit.

/** OSS error bodies are a few hundred bytes; anything longer is cut here. */
const MAX_ERROR_BODY = 16 * 1024;

export function header(res: IncomingMessage, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A non-negative integer as HTTP writes it, or undefined. */
function byteCount(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,16}$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return Number.isSafeInteger(n) ? n : undefined;
}

export function contentLength(res: IncomingMessage): number | undefined {
  return byteCount(header(res, 'content-length'));
}

/** The Content-Range of a 206 (`bytes first-last/total`) or of a 416 (an asterisk in place of the range). */
export interface ContentRange {
  first?: number;
  last?: number;
  total?: number;
}

export function contentRange(res: IncomingMessage): ContentRange | undefined {
  const match = /^bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)$/.exec(header(res, 'content-range')?.trim() ?? '');
  if (!match) return undefined;
  return { first: byteCount(match[1]), last: byteCount(match[2]), total: byteCount(match[3]) };
}

/** The whole object's CRC-64 as OSS sends it with every GET (ranges included): an unsigned decimal. */
export function ossCrc64(res: IncomingMessage): string | undefined {
  const value = header(res, 'x-oss-hash-crc64ecma')?.trim();
  return value && /^\d{1,20}$/.test(value) ? BigInt(value).toString() : undefined;
}

/** The start of an error body, as text; the rest is not read. */
export function readErrorBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (): void => {
      res.destroy();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    res.on('data', (chunk: Buffer) => {
      chunks.push(chunk.subarray(0, MAX_ERROR_BODY - size));
      size += chunk.length;
      if (size >= MAX_ERROR_BODY) finish();
    });
    res.once('end', finish);
    res.once('error', finish);
  });
}

/** An OSS XML error's Code and Message (flat `<Error><Code>…</Code>…</Error>`). */
export function ossErrorFields(body: string): { code?: string; message?: string } {
  const field = (name: string): string | undefined => new RegExp(`<${name}>([^<]{0,500})</${name}>`).exec(body)?.[1]?.trim();
  return { code: field('Code'), message: field('Message') };
}

/** OSS's answer to a signed URL whose time is up: 403 AccessDenied, "Request has expired." */
export function isExpiredAnswer(status: number, body: string): boolean {
  if (status !== 403) return false;
  const { code, message } = ossErrorFields(body);
  return code === 'AccessDenied' && /expired/i.test(message ?? '');
}
