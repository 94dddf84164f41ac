import * as path from 'path';
import { Worker } from 'worker_threads';

/** The size of the buffers that carry bytes to the worker and come back empty, to be filled again. */
const SLOT_BYTES = 4 * 1024 * 1024;
/** Bytes handed to the worker and not yet added, past which the download waits. */
const MAX_BACKLOG = 16 * 1024 * 1024;

/**
 * A running CRC-64 taken on a worker thread (crc64Worker.ts, built next to the extension), fed in order: checking
 * the bytes then costs the extension host's thread only a copy. The copies travel in a few buffers that the worker
 * hands back, so nothing is allocated per batch.
 */
export class BackgroundCrc64 {
  private readonly worker = new Worker(path.join(__dirname, 'crc64Worker.js'));
  private readonly free: ArrayBuffer[] = [];
  private backlog = 0;
  private failure: Error | undefined;
  private readonly waiting: Array<{ resolve: () => void; reject: (err: Error) => void }> = [];
  private asked: { resolve: (value: string) => void; reject: (err: Error) => void } | undefined;

  constructor() {
    this.worker.on('message', (message: { added?: number; slot?: ArrayBuffer; digest?: string }) => {
      if (message.slot) this.free.push(message.slot);
      if (message.added !== undefined) {
        this.backlog -= message.added;
        if (this.backlog <= MAX_BACKLOG) this.waiting.splice(0).forEach((w) => w.resolve());
      }
      if (message.digest !== undefined) this.asked?.resolve(message.digest);
    });
    this.worker.on('error', (err) => this.fail(Object.assign(new Error(`the CRC-64 worker failed: ${err.message}`), { code: 'ECRC64WORKER' })));
  }

  /** Adds bytes; resolves once the worker is not too far behind. The buffers may be reused afterwards. */
  add(buffers: readonly Buffer[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    let slot: ArrayBuffer | undefined;
    let used = 0;
    const send = (full: ArrayBuffer): void => {
      this.backlog += used;
      this.worker.postMessage({ slot: full, length: used }, [full]);
      slot = undefined;
      used = 0;
    };
    for (const b of buffers) {
      for (let at = 0; at < b.length; ) {
        slot ??= this.free.pop() ?? new ArrayBuffer(SLOT_BYTES);
        const n = Math.min(b.length - at, SLOT_BYTES - used);
        new Uint8Array(slot).set(b.subarray(at, at + n), used);
        used += n;
        at += n;
        if (used === SLOT_BYTES) send(slot);
      }
    }
    if (slot) send(slot);
    if (this.backlog <= MAX_BACKLOG) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  reset(): void {
    this.worker.postMessage('reset');
  }

  /** The CRC of everything added since the start or the last reset. */
  digest(): Promise<string> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.asked = { resolve, reject };
      this.worker.postMessage('digest');
    });
  }

  stop(): void {
    void this.worker.terminate();
  }

  private fail(err: Error): void {
    this.failure = err;
    this.waiting.splice(0).forEach((w) => w.reject(err));
    this.asked?.reject(err);
  }
}
