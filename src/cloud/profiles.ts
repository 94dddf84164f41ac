import { cliConfigPath, profileProblem, readCliConfig, text, type ProfileProblem } from './cliProfiles';
import { displayPath, printable, type CredentialSourceInfo } from './credentialSourceError';
import { credentialsFilePath, readCredentialsFile, sectionProblem } from './credentialsFile';
import { fileExists } from './sourceFiles';

/**
 * Which identity signs, as picked in Switch Profile…: `auto` is the behaviour without a pick (the stored key,
 * else the first configured source of the standard chain); the others name one source and only that one.
 */
export type ProfileChoice =
  | { kind: 'auto' }
  | { kind: 'stored' }
  | { kind: 'cliProfile'; name: string }
  | { kind: 'credentialsFile'; name: string };

export const AUTO_CHOICE: ProfileChoice = { kind: 'auto' };

/** One profile or section as the picker shows it: never a secret, the key ID only masked by the UI. */
export interface ProfileEntry {
  choice: ProfileChoice & { kind: 'cliProfile' | 'credentialsFile' };
  /** Printable and short: the names come from a file. */
  label: string;
  mode?: string;
  region?: string;
  accessKeyId?: string;
  /** The file's `current` profile (aliyun CLI only). */
  current: boolean;
  /** Why the SDK cannot sign with it; undefined when it can. */
  problem?: ProfileProblem;
}

/** What the two files hold, or why one could not be read (the other is still listed). */
export interface ProfileListing {
  cliProfiles: ProfileEntry[];
  credentialsSections: ProfileEntry[];
  /** A file that is there but unreadable or not JSON: said in the picker rather than hidden. */
  unreadable: CredentialSourceInfo[];
}

export function sameChoice(a: ProfileChoice, b: ProfileChoice): boolean {
  return a.kind === b.kind && (a.kind === 'auto' || a.kind === 'stored' || a.name === (b as { name: string }).name);
}

/** Reads the profiles of ~/.aliyun/config.json and the sections of the credentials file, each checked for use. */
export async function listProfiles(useEcsMetadata: boolean): Promise<ProfileListing> {
  const listing: ProfileListing = { cliProfiles: [], credentialsSections: [], unreadable: [] };
  const cliFile = cliConfigPath();
  if (await fileExists(cliFile)) {
    const info: CredentialSourceInfo = { kind: 'cliProfile', where: displayPath(cliFile) };
    try {
      const { current, profiles } = await readCliConfig(cliFile, info);
      for (const profile of profiles) {
        const name = text(profile.name);
        if (name === undefined) continue;
        listing.cliProfiles.push({
          choice: { kind: 'cliProfile', name },
          label: printable(name),
          mode: optional(profile.mode),
          region: optional(profile.region_id),
          accessKeyId: optional(profile.access_key_id),
          current: name === current,
          problem: profileProblem(profiles, profile, useEcsMetadata),
        });
      }
    } catch {
      listing.unreadable.push(info);
    }
  }
  const iniFile = credentialsFilePath();
  if (await fileExists(iniFile)) {
    const info: CredentialSourceInfo = { kind: 'credentialsFile', where: displayPath(iniFile) };
    try {
      for (const [name, fields] of await readCredentialsFile(iniFile, info)) {
        listing.credentialsSections.push({
          choice: { kind: 'credentialsFile', name },
          label: printable(name),
          mode: optional(fields.get('type')),
          accessKeyId: optional(fields.get('access_key_id')),
          current: false,
          problem: sectionProblem(fields, useEcsMetadata),
        });
      }
    } catch {
      listing.unreadable.push(info);
    }
  }
  return listing;
}

function optional(value: unknown): string | undefined {
  const found = text(value);
  return found === undefined ? undefined : printable(found);
}
