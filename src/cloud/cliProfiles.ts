import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLIProfileCredentialsProvider } from '@alicloud/credentials';
import type { ChosenSource } from './credentialChain';
import { CredentialSourceError, displayPath, ECS_METADATA_SETTING, printable, type CredentialSourceInfo } from './credentialSourceError';
import { fileExists, registerSecretFields, registerTokenFile } from './sourceFiles';

type CliProfile = Record<string, unknown>;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The aliyun CLI profile the SDK would use (ALIBABA_CLOUD_PROFILE, else the file's `current`), checked before the
 * SDK's own provider runs it; undefined when there is no config file, it is turned off, or it holds no profiles.
 */
export async function cliProfileSource(useEcsMetadata: boolean): Promise<ChosenSource | undefined> {
  if (process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED?.toLowerCase() === 'true') return undefined;
  const file = path.join(os.homedir(), '.aliyun', 'config.json');
  if (!(await fileExists(file))) return undefined;
  const fileInfo: CredentialSourceInfo = { kind: 'cliProfile', where: displayPath(file) };
  const { current, profiles } = await readConfig(file, fileInfo);
  for (const profile of profiles) registerSecretFields(Object.entries(profile));
  if (profiles.length === 0) return undefined;

  const name = text(process.env.ALIBABA_CLOUD_PROFILE) ?? current;
  if (name === undefined) throw new CredentialSourceError(fileInfo, 'no profile is chosen: the file has no "current" and ALIBABA_CLOUD_PROFILE is not set');
  const find = (wanted: string): CliProfile | undefined => profiles.find((p) => p.name === wanted);
  const profile = find(name);
  const mode = text(profile?.mode);
  const info: CredentialSourceInfo = { ...fileInfo, profile: printable(name), mode: mode && printable(mode) };
  if (!profile) {
    throw new CredentialSourceError(info, process.env.ALIBABA_CLOUD_PROFILE ? 'the file has no such profile (named by ALIBABA_CLOUD_PROFILE)' : 'the file has no such profile (named by "current")');
  }

  // The SDK follows source_profile itself; walked here first so that a loop fails clearly instead of overflowing
  // the stack, and an ECS RAM role at its end is refused before any request goes to the metadata service.
  const seen = new Set([name]);
  let last = profile;
  while (last.mode === 'ChainableRamRoleArn') {
    const next = text(last.source_profile);
    if (next === undefined) throw new CredentialSourceError(info, `profile "${printable(String(last.name))}" names no source_profile`);
    if (seen.has(next)) throw new CredentialSourceError(info, `its source_profile chain loops back to "${printable(next)}"`);
    const found = find(next);
    if (!found) throw new CredentialSourceError(info, `its source profile "${printable(next)}" does not exist`);
    seen.add(next);
    last = found;
  }
  if (last.mode === 'EcsRamRole' && !useEcsMetadata) {
    const via = last === profile ? undefined : printable(String(last.name));
    const who = via === undefined ? 'it uses' : `its source profile "${via}" uses`;
    throw new CredentialSourceError(info, `${who} the ECS RAM role, and the setting ${ECS_METADATA_SETTING} is off`, { kind: 'ecsMetadataOff', viaProfile: via });
  }
  if (last.mode === 'OIDC') await registerTokenFile(text(last.oidc_token_file));
  return { info, provider: CLIProfileCredentialsProvider.builder().withProfileName(name).build() };
}

async function readConfig(file: string, info: CredentialSourceInfo): Promise<{ current?: string; profiles: CliProfile[] }> {
  let content: string;
  try {
    content = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new CredentialSourceError(info, err);
  }
  let conf: unknown;
  try {
    conf = JSON.parse(content);
  } catch {
    // The parser's message (and the SDK's) quotes the file, secrets included.
    throw new CredentialSourceError(info, 'the file is not valid JSON');
  }
  const record = typeof conf === 'object' && conf !== null ? (conf as Record<string, unknown>) : {};
  const list = Array.isArray(record.profiles) ? (record.profiles as unknown[]) : [];
  const profiles = list.filter((p): p is CliProfile => typeof p === 'object' && p !== null && !Array.isArray(p));
  return { current: text(record.current), profiles };
}
