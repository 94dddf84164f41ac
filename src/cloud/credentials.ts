import Credential, { Config as CredentialConfig, DefaultCredentialsProvider } from '@alicloud/credentials';
import Credentials from '@alicloud/credentials/dist/src/credentials';
import { registerSecret } from './redact';

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
}

/** Shows enough of a key ID to recognise it, never the whole of it. */
export function maskKeyId(id: string): string {
  return id.length <= 8 ? '****' : `${id.slice(0, 4)}****${id.slice(-4)}`;
}

function originOf(providerName: string): CredentialOrigin {
  if (providerName.includes('env')) return 'environment';
  if (providerName.includes('cli_profile')) return 'cliProfile';
  if (providerName.includes('profile')) return 'credentialsFile';
  if (providerName.includes('ecs_ram_role')) return 'ecsRamRole';
  return 'other';
}

/** Thrown when neither a stored key nor the default chain yields credentials. */
export class NoCredentialsError extends Error {
  constructor(detail: string) {
    super(`No Alibaba Cloud credentials were found: ${detail}`);
    this.name = 'NoCredentialsError';
  }
}

/**
 * The credentials every request signs with, in the shape the openapi client asks for: a stored AccessKey wins;
 * otherwise the standard chain (environment, aliyun CLI profile, credentials file). The chain object sticks on
 * the last provider it tried, even after it failed, so a failed lookup builds a fresh chain next time.
 */
export class CredentialSource {
  private chain: DefaultCredentialsProvider | undefined;

  constructor(
    private readonly stored: AccessKey | undefined,
    private readonly useEcsMetadata = false,
  ) {
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
    this.chain ??= this.buildChain();
    try {
      const found = await this.chain.getCredentials();
      registerSecret(found.accessKeySecret);
      registerSecret(found.securityToken);
      return found;
    } catch (err) {
      this.chain = undefined;
      throw new NoCredentialsError(err instanceof Error ? err.message.split('\n')[0] : String(err));
    }
  }

  /** Which source answers and with which key ID, for the view's status line. */
  async resolve(): Promise<ResolvedCredentials> {
    const found = await this.getCredentials();
    return { origin: this.stored ? 'stored' : originOf(found.providerName), accessKeyId: found.accessKeyId };
  }

  /** The object the openapi client signs with. */
  toClientCredential(): Credential {
    return new Credential(null as unknown as CredentialConfig, this);
  }

  private buildChain(): DefaultCredentialsProvider {
    // The ECS metadata lookup goes to a link-local address that hangs outside ECS: off unless the user asks.
    // The provider reads this variable only while the chain is built, so it is set for that moment alone.
    const previous = process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED;
    if (!this.useEcsMetadata) process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = 'true';
    try {
      return DefaultCredentialsProvider.builder().build();
    } finally {
      if (previous === undefined) delete process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED;
      else process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = previous;
    }
  }
}
