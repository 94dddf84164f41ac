// Secrets reach text in many encodings: URLs (percent-encoded once or twice), HTML (&amp;), JSON (\" and \u0026),
// JSON inside JSON. Keys and registered secrets are looked for in a decoded view of the text, and only the secret
// itself is replaced in the original, so text with nothing secret in it comes back exactly as it was.

/** Names whose value is a secret or a signature, compared in lower case. */
const SECRET_KEYS = [
  'signature',
  'signatureprovided',
  'x-oss-signature',
  'x-oss-credential',
  'ossaccesskeyid',
  'securitytoken',
  'security-token',
  'security_token',
  'x-acs-security-token',
  'x-oss-security-token',
  'accesskeysecret',
  'access_key_secret',
  'access-key-secret',
  'sts_token',
  'ststoken',
  'sts-token',
];
const KEY_NAMES = new Set([...SECRET_KEYS, 'authorization']);

// Bounded separators and a value that ends at the first delimiter keep every match linear in the text.
const SEP = `["']?[ \\t]{0,4}[=:][ \\t]{0,4}["']?`;
const CHAR = `[^\\s"'<>&,;(){}\\[\\]\\\\]`;
// Authorization keeps its scheme ("ACS3-HMAC-SHA256", "OSS") and loses what follows, credential and signature, when
// that looks like one (so "Authorization: denied for user" stays as it is).
const AUTH = `authorization${SEP}[\\w-]{1,40}[ \\t]{1,4}(?=${CHAR}*[\\d:=/+])(?=${CHAR}{8})`;
const KEYS = `(?:${SECRET_KEYS.join('|')})`;
// key=value, "key": "value", key: value, and <Key>value</Key> as in OSS's XML error bodies.
const KEYED = new RegExp(`(?:(?<![\\w-])${KEYS}${SEP}|<${KEYS}>|${AUTH})(${CHAR}+)`, 'gi');

const REDACTED = '<redacted>';

/** A registered secret, and the same after decoding in case it contains something that looks encoded. */
const known = new Map<string, string>();

/** Registers a secret value (AccessKey secret, STS token) so redact() removes it wherever it appears. */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < 4) return;
  const decoded = decodedView(value).text;
  known.set(value, decoded.length >= 4 ? decoded : value);
}

/** Whether a JSON key or header name holds a secret, so its whole value is hidden. */
export function isSecretKey(name: string): boolean {
  return KEY_NAMES.has(name.toLowerCase());
}

export function redact(text: string): string {
  const view = decodedView(text);
  const raw = (k: number): number => (view.starts ? view.starts[k] : k);
  const ranges: Array<[number, number]> = [];
  // exec() on the one shared regex: matchAll would clone it on every call, which costs more than the search.
  KEYED.lastIndex = 0;
  for (let match = KEYED.exec(view.text); match; match = KEYED.exec(view.text)) {
    const end = match.index + match[0].length;
    ranges.push([raw(end - match[1].length), raw(end)]);
  }
  for (const [secret, decoded] of known) {
    for (const at of occurrences(view.text, decoded)) ranges.push([raw(at), raw(at + decoded.length)]);
    if (view.starts) for (const at of occurrences(text, secret)) ranges.push([at, at + secret.length]);
  }
  return ranges.length === 0 ? text : replaceRanges(text, ranges);
}

function* occurrences(haystack: string, needle: string): Generator<number> {
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) yield at;
}

function replaceRanges(text: string, ranges: Array<[number, number]>): string {
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let last = 0;
  for (const [start, end] of ranges) {
    if (end <= last) continue;
    // Overlapping ranges (a secret inside a signature value) become one marker.
    if (start >= last) out += text.slice(last, start) + REDACTED;
    last = end;
  }
  return out + text.slice(last);
}

/** The text with every escape undone; starts[k] is where decoded character k begins in the original. */
interface DecodedView {
  text: string;
  starts: Int32Array | undefined;
}

const SIMPLE_ESCAPES = new Map(Object.entries({ '"': '"', "'": "'", '/': '/', '\\': '\\', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }));
const NAMED_ENTITIES = new Map(Object.entries({
  amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', equals: '=', colon: ':', sol: '/', quest: '?', percnt: '%',
  plus: '+', semi: ';', comma: ',', bsol: '\\', num: '#', nbsp: '\u00a0', tab: '\t', newline: '\n',
}));
const SPECIAL = /[%&\\]/g;
const ENTITY = /#(\d{1,7});|#[xX]([0-9a-fA-F]{1,6});|([a-zA-Z]{2,8});/y;

/**
 * Decodes layer after layer at each position: "%2526" is "%26" is "&", "\\\"" is "\"" is a quote, "&amp;amp;" is "&".
 * Each decoded character stands for one contiguous run of the original, read once, so the work stays linear.
 */
function decodedView(text: string): DecodedView {
  SPECIAL.lastIndex = 0;
  if (!SPECIAL.test(text)) return { text, starts: undefined };
  const starts = new Int32Array(text.length + 1);
  const parts: string[] = [];
  let k = 0;
  for (let i = 0; i < text.length; ) {
    // Runs without %, & or \ cannot hold an escape: copied whole.
    SPECIAL.lastIndex = i;
    const stop = SPECIAL.test(text) ? SPECIAL.lastIndex - 1 : text.length;
    if (stop > i) {
      parts.push(text.slice(i, stop));
      while (i < stop) starts[k++] = i++;
      continue;
    }
    let ch = text[i];
    let j = i + 1;
    for (let next = unescapeOne(text, ch, j); next; next = unescapeOne(text, ch, j)) [ch, j] = next;
    starts[k++] = i;
    parts.push(ch);
    i = j;
  }
  starts[k] = text.length;
  return { text: parts.join(''), starts };
}

/** One more layer: the character that `ch` (just decoded) and the text from `j` stand for, and where that ends. */
function unescapeOne(text: string, ch: string, j: number): [string, number] | undefined {
  if (ch === '%') {
    const code = hexAt(text, j, 2);
    return code < 0 ? undefined : [String.fromCharCode(code), j + 2];
  }
  if (ch === '\\') {
    const e = text[j];
    if (e === 'u') {
      const code = hexAt(text, j + 1, 4);
      return code < 0 ? undefined : [String.fromCharCode(code), j + 5];
    }
    const simple = SIMPLE_ESCAPES.get(e);
    return simple === undefined ? undefined : [simple, j + 1];
  }
  if (ch === '&') {
    ENTITY.lastIndex = j;
    const m = ENTITY.exec(text);
    if (!m) return undefined;
    const code = m[1] !== undefined ? parseInt(m[1], 10) : m[2] !== undefined ? parseInt(m[2], 16) : undefined;
    // One UTF-16 unit per decoded character keeps starts[] aligned; astral code points are never separators.
    const decoded = code !== undefined ? (code <= 0xffff ? String.fromCharCode(code) : undefined) : NAMED_ENTITIES.get(m[3].toLowerCase());
    return decoded === undefined ? undefined : [decoded, j + m[0].length];
  }
  return undefined;
}

/** The value of `digits` hex digits at `at`, or -1. */
function hexAt(text: string, at: number, digits: number): number {
  let value = 0;
  for (let i = at; i < at + digits; i++) {
    const c = text.charCodeAt(i); // NaN past the end, which fails every test below
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}
