import * as os from 'os';
import * as path from 'path';
import { redact } from './redact';

export type CredentialSourceKind = 'environment' | 'oidc' | 'cliProfile' | 'credentialsFile' | 'ecsRamRole' | 'credentialsUri';

/** One source of the standard chain, as a person would find it again: which file or variable, which profile. */
export interface CredentialSourceInfo {
  kind: CredentialSourceKind;
  /** The file (home folder shown as ~), the environment variables, or the credentials URI's host. */
  where: string;
  /** The aliyun CLI profile or the credentials-file section. */
  profile?: string;
  /** The CLI profile's mode (AK, RamRoleArn, …) or the section's type (access_key, …). */
  mode?: string;
}

/** A refusal of ours rather than the SDK's, so the UI can word it in the user's language. */
export interface EcsMetadataRefusal {
  kind: 'ecsMetadataOff';
  /** The CLI source profile that uses the ECS RAM role, when it is not the profile itself. */
  viaProfile?: string;
}

export const ECS_METADATA_SETTING = 'alibabaCloudBackups.useEcsMetadata';

/** The source of the standard chain in English, e.g. `aliyun CLI profile "prod" (RamRoleArn) in ~/.aliyun/config.json`. */
export function describeSource(info: CredentialSourceInfo): string {
  const mode = info.mode ? ` (${info.mode})` : '';
  switch (info.kind) {
    case 'environment':
      return `Environment variables ${info.where}`;
    case 'oidc':
      return `OIDC role from the environment variables ${info.where}`;
    case 'cliProfile':
      return info.profile === undefined ? `aliyun CLI config ${info.where}` : `aliyun CLI profile "${info.profile}"${mode} in ${info.where}`;
    case 'credentialsFile':
      return `Section [${info.profile ?? ''}]${mode} of the credentials file ${info.where}`;
    case 'ecsRamRole':
      return `ECS RAM role from the instance metadata service (${info.where})`;
    case 'credentialsUri':
      return `Credentials URI ${info.where}`;
  }
}

/**
 * The first configured source of the standard chain could not give credentials. Thrown instead of falling through
 * to the next source, which would sign with another identity than the one the user set up.
 */
export class CredentialSourceError extends Error {
  /** One line, redacted: why the source could not be used. */
  readonly reason: string;

  constructor(
    readonly source: CredentialSourceInfo,
    reason: unknown,
    readonly refusal?: EcsMetadataRefusal,
  ) {
    const text = reasonText(reason);
    super(`${describeSource(source)} could not be used: ${text}`);
    this.name = 'CredentialSourceError';
    this.reason = text;
  }
}

/** Why something failed, as one redacted line: SDK errors quote request URLs (signed queries) and response bodies. */
export function reasonText(reason: unknown): string {
  const raw = reason instanceof Error ? reason.message : String(reason);
  const oneLine = raw
    // httpx appends "POST https://host/?query failed." straight after Node's message, without a space.
    .replace(/\s?((?:GET|POST|PUT) https?:\/\/)/g, ' ($1')
    // The query is signed and carries the key ID (and any token): the host and path say enough.
    .replace(/(\((?:GET|POST|PUT) https?:\/\/[^\s?]*)(?:\?\S*)?( failed)\.?/g, '$1$2)')
    .replace(/\s+/g, ' ')
    .trim();
  const clean = redact(oneLine);
  return clean.length > 400 ? `${clean.slice(0, 399)}…` : clean || 'unknown error';
}

/** A path for people: the home folder as ~, so a message names the file the way the docs do. */
export function displayPath(file: string): string {
  const home = os.homedir();
  return home && file.startsWith(home + path.sep) ? `~/${file.slice(home.length + 1).split(path.sep).join('/')}` : file;
}

/** Names and values from files may hold anything: keep them printable and short in one-line messages. */
export function printable(text: string): string {
  const clean = text.replace(/\p{Cc}/gu, ' ');
  return clean.length > 80 ? `${clean.slice(0, 79)}…` : clean;
}
