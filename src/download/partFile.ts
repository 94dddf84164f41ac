import type { FileHandle } from 'fs/promises';
import { Writable } from 'stream';
import { BackgroundCrc64 } from './backgroundCrc64';
import { errorCode } from './downloadError';

/** Bytes the sink takes before it pushes back on the connection; writes go out in batches of about this much. */
const BUFFER_BYTES = 4 * 1024 * 1024;

/** Writing the file failed (disk full, no permission): retrying the connection cannot help. */
export class PartFileError extends Error {
  constructor(cause: unknown) {
    super(`Writing the file failed (${errorCode(cause)}).`, { cause });
    this.name = 'PartFileError';
  }
}

/**
 * The `.part` file being written: what it holds is always exactly `length` bytes, in order, and `crc` covers
 * exactly those bytes, so a download can resume from `length` after any failure of the connection.
 */
export class PartFile {
  length = 0;
  readonly crc = new BackgroundCrc64();

  constructor(readonly handle: FileHandle) {}

  /** Starts over: the server would not continue where the file ends. */
  async truncate(): Promise<void> {
    await this.handle.truncate(0);
    this.length = 0;
    this.crc.reset();
  }

  /**
   * A stream that appends to the file. Batches of chunks become one writev, and go to the checksum while the
   * disk writes them. Once it has finished, `length` counts every byte it was given. A failed write ends the
   * download, so the checksum need not be taken back.
   */
  appender(): Writable {
    const append = (buffers: Buffer[], done: (err?: Error | null) => void): void => {
      const bytes = buffers.reduce((sum, b) => sum + b.length, 0);
      const written = this.handle.writev(buffers, this.length).then(({ bytesWritten }) => {
        if (bytesWritten !== bytes) throw Object.assign(new Error('short write'), { code: 'ESHORTWRITE' });
        this.length += bytes;
      });
      Promise.all([written, this.crc.add(buffers)]).then(
        () => done(),
        (err: unknown) => done(new PartFileError(err)),
      );
    };
    return new Writable({
      highWaterMark: BUFFER_BYTES,
      write: (chunk: Buffer, _encoding, done) => append([chunk], done),
      writev: (chunks, done) => append(chunks.map((c) => c.chunk as Buffer), done),
    });
  }
}
