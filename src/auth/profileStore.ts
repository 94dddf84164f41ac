import * as vscode from 'vscode';
import { AUTO_CHOICE, type ProfileChoice } from '../cloud/profiles';

const KEY = 'alibabaCloudBackups.profile';

/**
 * The profile picked in Switch Profile…, kept per machine in globalState: not synced (a profile name means
 * nothing on another machine) and never a setting, so no workspace can choose whose identity signs.
 */
export class ProfileStore {
  private readonly changed = new vscode.EventEmitter<ProfileChoice>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get(): ProfileChoice {
    return parseChoice(this.state.get<unknown>(KEY));
  }

  async set(choice: ProfileChoice): Promise<void> {
    await this.state.update(KEY, choice.kind === 'auto' ? undefined : choice);
    this.changed.fire(choice);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** What was stored, checked: state written by another version, or damaged, falls back to `auto`. */
export function parseChoice(value: unknown): ProfileChoice {
  if (typeof value !== 'object' || value === null) return AUTO_CHOICE;
  const { kind, name } = value as { kind?: unknown; name?: unknown };
  if (kind === 'stored') return { kind };
  if ((kind === 'cliProfile' || kind === 'credentialsFile') && typeof name === 'string' && name !== '') return { kind, name };
  return AUTO_CHOICE;
}
