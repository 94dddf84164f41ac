import { AsyncLocalStorage } from 'async_hooks';
import { subscribe } from 'diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'http';
import type { Socket } from 'net';

// The signing client buffers every response body whole and takes no agent or stream of ours, so the only place to
// stop an endless body is Node's own HTTP client: its diagnostics channel hands us each request as it is sent, and
// an AsyncLocalStorage store tells our requests apart from those of the other extensions sharing this process.

export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** A response grew (or announced itself) past its cap; errorMapping turns this into a CloudError. */
export class ResponseTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The response was larger than ${describeBytes(maxBytes)} and was not read.`);
    this.name = 'ResponseTooLargeError';
  }
}

interface Cap {
  readonly maxBytes: number;
  refuse(): void;
}

const storage = new AsyncLocalStorage<Cap>();
let subscribed = false;

/**
 * Runs `call` with every HTTP response it causes limited to `maxBytes` (headers included). Past the cap the
 * connection is destroyed so nothing more is read, and the result is a ResponseTooLargeError at once, whatever
 * the client makes of the broken connection later.
 */
export function withResponseCap<T>(maxBytes: number, call: () => Promise<T>): Promise<T> {
  if (!subscribed) {
    subscribe('http.client.request.start', watchRequest);
    subscribed = true;
  }
  // Whichever settles first wins: the refusal, or the client's own answer. The store outlives the call (the
  // client's socket timer keeps it until the timeout), so it must not keep the answer: `settle` is let go of.
  let settle: { resolve: (value: T) => void; reject: (reason: unknown) => void } | undefined;
  const answer = new Promise<T>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const take = (): typeof settle => {
    const taken = settle;
    settle = undefined;
    return taken;
  };
  const cap: Cap = { maxBytes, refuse: () => take()?.reject(new ResponseTooLargeError(maxBytes)) };
  storage.run(cap, call).then(
    (value) => take()?.resolve(value),
    (reason: unknown) => take()?.reject(reason),
  );
  return answer;
}

function watchRequest(message: unknown): void {
  const cap = storage.getStore();
  if (!cap) return;
  const request = (message as { request: ClientRequest }).request;
  const refuse = (): void => {
    if (request.destroyed) return;
    cap.refuse();
    request.destroy(new ResponseTooLargeError(cap.maxBytes));
  };
  let received = 0;
  // Counted on the socket: a 'data' listener on the response would start it flowing before the client reads it.
  const count = (chunk: Buffer): void => {
    received += chunk.length;
    if (received > cap.maxBytes) refuse();
  };
  const watchSocket = (socket: Socket): void => {
    socket.on('data', count);
    // Keep-alive sockets go on to serve other requests; the request closes before its socket is handed on.
    request.once('close', () => socket.off('data', count));
  };
  // The channel fires once the request is written, so its socket is normally there already.
  if (request.socket) watchSocket(request.socket);
  else request.once('socket', watchSocket);
  request.once('response', (response: IncomingMessage) => {
    if (Number(response.headers['content-length']) > cap.maxBytes) refuse();
  });
}

function describeBytes(bytes: number): string {
  const mib = 1024 * 1024;
  if (bytes % mib === 0) return `${bytes / mib} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
