// The CRC-64 of a download, taken on a thread of its own so that checking the bytes does not slow receiving them.
// Messages in order: a slot (the first `length` bytes of a buffer are added; the buffer goes back empty),
// 'reset', 'digest' (answered with the value).
import { parentPort } from 'worker_threads';
import { Crc64 } from './crc64';

let crc = new Crc64();
parentPort?.on('message', (message: { slot: ArrayBuffer; length: number } | 'reset' | 'digest') => {
  if (message === 'reset') crc = new Crc64();
  else if (message === 'digest') parentPort?.postMessage({ digest: crc.digest() });
  else {
    crc.update(new Uint8Array(message.slot, 0, message.length));
    parentPort?.postMessage({ added: message.length, slot: message.slot }, [message.slot]);
  }
});
