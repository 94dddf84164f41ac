// Finds the UI messages in src/ that go through localization, so the l10n bundles can be checked and regenerated.
// Pure Node (no `vscode`): a regex over the source text, which is enough because messages are plain literals.
//
// What counts as a message:
//  - the first argument of `l10n.t(…)` (usually `vscode.l10n.t(…)`) in any file;
//  - the first argument of a bare `t(…)` in files that translate through an injected function named `t`:
//    everything under src/webview/, and any other file that declares `t: Translate` or `t = vscode.l10n.t`;
//  - in those same files, the label given to the `add(label, value)` row helper of the details panel, which
//    translates its label with `t(label)`; both branches of a `cond ? 'A' : 'B'` label are messages.
//  - the first argument of `msg(…)`, which marks the product catalog's labels (translated where they are shown);
// Only string literals count: '…', "…" and `…` without `${`. Any other first argument (a variable, a template
// with `${}`, a concatenation) is reported in `dynamic`, because its messages cannot be known from the source.

import * as fs from 'fs';
import * as path from 'path';

export interface FoundMessage {
  /** The runtime string, escapes resolved: exactly the key `vscode.l10n.t` looks up. */
  message: string;
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  line: number;
}

export interface DynamicCall {
  file: string;
  line: number;
  /** The call as written, shortened to one line. */
  text: string;
}

export interface ScanResult {
  messages: FoundMessage[];
  dynamic: DynamicCall[];
}

/** A single-quoted, double-quoted or backtick literal; a backtick one may not contain `${`. */
const LITERAL = String.raw`'(?:[^'\\\r\n]|\\[\s\S])*'|"(?:[^"\\\r\n]|\\[\s\S])*"|` + '`(?:[^`\\\\$]|\\\\[\\s\\S]|\\$(?!\\{))*`';

/** `l10n.t(` anywhere; not `foo.l10n.tx(` nor `myl10n.t(`. */
const L10N_CALL = /(?<![\w$])l10n\s*\.\s*t\s*\(/g;
/** A bare `t(`: not `x.t(`, not `format(`, not `$t(`. */
const BARE_T_CALL = /(?<![\w$.])t\s*\(/g;
/** The product catalog's message marker (`msg('…')`): catalog labels are translated where they are shown. */
const MSG_CALL = /(?<![\w$.])msg\s*\(/g;
/** The details panel's row helper, whose label goes through `t(label)`. */
const ADD_CALL = /(?<![\w$.])add\s*\(/g;
/** A function declaration named t or add is not a call. */
const DECLARATION_BEFORE = /\bfunction\s*$/;

const LITERAL_ARG = new RegExp(String.raw`^\s*(${LITERAL})\s*(?=[,)])`);
/** A literal that is a whole label or a whole branch of a conditional: after start, `?` or `:`, before `:` or the end. */
const BRANCH_LITERAL = new RegExp(String.raw`(?:^|[?:])\s*(${LITERAL})\s*(?=:|$)`, 'g');
const USES_INJECTED_T = /\bt\s*(?::\s*Translate\b|=\s*(?:vscode\s*\.\s*)?l10n\s*\.\s*t\b)/;

/** The value of a JavaScript string literal (quotes included in `literal`). */
export function unquote(literal: string): string {
  const body = literal.slice(1, -1);
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])/g, (_whole, esc: string) => {
    switch (esc[0]) {
      case 'n':
        return '\n';
      case 'r':
        return esc === 'r' ? '\r' : esc;
      case 't':
        return '\t';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case '0':
        return '\0';
      case 'x':
        return esc.length === 3 ? String.fromCharCode(parseInt(esc.slice(1), 16)) : esc;
      case 'u':
        if (esc.startsWith('u{')) return String.fromCodePoint(parseInt(esc.slice(2, -1), 16));
        return esc.length === 5 ? String.fromCharCode(parseInt(esc.slice(1), 16)) : esc;
      case '\r':
      case '\n':
      case '\u2028':
      case '\u2029':
        return ''; // line continuation
      default:
        return esc; // \' \" \` \\ and identity escapes
    }
  });
}

/** The text of the first argument of a call whose `(` ends at `start`, up to the first top-level `,` or `)`. */
function firstArgument(source: string, start: number): string {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === "'" || c === '"' || c === '`') {
      const m = new RegExp(LITERAL, 'y');
      m.lastIndex = i;
      const hit = m.exec(source);
      if (hit) {
        i += hit[0].length - 1;
        continue;
      }
      if (c === '`') return source.slice(start); // a template with ${}: give up, the caller reports it
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return source.slice(start, i);
      depth--;
    } else if (c === ',' && depth === 0) return source.slice(start, i);
  }
  return source.slice(start);
}

