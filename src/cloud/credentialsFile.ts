import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ProfileCredentialsProvider } from '@alicloud/credentials';
import type { ProfileProblem } from './cliProfiles';
import type { ChosenSource } from './credentialChain';
import { CredentialSourceError, displayPath, ECS_METADATA_SETTING, printable, type CredentialSourceInfo } from './credentialSourceError';
import { fileExists, registerSecretFields } from './sourceFiles';

/** The credentials file the SDK reads (ALIBABA_CLOUD_CREDENTIALS_FILE, else ~/.alibabacloud/credentials). */
export function credentialsFilePath(): string {
  return process.env.ALIBABA_CLOUD_CREDENTIALS_FILE || path.join(os.homedir(), '.alibabacloud', 'credentials');
}

// The types ProfileCredentialsProvider (providers/profile.js) builds a provider for.
const SDK_TYPES = new Set(['access_key', 'ecs_ram_role', 'ram_role_arn']);

/** Why a section cannot sign, or undefined when the SDK can run it. */
export function sectionProblem(fields: ReadonlyMap<string, string>, useEcsMetadata: boolean): ProfileProblem | undefined {
  const type = fields.get('type');
  if (type === undefined || !SDK_TYPES.has(type)) {
    const shown = type === undefined ? '(none)' : printable(type);
    return { reason: `@alicloud/credentials cannot sign with the type "${shown}"`, unsupportedMode: shown };
  }
  if (type === 'ecs_ram_role' && !useEcsMetadata) {
    return { reason: `it uses the ECS RAM role, and the setting ${ECS_METADATA_SETTING} is off`, refusal: { kind: 'ecsMetadataOff' } };
  }
  return undefined;
}

/**
 * The section of the credentials file to sign with: `chosen` (picked in Switch Profile…), else the one the SDK
 * would use (ALIBABA_CLOUD_PROFILE, else `default`), checked before the SDK's own provider runs it; undefined when
 * the file is not there or has no sections.
 */
export async function credentialsFileSource(useEcsMetadata: boolean, chosen?: string): Promise<ChosenSource | undefined> {
  const file = credentialsFilePath();
  if (!(await fileExists(file))) return undefined;
  const name = chosen ?? (process.env.ALIBABA_CLOUD_PROFILE || 'default');
  const fileInfo: CredentialSourceInfo = { kind: 'credentialsFile', where: displayPath(file), profile: printable(name) };
  const sections = await readCredentialsFile(file, fileInfo);
  if (sections.size === 0) return undefined;

  const fields = sections.get(name);
  if (!fields) throw new CredentialSourceError(fileInfo, 'the file has no such section');
  const type = fields.get('type');
  const info: CredentialSourceInfo = { ...fileInfo, mode: type && printable(type) };
  const problem = sectionProblem(fields, useEcsMetadata);
  if (problem) throw new CredentialSourceError(info, problem.reason, problem.refusal);
  return { info, provider: ProfileCredentialsProvider.builder().withProfileName(name).build() };
}

/** The file's sections, every secret in them registered for redaction. */
export async function readCredentialsFile(file: string, info: CredentialSourceInfo): Promise<Map<string, Map<string, string>>> {
  let content: string;
  try {
    content = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new CredentialSourceError(info, err);
  }
  const sections = parseIni(content);
  for (const fields of sections.values()) registerSecretFields(fields);
  return sections;
}

/**
 * Sections and their `key = value` lines, read the way the SDK's `ini` package reads them (comment lines, quoted
 * values, `;`/`#` ending an unquoted value), enough to know each secret and the section's type.
 */
export function parseIni(content: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of content.split(/[\r\n]+/)) {
    if (/^\s*[;#]/.test(line)) continue;
    const header = /^\[([^\]]*)\]$/.exec(line);
    if (header) {
      const name = header[1].trim();
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0 && current) current.set(line.slice(0, eq).trim(), iniValue(line.slice(eq + 1)));
  }
  return sections;
}

function iniValue(raw: string): string {
  const value = raw.trim();
  const quoted = /^(["'])(.*)\1$/.exec(value);
  if (quoted) return quoted[2];
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && i + 1 < value.length && ';#\\'.includes(value[i + 1])) out += value[++i];
    else if (c === ';' || c === '#') break;
    else out += c;
  }
  return out.trim();
}
