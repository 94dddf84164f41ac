import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLIProfileCredentialsProvider } from '@alicloud/credentials';
import type { ChosenSource } from './credentialChain';
import { CredentialSourceError, displayPath, ECS_METADATA_SETTING, printable, type CredentialSourceInfo, type EcsMetadataRefusal } from './credentialSourceError';
import { fileExists, registerSecretFields, registerTokenFile } from './sourceFiles';

export type CliProfile = Record<string, unknown>;

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Where the aliyun CLI keeps its profiles (the SDK reads the same file). */
export function cliConfigPath(): string {
  return path.join(os.homedir(), '.aliyun', 'config.json');
}

/** Why a profile cannot sign, in English; the refusal lets the UI word the ECS case in the user's language. */
export interface ProfileProblem {
  reason: string;
  refusal?: EcsMetadataRefusal;
  /** The mode or type, when the SDK has no provider for it. */
  unsupportedMode?: string;
}

// The modes CLIProfileCredentialsProvider (providers/cli_profile.js) builds a provider for.
const SDK_MODES = new Set(['AK', 'StsToken', 'RamRoleArn', 'EcsRamRole', 'OIDC', 'ChainableRamRoleArn', 'CloudSSO', 'OAuth', 'External']);

/**
 * Why `profile` cannot sign, or undefined when the SDK can run it. The SDK follows source_profile itself; walked
 * here first so that a loop fails clearly instead of overflowing the stack, and an ECS RAM role at its end is
 * refused before any request goes to the metadata service.
 */
export function profileProblem(profiles: readonly CliProfile[], profile: CliProfile, useEcsMetadata: boolean): ProfileProblem | undefined {
  const find = (wanted: string): CliProfile | undefined => profiles.find((p) => p.name === wanted);
  const seen = new Set([String(profile.name)]);
  let last = profile;
  while (last.mode === 'ChainableRamRoleArn') {
    const next = text(last.source_profile);
    if (next === undefined) return { reason: `profile "${printable(String(last.name))}" names no source_profile` };
    if (seen.has(next)) return { reason: `its source_profile chain loops back to "${printable(next)}"` };
    const found = find(next);
    if (!found) return { reason: `its source profile "${printable(next)}" does not exist` };
    seen.add(next);
    last = found;
  }
  const mode = text(last.mode);
  if (mode === undefined || !SDK_MODES.has(mode)) {
    const shown = mode === undefined ? '(none)' : printable(mode);
    return { reason: `@alicloud/credentials cannot sign with the mode "${shown}"`, unsupportedMode: shown };
  }
  if (mode === 'EcsRamRole' && !useEcsMetadata) {
    const via = last === profile ? undefined : printable(String(last.name));
    const who = via === undefined ? 'it uses' : `its source profile "${via}" uses`;
    return { reason: `${who} the ECS RAM role, and the setting ${ECS_METADATA_SETTING} is off`, refusal: { kind: 'ecsMetadataOff', viaProfile: via } };
  }
  return undefined;
}

/**
 * The aliyun CLI profile to sign with: `chosen` (picked in Switch Profile…), else the one the SDK would use
 * (ALIBABA_CLOUD_PROFILE, else the file's `current`), checked before the SDK's own provider runs it; undefined
 * when there is no config file, it is turned off, or it holds no profiles.
 */
export async function cliProfileSource(useEcsMetadata: boolean, chosen?: string): Promise<ChosenSource | undefined> {
  if (process.env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED?.toLowerCase() === 'true') return undefined;
  const file = cliConfigPath();
  if (!(await fileExists(file))) return undefined;
  const fileInfo: CredentialSourceInfo = { kind: 'cliProfile', where: displayPath(file) };
  const { current, profiles } = await readCliConfig(file, fileInfo);
  if (profiles.length === 0) return undefined;

  const name = chosen ?? text(process.env.ALIBABA_CLOUD_PROFILE) ?? current;
  if (name === undefined) throw new CredentialSourceError(fileInfo, 'no profile is chosen: the file has no "current" and ALIBABA_CLOUD_PROFILE is not set');
  const profile = profiles.find((p) => p.name === name);
  const mode = text(profile?.mode);
  const info: CredentialSourceInfo = { ...fileInfo, profile: printable(name), mode: mode && printable(mode) };
  if (!profile) {
    const namedBy = chosen !== undefined ? 'chosen in Switch Profile…' : process.env.ALIBABA_CLOUD_PROFILE ? 'named by ALIBABA_CLOUD_PROFILE' : 'named by "current"';
    throw new CredentialSourceError(info, `the file has no such profile (${namedBy})`);
  }
  const problem = profileProblem(profiles, profile, useEcsMetadata);
  if (problem) throw new CredentialSourceError(info, problem.reason, problem.refusal);
  // Any OIDC profile may be the chain's end: each token is registered before the SDK sends one anywhere.
  for (const p of profiles) if (p.mode === 'OIDC') await registerTokenFile(text(p.oidc_token_file));
  return { info, provider: CLIProfileCredentialsProvider.builder().withProfileName(name).build() };
}

/** The file's `current` and its profiles, every secret in them registered for redaction. */
export async function readCliConfig(file: string, info: CredentialSourceInfo): Promise<{ current?: string; profiles: CliProfile[] }> {
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
  for (const profile of profiles) registerSecretFields(Object.entries(profile));
  return { current: text(record.current), profiles };
}
