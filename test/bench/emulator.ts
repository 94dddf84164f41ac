import { fork } from 'child_process';
import * as path from 'path';
import type { EmulatorStats, RequestLogEntry } from '../emulator';
import type { ChildOptions, ChildReady } from './emulatorProcess';

/** The emulator child process, seen through its control API (which is neither logged nor counted). */
export interface BenchEmulator extends ChildReady {
  stats(): Promise<EmulatorStats>;
  /** Zeroes the request count and the in-flight peak. */
  resetStats(): Promise<void>;
  requests(): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  /** Grows a resource's backup list; returns its new length. */
  addBackups(product: 'adb' | 'dds' | 'dbs', resourceId: string, count: number): Promise<number>;
  close(): Promise<void>;
}

export async function launchEmulator(options: ChildOptions): Promise<BenchEmulator> {
  const child = fork(path.join(__dirname, 'emulatorProcess.js'), [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<ChildReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ChildReady));
    child.once('exit', (code) => reject(new Error(`the emulator process exited with code ${code} before it was ready`)));
  });
  child.removeAllListeners('exit');

  const control = async <T>(method: string, route: string, body?: object): Promise<T> => {
    const res = await fetch(`${ready.url}/__emulator/${route}`, { method, body: body && JSON.stringify(body) });
    if (!res.ok) throw new Error(`emulator ${method} ${route}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    ...ready,
    stats: () => control<EmulatorStats>('GET', 'stats'),
    resetStats: async () => {
      await control('DELETE', 'stats');
    },
    requests: () => control<RequestLogEntry[]>('GET', 'requests'),
    clearRequests: async () => {
      await control('DELETE', 'requests');
    },
    addBackups: async (product, resourceId, count) => (await control<{ total: number }>('POST', 'backups', { product, resourceId, count })).total,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
