import * as vscode from 'vscode';
import { maskKeyId } from '../cloud/credentials';
import { listProfiles, sameChoice, type ProfileChoice, type ProfileEntry, type ProfileListing } from '../cloud/profiles';
import type { ExplorerCommand } from './command';
import { inertText } from './inertText';

interface ProfileItem extends vscode.QuickPickItem {
  choice?: ProfileChoice;
  /** Set for a profile the SDK cannot sign with: accepting it does nothing, the detail says why. */
  unusable?: boolean;
}

/** Switch Profile…: picks which aliyun CLI profile, credentials-file section or stored key signs from now on. */
export const switchProfile: ExplorerCommand = {
  id: 'alibabaCloudBackups.switchProfile',
  run: async (deps) => {
    const profiles = deps.credentials.profiles;
    if (!profiles) return;
    const { settings } = deps.session;
    const [listing, stored] = await Promise.all([listProfiles(settings.useEcsMetadata), deps.credentials.store.get()]);
    const items = pickerItems(listing, profiles.get(), stored?.accessKeyId);
    const picked = await pick(items);
    if (!picked?.choice) return;
    await profiles.set(picked.choice);
    deps.log.info(`Profile switched to ${describeChoice(picked.choice)}.`);
  },
};

function describeChoice(choice: ProfileChoice): string {
  return choice.kind === 'auto' || choice.kind === 'stored' ? choice.kind : `${choice.kind} "${choice.name}"`;
}

/** A quick pick that stays open when an unusable profile is accepted, so its reason can be read and another picked. */
function pick(items: ProfileItem[]): Promise<ProfileItem | undefined> {
  const quickPick = vscode.window.createQuickPick<ProfileItem>();
  quickPick.title = vscode.l10n.t('Switch Profile');
  quickPick.placeholder = vscode.l10n.t('The identity the explorer signs with on this machine');
  quickPick.matchOnDescription = true;
  quickPick.items = items;
  const inUse = items.find((i) => i.picked);
  if (inUse) quickPick.activeItems = [inUse];
  return new Promise((resolve) => {
    quickPick.onDidAccept(() => {
      const item = quickPick.selectedItems[0] ?? quickPick.activeItems[0];
      if (!item || item.unusable) return;
      resolve(item);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}

export function pickerItems(listing: ProfileListing, inUse: ProfileChoice, storedKeyId: string | undefined): ProfileItem[] {
  const items: ProfileItem[] = [];
  const group = (label: string, entries: ProfileEntry[]): void => {
    if (entries.length === 0) return;
    items.push({ label, kind: vscode.QuickPickItemKind.Separator });
    for (const entry of entries) items.push(entryItem(entry, sameChoice(entry.choice, inUse)));
  };
  group(vscode.l10n.t('aliyun CLI profiles'), listing.cliProfiles);
  group(vscode.l10n.t('Credentials file sections'), listing.credentialsSections);
  items.push({ label: vscode.l10n.t('Other'), kind: vscode.QuickPickItemKind.Separator });
  if (storedKeyId !== undefined) {
    const current = inUse.kind === 'stored';
    items.push({ label: marked(vscode.l10n.t('Stored AccessKey'), current, 'key'), description: maskKeyId(storedKeyId), choice: { kind: 'stored' }, picked: current });
  }
  const auto = inUse.kind === 'auto';
  items.push({
    label: marked(vscode.l10n.t('Default chain'), auto, 'link'),
    description: vscode.l10n.t('the stored AccessKey, else environment, aliyun CLI current profile, credentials file…'),
    choice: { kind: 'auto' },
    picked: auto,
  });
  for (const info of listing.unreadable) {
    items.push({ label: `$(warning) ${inertText(info.where)}`, detail: vscode.l10n.t('This file could not be read (not valid JSON, or no permission).'), unusable: true });
  }
  return items;
}

function entryItem(entry: ProfileEntry, current: boolean): ProfileItem {
  const parts = [entry.mode, entry.region, entry.accessKeyId && maskKeyId(entry.accessKeyId)].filter((p): p is string => !!p).map((p) => inertText(p));
  if (entry.current) parts.push(vscode.l10n.t('aliyun CLI current'));
  if (current) parts.push(vscode.l10n.t('in use'));
  const item: ProfileItem = { label: marked(inertText(entry.label), current, 'account'), description: parts.join(' · '), choice: entry.choice, picked: current };
  if (entry.problem) {
    item.label = `$(circle-slash) ${inertText(entry.label)}`;
    item.detail = vscode.l10n.t('Cannot be used: {0}', problemText(entry));
    item.unusable = true;
  }
  return item;
}

function problemText(entry: ProfileEntry): string {
  const problem = entry.problem;
  if (problem?.unsupportedMode !== undefined) return vscode.l10n.t('@alicloud/credentials cannot sign with the mode "{0}"', inertText(problem.unsupportedMode));
  if (problem?.refusal === undefined) return inertText(problem?.reason ?? '', 200);
  return problem.refusal.viaProfile === undefined
    ? vscode.l10n.t('it uses the ECS RAM role, and the setting {0} is off', 'alibabaCloudBackups.useEcsMetadata')
    : vscode.l10n.t('its source profile "{0}" uses the ECS RAM role, and the setting {1} is off', inertText(problem.refusal.viaProfile), 'alibabaCloudBackups.useEcsMetadata');
}

/** The one in use gets a check mark in place of its icon. */
function marked(label: string, current: boolean, icon: string): string {
  return `$(${current ? 'check' : icon}) ${label}`;
}