function lineAt(source: string, index: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < index; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
}

/** Messages in one file's text. `file` is its repository-relative path, which decides whether bare `t(` counts. */
export function scanSource(source: string, file: string): ScanResult {
  const messages: FoundMessage[] = [];
  const dynamic: DynamicCall[] = [];
  const injected = file.startsWith('src/webview/') || USES_INJECTED_T.test(source);
  const patterns: Array<{ call: RegExp; labels: boolean }> = [{ call: L10N_CALL, labels: false }, { call: MSG_CALL, labels: false }];
  if (injected) patterns.push({ call: BARE_T_CALL, labels: false }, { call: ADD_CALL, labels: true });

  for (const { call, labels } of patterns) {
    for (const match of source.matchAll(new RegExp(call.source, 'g'))) {
      const index = match.index ?? 0;
      if (DECLARATION_BEFORE.test(source.slice(Math.max(0, index - 20), index))) continue;
      const argStart = index + match[0].length;
      const line = lineAt(source, index);
      const rest = source.slice(argStart);
      if (!labels) {
        const literal = LITERAL_ARG.exec(rest);
        if (literal) messages.push({ message: unquote(literal[1]), file, line });
        else dynamic.push({ file, line, text: oneLine(match[0] + firstArgument(source, argStart) + ')') });
        continue;
      }
      const arg = firstArgument(source, argStart);
      const branches = [...arg.trim().matchAll(BRANCH_LITERAL)];
      if (branches.length === 0) {
        dynamic.push({ file, line, text: oneLine(`${match[0]}${arg}, …)`) });
        continue;
      }
      for (const branch of branches) messages.push({ message: unquote(branch[1]), file, line });
    }
  }
  messages.sort((a, b) => a.line - b.line);
  dynamic.sort((a, b) => a.line - b.line);
  return { messages, dynamic };
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out.sort();
}

/** Every message under `<root>/src`, in file order, with duplicates kept (each occurrence has its own place). */
export function scanRepository(root: string): ScanResult {
  const messages: FoundMessage[] = [];
  const dynamic: DynamicCall[] = [];
  for (const full of tsFiles(path.join(root, 'src'))) {
    const file = path.relative(root, full).split(path.sep).join('/');
    const result = scanSource(fs.readFileSync(full, 'utf8'), file);
    messages.push(...result.messages);
    dynamic.push(...result.dynamic);
  }
  return { messages, dynamic };
}

/** Code-unit order, so the result does not depend on the machine's locale. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The distinct messages under `<root>/src`, sorted. */
export function sourceMessages(root: string): string[] {
  return [...new Set(scanRepository(root).messages.map((m) => m.message))].sort(compareKeys);
}

/** The `{0}`, `{1}`… placeholders of a message, sorted and de-duplicated. */
export function placeholders(message: string): string[] {
  return [...new Set(message.match(/\{\d+\}/g) ?? [])].sort(compareKeys);
}

/** The repository root seen from a compiled file in out/test/l10n/. */
export function repositoryRoot(dirname: string): string {
  return path.resolve(dirname, '..', '..', '..');
}

export const BUNDLE = 'l10n/bundle.l10n.json';
export const BUNDLE_ZH_CN = 'l10n/bundle.l10n.zh-cn.json';

export function readJsonObject(file: string): Record<string, string> {
  if (!fs.existsSync(file)) return {};
  const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${file} is not a JSON object`);
  return value as Record<string, string>;
}

/** JSON with sorted keys, two-space indent and a final newline. */
export function formatBundle(bundle: Record<string, string>): string {
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(bundle).sort(compareKeys)) sorted[key] = bundle[key];
  return `${JSON.stringify(sorted, null, 2)}\n`;
}
