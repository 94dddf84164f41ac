import * as vscode from 'vscode';
import { maskKeyId, type CredentialSourceInfo } from '../cloud/credentials';
import { inertText } from '../commands/inertText';
import type { Identity, Session } from '../session';
import { describeCredentialError, sourceLabel } from './credentialService';

const ITEM_ID = 'alibabaCloudBackups.identity';
const SWITCH_PROFILE = 'alibabaCloudBackups.switchProfile';
/** Profile names are free text: the status bar has room for a short one, the tooltip says the rest. */
const NAME_LENGTH = 24;

/** What the status-bar item shows for one identity. */
export interface IdentityStatus {
  text: string;
  /** Plain text, never Markdown: it quotes profile names and reasons from local files. */
  tooltip: string;
  /** What a screen reader says; the text's warning icon alone would be silent. */
  accessibilityLabel: string;
  failing: boolean;
}

/** The item for `identity`, or undefined to hide it when nothing is configured (the welcome view covers that). */
export function identityStatus(identity: Identity): IdentityStatus | undefined {
  const click = vscode.l10n.t('Click to switch profile.');
  switch (identity.state) {
    case 'none':
      return undefined;
    case 'signed': {
      const { source, accessKeyId } = identity.credentials;
      const label = vscode.l10n.t('Alibaba Cloud: {0}', signerName(source));
      const from = source ? sourceLabel(source) : vscode.l10n.t('Stored AccessKey');
      const tooltip = [vscode.l10n.t('Requests are signed with {0}', from), vscode.l10n.t('AccessKey ID: {0}', maskKeyId(accessKeyId)), click];
      return { text: label, tooltip: tooltip.join('\n'), accessibilityLabel: label, failing: false };
    }
    case 'failed': {
      const label = vscode.l10n.t('Alibaba Cloud: {0}', signerName(identity.error.source));
      return {
        text: `$(warning) ${label}`,
        tooltip: [describeCredentialError(identity.error), click].join('\n'),
        accessibilityLabel: vscode.l10n.t('{0}, cannot sign', label),
        failing: true,
      };
    }
  }
}

/** The profile or section name when there is one, else the kind of source; no source is the stored key. */
function signerName(source: CredentialSourceInfo | undefined): string {
  if (!source) return vscode.l10n.t('AccessKey');
  if (source.profile) return inertText(source.profile, NAME_LENGTH);
  switch (source.kind) {
    case 'environment':
      return vscode.l10n.t('Environment');
    case 'ecsRamRole':
      return vscode.l10n.t('ECS RAM role');
    case 'cliProfile':
      return vscode.l10n.t('aliyun CLI profile');
    case 'credentialsFile':
      return vscode.l10n.t('Credentials file');
    default:
      return vscode.l10n.t('Default chain');
  }
}

/**
 * The status-bar item naming who signs, as AWS Toolkit shows its connection: VS Code draws no view description
 * while the view is alone in its container. A click runs Switch Profile…; users hide it from the status bar's menu.
 */
export class IdentityStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(ITEM_ID, vscode.StatusBarAlignment.Left);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: Session) {
    this.item.name = vscode.l10n.t('Alibaba Cloud Identity');
    this.item.command = SWITCH_PROFILE;
    this.subscription = session.onDidFindIdentity((identity) => this.show(identity));
  }

  /**
   * Looks the identity up now: the tree asks only while it is visible. The lookup is the one the tree shares, and
   * its failure is shown by the item (and said in the tree and log when the tree loads).
   */
  follow(): void {
    this.session.connect().catch(() => undefined);
  }

  private show(identity: Identity): void {
    const status = identityStatus(identity);
    if (!status) {
      this.item.hide();
      return;
    }
    this.item.text = status.text;
    this.item.tooltip = status.tooltip;
    this.item.accessibilityInformation = { label: status.accessibilityLabel, role: 'button' };
    this.item.backgroundColor = status.failing ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
