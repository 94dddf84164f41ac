import { promises as fs } from 'fs';
import { registerSecret } from './redact';

// access_key_secret, sts_token, access_token, oauth_access_token, oauth_refresh_token, …; not oidc_token_file.
const SECRET_FIELD = /(?:secret|token|password)$/i;

/** Whether a file of the chain is there at all; any other error (no permission, …) counts as there but unreadable. */
export async function fileExists(file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return !(code === 'ENOENT' || code === 'ENOTDIR');
  }
}

/** Registers every secret-looking value of a profile, so an error that quotes one (AssumeRole, …) is redacted. */
export function registerSecretFields(fields: Iterable<[string, unknown]>): void {
  for (const [key, value] of fields) if (SECRET_FIELD.test(key) && typeof value === 'string') registerSecret(value.trim());
}

/** An OIDC token is as good as a key while it lasts: registered before the SDK sends it anywhere. */
export async function registerTokenFile(file: string | undefined): Promise<void> {
  if (!file) return;
  try {
    registerSecret((await fs.readFile(file, 'utf8')).trim());
  } catch {
    // The SDK reads it again and says why it could not.
  }
}
