import * as vscode from 'vscode';

/** What the Set Access Key boxes accept: printable ASCII without spaces, of a length keys really have. */
export function checkKeyPart(value: string, what: 'id' | 'secret' | 'token'): string | undefined {
  if (what === 'token' && value === '') return undefined;
  if (value.trim() === '') return vscode.l10n.t('This value is required.');
  if (value !== value.trim()) return vscode.l10n.t('Remove the spaces at the start or end.');
  if (!/^[\x21-\x7e]+$/.test(value)) return vscode.l10n.t('Only ASCII letters, digits and punctuation are allowed, without spaces.');
  const max = what === 'token' ? 8192 : 128;
  if (value.length > max) return vscode.l10n.t('This is longer than {0} characters.', max);
  if (what !== 'token' && value.length < 8) return vscode.l10n.t('This is too short for an AccessKey.');
  return undefined;
}
