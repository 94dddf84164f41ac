// Download URLs carry an OSS signature and errors may quote request headers: strip both before any text leaves.
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/([?&](?:Signature|OSSAccessKeyId|SecurityToken|security-token|x-oss-signature|x-oss-credential)=)[^&\s"'<>]+/gi, '$1<redacted>'],
  [/(Signature=)[0-9a-fA-F]{16,}/g, '$1<redacted>'],
  [/(x-acs-security-token["':\s]+)[^\s"',}]+/gi, '$1<redacted>'],
];

const known = new Set<string>();

/** Registers a secret value (AccessKey secret, STS token) so redact() removes it wherever it appears. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) known.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  for (const secret of known) out = out.split(secret).join('<redacted>');
  return out;
}
