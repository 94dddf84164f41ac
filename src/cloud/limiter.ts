import { CancelledError } from './errors';

/**
 * Caps how many requests are in flight at once, across every product and region. A caller that gives up
 * while queued leaves the queue; a request already sent keeps its slot until the network call settles, so the
 * cap holds for what the server sees, not just for what callers await.
 */
export class Limiter {
  private active = 0;
  private peakActive = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private max: number) {}

  setMax(max: number): void {
    this.max = Math.max(1, Math.floor(max));
    this.drain();
  }

  get peak(): number {
    return this.peakActive;
  }

  /** Waits for a slot; the returned function gives it back (call it exactly once). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw new CancelledError();
    if (this.active >= this.max) {
      await new Promise<void>((resolve, reject) => {
        const grant = (): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = (): void => {
          const index = this.waiting.indexOf(grant);
          if (index >= 0) this.waiting.splice(index, 1);
          reject(new CancelledError());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiting.push(grant);
      });
    } else {
      this.active++;
    }
    this.peakActive = Math.max(this.peakActive, this.active);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.drain();
    };
  }

  private drain(): void {
    while (this.active < this.max && this.waiting.length > 0) {
      this.active++;
      this.waiting.shift()?.();
    }
  }
}
