import * as vscode from 'vscode';
import { CredentialSource, maskKeyId, NoCredentialsError, type ResolvedCredentials } from '../cloud/credentials';
import { AccessKeyStore } from './accessKeyStore';

/** Decides which credentials sign requests now: the stored AccessKey, else the standard Alibaba chain. */
export class CredentialService {
  readonly store: AccessKeyStore;

  constructor(secrets: vscode.SecretStorage) {
    this.store = new AccessKeyStore(secrets);
  }

  /** A fresh source every time, so a failed chain lookup never sticks (the package's own object would). */
  async source(useEcsMetadata: boolean): Promise<CredentialSource> {
    return new CredentialSource(await this.store.get(), useEcsMetadata);
  }

  /** The credentials in use, or undefined when there are none anywhere. */
  async resolve(source: CredentialSource): Promise<ResolvedCredentials | undefined> {
    try {
      return await source.resolve();
    } catch (err) {
      if (err instanceof NoCredentialsError) return undefined;
      throw err;
    }
  }
}

/** "Stored key LTAI****abcd" and the like, for the view's description. */
export function describeCredentials(found: ResolvedCredentials): string {
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
