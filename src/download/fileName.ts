// The save dialog's suggestion comes from the URL's last path segment, which the API chose: it must not be able
// to name a folder, a device, a hidden file or something that renders differently than it reads.

/** Path separators, characters Windows forbids, control characters and bidirectional overrides. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const MAX_LENGTH = 150;

function clean(name: string): string {
  const safe = name.replace(UNSAFE, '_').replace(/^[\s.]+|[\s.]+$/g, '');
  return WINDOWS_DEVICE.test(safe) ? `_${safe}` : [...safe].slice(0, MAX_LENGTH).join('');
}

/** A file name to suggest for a download: the URL's last path segment made safe, else `backup-<id>`. */
export function suggestedFileName(url: string | undefined, backupId: string): string {
  let segment = '';
  try {
    segment = new URL(url ?? '').pathname.split('/').pop() ?? '';
    segment = decodeURIComponent(segment);
  } catch {
    // A malformed URL or escape: the raw segment (or nothing) is cleaned like any other.
  }
  return clean(segment) || clean(`backup-${backupId}`) || 'backup';
}
