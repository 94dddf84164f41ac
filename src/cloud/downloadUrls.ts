/** What a signed OSS download URL from a response can be used for; such URLs are untrusted like any other text. */
export type DownloadUrlCheck = { usable: true; expiry?: Date } | { usable: false; reason: 'malformed' | 'scheme' };

/** OSS V4 signs with `x-oss-date` (20241203T101010Z) and `x-oss-expires` (seconds from it). */
function ossV4Expiry(params: URLSearchParams): Date | undefined {
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(params.get('x-oss-date') ?? '');
  const seconds = Number(params.get('x-oss-expires'));
  if (!date || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  const signedAt = Date.UTC(+date[1], +date[2] - 1, +date[3], +date[4], +date[5], +date[6]);
  return Number.isFinite(signedAt) ? new Date(signedAt + seconds * 1000) : undefined;
}

/** OSS V1 signs with `Expires`, in epoch seconds. */
function ossV1Expiry(params: URLSearchParams): Date | undefined {
  const expires = Number(params.get('Expires'));
  return Number.isFinite(expires) && expires > 0 ? new Date(expires * 1000) : undefined;
}

/** Whether a download URL may be handed on (only http and https), and when its signature stops working. */
export function checkDownloadUrl(url: string): DownloadUrlCheck {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { usable: false, reason: 'malformed' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { usable: false, reason: 'scheme' };
  const expiry = ossV4Expiry(parsed.searchParams) ?? ossV1Expiry(parsed.searchParams);
  return { usable: true, expiry: expiry && !Number.isNaN(expiry.getTime()) ? expiry : undefined };
}

/** True when the URL has at least `seconds` of validity left (or says nothing about its expiry). */
export function validFor(check: { expiry?: Date }, seconds: number, now = Date.now()): boolean {
  return !check.expiry || check.expiry.getTime() - now > seconds * 1000;
}
