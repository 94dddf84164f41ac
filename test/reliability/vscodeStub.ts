// A stand-in for the `vscode` module, so that plain mocha can load the few product modules that import it only
// for l10n, tree items and input boxes (checkKeyPart, parseUtc/filterBackups, signIn, readSettings, RegionsRoot).
// Import this file before any of them: it hooks require('vscode'). Nothing here pretends to test VS Code itself;
// the real rendering is proven in the workbench tests (test/e2e/security.mjs, faults.mjs).
import Module from 'module';

type InputBoxOptions = { prompt?: string; title?: string; password?: boolean; validateInput?: (value: string) => string | undefined | Promise<string | undefined> };

/** How the next input boxes are answered: each entry is what the user types (undefined = Escape). */
export const inputScript: Array<string | undefined> = [];
/** Every input box shown, with what its validateInput said about the scripted value. */
export const inputBoxes: Array<{ options: InputBoxOptions; value: string | undefined; validation: string | undefined }> = [];
export const messages: Array<{ level: 'error' | 'warning' | 'info'; text: string }> = [];
/** What the next warning message with buttons answers (undefined = dismissed). */
export const warningAnswers: Array<string | undefined> = [];
export const quickPickAnswers: unknown[] = [];
/** The user's values: what getConfiguration('alibabaCloudBackups').get(key) returns unless a workspace value wins. */
export const configValues: Record<string, unknown> = {};
/** Values from the workspace's .vscode/settings.json: they win in get(), and inspect() tells them apart. */
export const workspaceConfigValues: Record<string, unknown> = {};

/** One piece appended to a MarkdownString: appendText escapes, appendMarkdown does not. */
export interface MarkdownPiece {
  kind: 'text' | 'markdown';
  value: string;
}

class MarkdownString {
  readonly pieces: MarkdownPiece[] = [];
  value = '';
  appendText(value: string): this {
    this.pieces.push({ kind: 'text', value });
    this.value += value.replace(/[\\`*_{}[\]()#+\-.!<>&|~]/g, '\\$&');
    return this;
  }
  appendMarkdown(value: string): this {
    this.pieces.push({ kind: 'markdown', value });
    this.value += value;
    return this;
  }
}

class TreeItem {
  id?: string;
  description?: string;
  tooltip?: string | MarkdownString;
  iconPath?: unknown;
  contextValue?: string;
  command?: unknown;
  constructor(
    public label: string,
    public collapsibleState = 0,
  ) {}
}

class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: unknown,
  ) {}
}

class ThemeColor {
  constructor(readonly id: string) {}
}

class EventEmitter<T> {
  private listeners: Array<(e: T) => void> = [];
  readonly event = (listener: (e: T) => void): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export const t = (message: string, ...args: unknown[]): string =>
  message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));

export const vscodeStub = {
  l10n: { t },
  TreeItem,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ThemeIcon,
  ThemeColor,
  MarkdownString,
  EventEmitter,
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  ViewColumn: { Active: -1 },
  Uri: { joinPath: (...parts: unknown[]) => parts.join('/'), from: (x: unknown) => x },
  env: { language: 'en', clipboard: { writeText: async (_text: string) => undefined } },
  commands: { executeCommand: async (..._args: unknown[]) => undefined },
  workspace: {
    getConfiguration: (_section?: string) => ({
      get: <T>(key: string): T | undefined => (key in workspaceConfigValues ? workspaceConfigValues[key] : configValues[key]) as T | undefined,
      inspect: <T>(key: string) => ({ key, globalValue: configValues[key] as T | undefined, workspaceValue: workspaceConfigValues[key] as T | undefined }),
      update: async () => undefined,
    }),
  },
  window: {
    showInputBox: async (options: InputBoxOptions): Promise<string | undefined> => {
      const value = inputScript.shift();
      const validation = value === undefined ? undefined : ((await options.validateInput?.(value)) ?? undefined);
      inputBoxes.push({ options, value, validation });
      // VS Code does not accept a value its validateInput refuses: the user can only fix it or press Escape.
      return validation ? undefined : value;
    },
    showErrorMessage: async (text: string) => {
      messages.push({ level: 'error', text });
      return undefined;
    },
    showWarningMessage: async (text: string, ..._items: string[]) => {
      messages.push({ level: 'warning', text });
      return warningAnswers.shift();
    },
    showInformationMessage: async (text: string) => {
      messages.push({ level: 'info', text });
      return undefined;
    },
    showQuickPick: async () => quickPickAnswers.shift(),
    withProgress: async <T>(_options: unknown, task: (progress: unknown) => Promise<T>): Promise<T> => task({ report: () => undefined }),
    setStatusBarMessage: (text: string) => {
      messages.push({ level: 'info', text });
      return { dispose: () => undefined };
    },
  },
};

export function resetStub(): void {
  inputScript.length = 0;
  inputBoxes.length = 0;
  messages.length = 0;
  warningAnswers.length = 0;
  quickPickAnswers.length = 0;
  for (const key of Object.keys(configValues)) delete configValues[key];
  for (const key of Object.keys(workspaceConfigValues)) delete workspaceConfigValues[key];
}

const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
const original = loader._load;
if (!(original as { __vscodeStub?: boolean }).__vscodeStub) {
  const hooked = function (this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
    if (request === 'vscode') return vscodeStub;
    return original.call(this, request, parent, isMain);
  };
  (hooked as { __vscodeStub?: boolean }).__vscodeStub = true;
  loader._load = hooked;
}
