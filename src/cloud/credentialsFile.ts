import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ProfileCredentialsProvider } from '@alicloud/credentials';
import type { ChosenSource } from './credentialChain';
import { CredentialSourceError, displayPath, ECS_METADATA_SETTING, printable, type CredentialSourceInfo } from './credentialSourceError';
import { fileExists, registerSecretFields } from './sourceFiles';

/**
 * The section of the credentials file the SDK would use (ALIBABA_CLOUD_PROFILE, else `default`), checked before
 * the SDK's own provider runs it; undefined when the file is not there or has no sections.
 */
export async function credentialsFileSource(useEcsMetadata: boolean): Promise<ChosenSource | undefined> {
  const file = process.env.ALIBABA_CLOUD_CREDENTIALS_FILE || path.join(os.homedir(), '.alibabacloud', 'credentials');
  if (!(await fileExists(file))) return undefined;
  const name = process.env.ALIBABA_CLOUD_PROFILE || 'default';
  const fileInfo: CredentialSourceInfo = { kind: 'credentialsFile', where: displayPath(file), profile: printable(name) };
  let content: string;
  try {
    content = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new CredentialSourceError(fileInfo, err);
  }
  const sections = parseIni(content);
  for (const fields of sections.values()) registerSecretFields(fields);
  if (sections.size === 0) return undefined;

  const fields = sections.get(name);
  if (!fields) throw new CredentialSourceError(fileInfo, 'the file has no such section');
  const type = fields.get('type');
  const info: CredentialSourceInfo = { ...fileInfo, mode: type && printable(type) };
  if (type === 'ecs_ram_role' && !useEcsMetadata) {
    throw new CredentialSourceError(info, `it uses the ECS RAM role, and the setting ${ECS_METADATA_SETTING} is off`, { kind: 'ecsMetadataOff' });
  }
  return { info, provider: ProfileCredentialsProvider.builder().withProfileName(name).build() };
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
