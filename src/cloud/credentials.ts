import Credential, { Config as CredentialConfig } from '@alicloud/credentials';
import Credentials from '@alicloud/credentials/dist/src/credentials';
import { cliConfigPath, cliProfileSource } from './cliProfiles';
import { chooseSource, type ChosenSource } from './credentialChain';
import { CredentialSourceError, displayPath, printable, type CredentialSourceInfo, type CredentialSourceKind } from './credentialSourceError';
import { credentialsFilePath, credentialsFileSource } from './credentialsFile';
import { AUTO_CHOICE, type ProfileChoice } from './profiles';
import { registerSecret } from './redact';

export { CredentialSourceError, describeSource, ECS_METADATA_SETTING, type CredentialSourceInfo, type CredentialSourceKind, type EcsMetadataRefusal } from './credentialSourceError';

export interface AccessKey {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** Where the credentials in use came from; shown to the user with the key ID masked. */
export type CredentialOrigin = 'stored' | 'environment' | 'cliProfile' | 'credentialsFile' | 'ecsRamRole' | 'other';

export interface ResolvedCredentials {
  origin: CredentialOrigin;
  accessKeyId: string;
  /** Which file, profile or variables of the standard chain; undefined for the stored key. */
  source?: CredentialSourceInfo;
}

/** Shows enough of a key ID to recognise it, never the whole of it. */
export function maskKeyId(id: string): string {
  return id.length <= 8 ? '****' : `${id.slice(0, 4)}****${id.slice(-4)}`;
}

const ORIGINS: Record<CredentialSourceKind, CredentialOrigin> = {
  environment: 'environment',
  oidc: 'other',
  cliProfile: 'cliProfile',
  credentialsFile: 'credentialsFile',
  ecsRamRole: 'ecsRamRole',
  credentialsUri: 'other',
};

/** How a profile picked in Switch Profile… is looked up in its file, one entry per kind of file. */
interface PickedSource {
  find(useEcsMetadata: boolean, name: string): Promise<ChosenSource | undefined>;
  /** The file it is read from. */
  file(): string;
  /** Why `find` found nothing: no file, or nothing in it (a profile missing from it is said by `find`). */
  reason: string;
}

const PICKED_SOURCES: Record<Extract<ProfileChoice, { name: string }>['kind'], PickedSource> = {
  cliProfile: { find: cliProfileSource, file: cliConfigPath, reason: 'the file is not there, holds no profiles, or is turned off by ALIBABA_CLOUD_CLI_PROFILE_DISABLED' },
  credentialsFile: { find: credentialsFileSource, file: credentialsFilePath, reason: 'the file is not there or has no sections' },
};

/** Thrown when there is no stored key and no source of the standard chain is configured at all. */
export class NoCredentialsError extends Error {
  constructor(detail: string) {
    super(`No Alibaba Cloud credentials were found: ${detail}`);
    this.name = 'NoCredentialsError';
  }
}

/**
 * The credentials every request signs with, in the shape the openapi client asks for. With no profile picked
 * (`auto`) a stored AccessKey wins, otherwise the first configured source of the standard chain, in the SDK's
 * order; a picked profile or section is the only source tried. Either way, when the source fails,
 * CredentialSourceError says which one and why rather than falling through to another identity.
 */
export class CredentialSource {
  private chosen: Promise<ChosenSource | undefined> | undefined;
  private readonly stored: AccessKey | undefined;

  constructor(
    stored: AccessKey | undefined,
    private readonly useEcsMetadata = false,
    private readonly choice: ProfileChoice = AUTO_CHOICE,
  ) {
    // A picked profile never signs with the stored key, even when one is there.
    this.stored = choice.kind === 'auto' || choice.kind === 'stored' ? stored : undefined;
    registerSecret(stored?.accessKeySecret);
    registerSecret(stored?.securityToken);
  }

  getProviderName(): string {
    return this.stored ? 'vscode_secret_storage' : 'default';
  }

  async getCredentials(): Promise<Credentials> {
    if (this.stored) {
      return Credentials.builder()
        .withAccessKeyId(this.stored.accessKeyId)
        .withAccessKeySecret(this.stored.accessKeySecret)
        .withSecurityToken(this.stored.securityToken ?? '')
        .withProviderName('vscode_secret_storage')
        .build();
    }
    return (await this.fromChain()).credentials;
  }

  /** Which source answers and with which key ID, for the view's status line. */
  async resolve(): Promise<ResolvedCredentials> {
    if (this.stored) return { origin: 'stored', accessKeyId: this.stored.accessKeyId };
    const { source, credentials } = await this.fromChain();
    return { origin: ORIGINS[source.kind], accessKeyId: credentials.accessKeyId, source };
  }

  /** The object the openapi client signs with. */
  toClientCredential(): Credential {
    return new Credential(null as unknown as CredentialConfig, this);
  }

  private async fromChain(): Promise<{ source: CredentialSourceInfo; credentials: Credentials }> {
    const chosen = (this.chosen ??= this.findSource());
    try {
      const found = await chosen;
      if (!found) throw new NoCredentialsError(this.nothingConfigured());
      const credentials = await found.provider.getCredentials().catch((err: unknown) => {
        throw err instanceof CredentialSourceError ? err : new CredentialSourceError(found.info, err);
      });
      registerSecret(credentials.accessKeySecret);
      registerSecret(credentials.securityToken);
      return { source: found.info, credentials };
    } catch (err) {
      // Files and variables may be fixed by the next attempt: look again rather than keep a failed provider.
      if (this.chosen === chosen) this.chosen = undefined;
      throw err;
    }
  }

  /** The picked source, or the chain's first; a picked one that is gone is an error, never a reason to look on. */
  private async findSource(): Promise<ChosenSource | undefined> {
    const choice = this.choice;
    if (choice.kind === 'auto') return chooseSource(this.useEcsMetadata);
    if (choice.kind === 'stored') return undefined;
    const picked = PICKED_SOURCES[choice.kind];
    const found = await picked.find(this.useEcsMetadata, choice.name);
    if (found) return found;
    throw new CredentialSourceError({ kind: choice.kind, where: displayPath(picked.file()), profile: printable(choice.name) }, picked.reason);
  }

  private nothingConfigured(): string {
    if (this.choice.kind === 'stored') return 'the stored AccessKey was picked, and none is stored.';
    const ecs = this.useEcsMetadata ? '' : ' (the ECS metadata lookup is off)';
    return `no environment variables, aliyun CLI profile, credentials file or credentials URI are set up${ecs}.`;
  }
}
