import {
  ECSRAMRoleCredentialsProvider,
  EnvironmentVariableCredentialsProvider,
  OIDCRoleArnCredentialsProvider,
  URICredentialsProvider,
  type CredentialsProvider,
} from '@alicloud/credentials';
import { cliProfileSource } from './cliProfiles';
import { CredentialSourceError, ECS_METADATA_SETTING, type CredentialSourceInfo } from './credentialSourceError';
import { credentialsFileSource } from './credentialsFile';
import { registerSecret } from './redact';
import { registerTokenFile } from './sourceFiles';

/** The source the standard chain would use, and the SDK's own provider for it: exactly what the SDK signs with. */
export interface ChosenSource {
  info: CredentialSourceInfo;
  provider: CredentialsProvider;
}

type Finder = (useEcsMetadata: boolean) => Promise<ChosenSource | undefined>;

// The order of the SDK's DefaultCredentialsProvider (providers/default.js).
const FINDERS: readonly Finder[] = [environmentSource, oidcSource, cliProfileSource, credentialsFileSource, ecsRamRoleSource, credentialsUriSource];

/**
 * The first source of the standard chain that is configured, undefined when none is. A source that is configured
 * but broken throws CredentialSourceError (here or when its provider runs): the SDK would skip to the next source
 * and so sign as someone else, or hide why the intended identity failed.
 */
export async function chooseSource(useEcsMetadata: boolean): Promise<ChosenSource | undefined> {
  for (const find of FINDERS) {
    const found = await find(useEcsMetadata);
    if (found) return found;
  }
  return undefined;
}

/** Builds an SDK provider; a builder that refuses its settings is that source failing. */
function built(info: CredentialSourceInfo, build: () => CredentialsProvider): ChosenSource {
  try {
    return { info, provider: build() };
  } catch (err) {
    throw new CredentialSourceError(info, err);
  }
}

async function environmentSource(): Promise<ChosenSource | undefined> {
  const { ALIBABA_CLOUD_ACCESS_KEY_ID: id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret, ALIBABA_CLOUD_SECURITY_TOKEN: token } = process.env;
  // Either half set means the user meant this source: a missing other half is an error, not a reason to skip it.
  if (!id && !secret) return undefined;
  registerSecret(secret);
  registerSecret(token);
  const info: CredentialSourceInfo = { kind: 'environment', where: 'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET' };
  return built(info, () => EnvironmentVariableCredentialsProvider.builder().build());
}

async function oidcSource(): Promise<ChosenSource | undefined> {
  const { ALIBABA_CLOUD_ROLE_ARN: role, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: provider, ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile } = process.env;
  // The SDK's chain counts OIDC only with all three set; ALIBABA_CLOUD_ROLE_ARN alone serves other sources too.
  if (!role || !provider || !tokenFile) return undefined;
  await registerTokenFile(tokenFile);
  const info: CredentialSourceInfo = { kind: 'oidc', where: 'ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE' };
  return built(info, () => OIDCRoleArnCredentialsProvider.builder().build());
}

async function ecsRamRoleSource(useEcsMetadata: boolean): Promise<ChosenSource | undefined> {
  // Outside ECS the metadata address hangs: asked only when the user turned the setting on, and the SDK's own
  // switch still turns it off.
  if (!useEcsMetadata || process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED?.toLowerCase() === 'true') return undefined;
  const info: CredentialSourceInfo = { kind: 'ecsRamRole', where: ECS_METADATA_SETTING };
  return built(info, () => ECSRAMRoleCredentialsProvider.builder().withRoleName(process.env.ALIBABA_CLOUD_ECS_METADATA ?? '').build());
}

async function credentialsUriSource(): Promise<ChosenSource | undefined> {
  const uri = process.env.ALIBABA_CLOUD_CREDENTIALS_URI;
  if (!uri) return undefined;
  const origin = uriOrigin(uri);
  const info: CredentialSourceInfo = { kind: 'credentialsUri', where: origin ? `${origin} (ALIBABA_CLOUD_CREDENTIALS_URI)` : 'ALIBABA_CLOUD_CREDENTIALS_URI' };
  return built(info, () => URICredentialsProvider.builder().withCredentialsURI(uri).build());
}

/** Only scheme and host: the URI's path or query may carry a token. */
function uriOrigin(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    return `${url.protocol}//${url.host}`;
  } catch {
    return undefined;
  }
}
