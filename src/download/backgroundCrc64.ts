import { existsSync } from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { Crc64 } from './crc64';

/** The size of the buffers that carry bytes to the worker and come back empty, to be filled again. */
const SLOT_BYTES = 4 * 1024 * 1024;
/** Bytes handed to the worker and not yet added, past which the download waits. */
const MAX_BACKLOG = 16 * 1024 * 1024;

/**
 * A running CRC-64 taken on a worker thread (crc64Worker.ts), fed in order: checking the bytes then costs the
 * extension host's thread only a copy. The copies travel in a few buffers that the worker hands back, so nothing
 * is allocated per batch. Where the worker's file is missing, the CRC is taken on this thread instead.
 */
export class BackgroundCrc64 {
  private readonly worker: Worker | undefined;
  private here = new Crc64();
  private readonly free: ArrayBuffer[] = [];
  private backlog = 0;
  private failure: Error | undefined;
  private readonly waiting: Array<{ resolve: () => void; reject: (err: Error) => void }> = [];
  private asked: { resolve: (value: string) => void; reject: (err: Error) => void } | undefined;

  constructor() {
    const file = path.join(__dirname, 'crc64Worker.js');
    if (!existsSync(file)) return;
    this.worker = new Worker(file);
    this.worker.on('message', (message: { added?: number; slot?: ArrayBuffer; digest?: string }) => {
      if (message.slot) this.free.push(message.slot);
      if (message.added !== undefined) {
        this.backlog -= message.added;
        if (this.backlog <= MAX_BACKLOG) this.waiting.splice(0).forEach((w) => w.resolve());
      }
      if (message.digest !== undefined) this.asked?.resolve(message.digest);
    });
    this.worker.on('error', (err) => this.fail(err));
  }

  /** Adds bytes; resolves once the worker is not too far behind. The buffers may be reused afterwards. */
  add(buffers: readonly Buffer[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.worker) {
      for (const b of buffers) this.here.update(b);
      return Promise.resolve();
    }
    let slot = new Uint8Array(this.free.pop() ?? new ArrayBuffer(SLOT_BYTES));
    let used = 0;
    const send = (): void => {
      this.backlog += used;
      this.worker?.postMessage({ slot: slot.buffer, length: used }, [slot.buffer]);
      slot = new Uint8Array(this.free.pop() ?? new ArrayBuffer(SLOT_BYTES));
      used = 0;
    };
    for (const b of buffers) {
      for (let at = 0; at < b.length; ) {
        const n = Math.min(b.length - at, SLOT_BYTES - used);
        slot.set(b.subarray(at, at + n), used);
        used += n;
        at += n;
        if (used === SLOT_BYTES) send();
      }
    }
    if (used > 0) send();
    this.free.push(slot.buffer);
    if (this.backlog <= MAX_BACKLOG) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  reset(): void {
    if (this.worker) this.worker.postMessage('reset');
    else this.here = new Crc64();
  }

  /** The CRC of everything added since the start or the last reset. */
  digest(): Promise<string> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.worker) return Promise.resolve(this.here.digest());
    const worker = this.worker;
    return new Promise((resolve, reject) => {
      this.asked = { resolve, reject };
      worker.postMessage('digest');
    });
  }

  stop(): void {
    void this.worker?.terminate();
  }

  private fail(err: Error): void {
    this.failure = err;
    this.waiting.splice(0).forEach((w) => w.reject(err));
    this.asked?.reject(err);
  }
}
