import { isLoopback } from '../cloud/endpoints';

/** Why a download URL is not fetched; the URL itself is never repeated (it carries a signature). */
export type RefusedUrl = 'malformed' | 'scheme' | 'plainHttpRemote' | 'hasUserInfo';

export type Transport = { ok: true; url: URL; upgraded: boolean } | { ok: false; reason: RefusedUrl };

/** Alibaba Cloud's own hosts (OSS buckets, RDS backup hosts): all of them serve https. */
function isAlibabaCloudHost(hostname: string): boolean {
  return hostname.endsWith('.aliyuncs.com');
}

/**
 * How a download URL may be fetched. https as it is; plain http only to this machine (the emulator). The APIs hand
 * out `http://…aliyuncs.com` URLs as well: those are fetched over https, because an OSS signature covers neither
 * the scheme nor the port, and a signed URL must not cross a network in clear text. Any other http host, and any
 * other scheme, is refused.
 */
export function downloadTransport(text: string): Transport {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'scheme' };
  if (url.username || url.password) return { ok: false, reason: 'hasUserInfo' };
  if (url.protocol === 'https:' || isLoopback(url.hostname)) return { ok: true, url, upgraded: false };
  if (!isAlibabaCloudHost(url.hostname)) return { ok: false, reason: 'plainHttpRemote' };
  const secure = new URL(text);
  secure.protocol = 'https:';
  secure.port = '';
  return { ok: true, url: secure, upgraded: true };
}
