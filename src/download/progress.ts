export interface DownloadProgress {
  /** Bytes in the file so far. */
  bytes: number;
  /** The file's size, once a response has said. */
  total?: number;
  /** Over the last few seconds, so that a stall shows soon. */
  bytesPerSecond: number;
}

const INTERVAL_MS = 250;
const WINDOW_MS = 3_000;

/** Reports how far a download is, four times a second while it runs. */
export class ProgressMeter {
  private readonly samples: Array<{ at: number; bytes: number }> = [];
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly read: () => { bytes: number; total?: number },
    private readonly listener?: (progress: DownloadProgress) => void,
  ) {
    if (listener) this.timer = setInterval(() => this.report(), INTERVAL_MS);
  }

  report(): void {
    if (!this.listener) return;
    const now = Date.now();
    const { bytes, total } = this.read();
    // A start from zero is a new measurement.
    if (this.samples.length > 0 && bytes < this.samples[this.samples.length - 1].bytes) this.samples.length = 0;
    this.samples.push({ at: now, bytes });
    while (this.samples.length > 2 && now - this.samples[1].at >= WINDOW_MS) this.samples.shift();
    const first = this.samples[0];
    const seconds = (now - first.at) / 1000;
    this.listener({ bytes, total, bytesPerSecond: seconds > 0 ? (bytes - first.bytes) / seconds : 0 });
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
