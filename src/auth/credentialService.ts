import * as vscode from 'vscode';
import {
  CredentialSource,
  CredentialSourceError,
  ECS_METADATA_SETTING,
  maskKeyId,
  NoCredentialsError,
  type CredentialSourceInfo,
  type ResolvedCredentials,
} from '../cloud/credentials';
import { AUTO_CHOICE } from '../cloud/profiles';
import { AccessKeyStore } from './accessKeyStore';
import type { ProfileStore } from './profileStore';

/**
 * Decides which credentials sign requests now: the profile picked in Switch Profile…, else the stored AccessKey,
 * else the standard Alibaba chain.
 */
export class CredentialService {
  readonly store: AccessKeyStore;

  /** Without `profiles` (tests of the chain alone) nothing is ever picked. */
  constructor(
    secrets: vscode.SecretStorage,
    readonly profiles?: ProfileStore,
  ) {
    this.store = new AccessKeyStore(secrets);
  }

  /** A fresh source every time, so a failed chain lookup never sticks (the package's own object would). */
  async source(useEcsMetadata: boolean): Promise<CredentialSource> {
    return new CredentialSource(await this.store.get(), useEcsMetadata, this.profiles?.get() ?? AUTO_CHOICE);
  }

  /**
   * The credentials in use, or undefined when nothing is configured anywhere. A source that is configured but
   * fails rejects with CredentialSourceError (see describeCredentialError), so the view says why instead of
   * offering to store a key as if there were none.
   */
  async resolve(source: CredentialSource): Promise<ResolvedCredentials | undefined> {
    try {
      return await source.resolve();
    } catch (err) {
      if (err instanceof NoCredentialsError) return undefined;
      throw err;
    }
  }
}

/** "Stored key LTAI****abcd", "aliyun CLI profile prod LTAI****abcd" and the like, for the view's description. */
export function describeCredentials(found: ResolvedCredentials): string {
  const profile = found.source?.profile;
  if (profile !== undefined && found.origin === 'cliProfile') return vscode.l10n.t('aliyun CLI profile {0} {1}', profile, maskKeyId(found.accessKeyId));
  if (profile !== undefined && found.origin === 'credentialsFile') return vscode.l10n.t('Credentials file [{0}] {1}', profile, maskKeyId(found.accessKeyId));
  const origins: Record<ResolvedCredentials['origin'], string> = {
    stored: vscode.l10n.t('Stored key'),
    environment: vscode.l10n.t('Environment'),
    cliProfile: vscode.l10n.t('aliyun CLI profile'),
    credentialsFile: vscode.l10n.t('Credentials file'),
    ecsRamRole: vscode.l10n.t('ECS RAM role'),
    other: vscode.l10n.t('Default chain'),
  };
  return `${origins[found.origin]} ${maskKeyId(found.accessKeyId)}`;
}

/**
 * One line for the view and the log when a configured source fails, in the user's language, e.g.
 * `aliyun CLI profile "prod" (RamRoleArn) in ~/.aliyun/config.json could not be used: connect ECONNREFUSED …`.
 * The reason is already redacted; the SDK's own reasons stay in English.
 */
export function describeCredentialError(err: CredentialSourceError): string {
  const refusal = err.refusal;
  const reason = !refusal
    ? err.reason
    : refusal.viaProfile === undefined
      ? vscode.l10n.t('it uses the ECS RAM role, and the setting {0} is off', ECS_METADATA_SETTING)
      : vscode.l10n.t('its source profile "{0}" uses the ECS RAM role, and the setting {1} is off', refusal.viaProfile, ECS_METADATA_SETTING);
  return vscode.l10n.t('{0} could not be used: {1}', sourceLabel(err.source), reason);
}

/** Which file, profile or variables, in the user's language, e.g. `aliyun CLI profile "prod" (AK) in ~/.aliyun/config.json`. */
export function sourceLabel(source: CredentialSourceInfo): string {
  const { where, profile = '', mode } = source;
  switch (source.kind) {
    case 'environment':
      return vscode.l10n.t('Environment variables {0}', where);
    case 'oidc':
      return vscode.l10n.t('OIDC role from the environment variables {0}', where);
    case 'cliProfile':
      if (!source.profile) return vscode.l10n.t('aliyun CLI config {0}', where);
      return mode ? vscode.l10n.t('aliyun CLI profile "{0}" ({1}) in {2}', profile, mode, where) : vscode.l10n.t('aliyun CLI profile "{0}" in {1}', profile, where);
    case 'credentialsFile':
      return mode ? vscode.l10n.t('Section [{0}] ({1}) of the credentials file {2}', profile, mode, where) : vscode.l10n.t('Section [{0}] of the credentials file {1}', profile, where);
    case 'ecsRamRole':
      return vscode.l10n.t('ECS RAM role from the instance metadata service ({0})', where);
    case 'credentialsUri':
      return vscode.l10n.t('Credentials URI {0}', where);
  }
}
