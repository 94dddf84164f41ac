import type { RefusedUrl } from './transport';

/** Why a download ended without a file; the command turns each into a fixed sentence. */
export type DownloadFailure =
  | 'cancelled'
  | 'noUrl'
  | RefusedUrl
  | 'expired'
  | 'redirect'
  | 'httpStatus'
  | 'network'
  | 'certificate'
  | 'badRange'
  | 'sizeMismatch'
  | 'checksumMismatch'
  | 'file';

const SUMMARY: Record<DownloadFailure, string> = {
  cancelled: 'The download was cancelled.',
  noUrl: 'The backup has no download URL.',
  malformed: 'The download URL is not a valid URL.',
  scheme: 'The download URL is neither https nor http.',
  plainHttpRemote: 'The download URL is plain http to a host other than this machine or Alibaba Cloud.',
  hasUserInfo: 'The download URL carries a user name or password.',
  expired: 'The download URL expired and no valid one could be fetched.',
  redirect: 'The server redirected the download; redirects are not followed.',
  httpStatus: 'The server refused the download.',
  network: 'The connection kept failing.',
  certificate: "The server's TLS certificate was not accepted.",
  badRange: 'The server answered a Range request with other bytes than asked for.',
  sizeMismatch: 'The file does not have the size it should have.',
  checksumMismatch: 'The file does not match its CRC-64.',
  file: 'The file could not be written.',
};

/**
 * A download that failed. The message is ours (a summary, then details such as a status, an error code or byte
 * counts): never the URL, never a response body.
 */
export class DownloadError extends Error {
  constructor(
    readonly reason: DownloadFailure,
    detail?: string,
    /** The HTTP status, when the server refused. */
    readonly status?: number,
  ) {
    super(detail ? `${SUMMARY[reason]} ${detail}` : SUMMARY[reason]);
    this.name = 'DownloadError';
  }
}

/** Node's error code (ECONNRESET, ENOSPC…) or the error's name: never its message, which may quote a URL. */
export function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const { code, name } = err as { code?: unknown; name?: unknown };
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code;
    if (typeof name === 'string' && /^\w{1,40}$/.test(name)) return name;
  }
  return 'unknown error';
}
