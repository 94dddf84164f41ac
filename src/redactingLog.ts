import type * as vscode from 'vscode';
import { redact } from './cloud/redact';

type LogMethod = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'append' | 'appendLine';
const METHODS: readonly LogMethod[] = ['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine'];

/**
 * The extension's log with every line redacted on the way in: IDs, names and error texts from responses are
 * logged in many places, and a signature or token in any of them must not reach the log file.
 */
export function redactingLog(channel: vscode.LogOutputChannel): vscode.LogOutputChannel {
  const redacted = (method: LogMethod) => (message: string | Error, ...args: unknown[]): void => {
    const text = message instanceof Error ? `${message.name}: ${message.message}` : String(message);
    (channel[method] as (message: string, ...args: unknown[]) => void).call(channel, redact(text), ...args.map((a) => redact(String(a))));
  };
  return new Proxy(channel, {
    get(target, property) {
      if ((METHODS as readonly PropertyKey[]).includes(property)) return redacted(property as LogMethod);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
