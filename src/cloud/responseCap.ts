import type { ClientRequest, IncomingMessage } from 'http';
import type { Socket } from 'net';

export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** A response grew (or announced itself) past its cap; errorMapping turns this into a CloudError. */
export class ResponseTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The response was larger than ${describeBytes(maxBytes)} and was not read.`);
    this.name = 'ResponseTooLargeError';
  }
}

/**
 * Limits the response to a request just sent to `maxBytes`, headers included: past it, or when its Content-Length
 * says so, `refused` is called and the connection destroyed so that nothing more is read.
 */
export function capResponse(request: ClientRequest, maxBytes: number, refused: () => void): void {
  const refuse = (): void => {
    if (request.destroyed) return;
    refused();
    request.destroy(new ResponseTooLargeError(maxBytes));
  };
  let received = 0;
  // Counted on the socket: a 'data' listener on the response would start it flowing before the client reads it.
  const count = (chunk: Buffer): void => {
    received += chunk.length;
    if (received > maxBytes) refuse();
  };
  const watchSocket = (socket: Socket): void => {
    socket.on('data', count);
    // Keep-alive sockets go on to serve other requests; the request closes before its socket is handed on.
    request.once('close', () => socket.off('data', count));
  };
  // The request is announced once it is written, so its socket is normally there already.
  if (request.socket) watchSocket(request.socket);
  else request.once('socket', watchSocket);
  request.once('response', (response: IncomingMessage) => {
    if (Number(response.headers['content-length']) > maxBytes) refuse();
  });
}

function describeBytes(bytes: number): string {
  const mib = 1024 * 1024;
  if (bytes % mib === 0) return `${bytes / mib} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
