import * as http from 'http';
import type { Socket } from 'net';
import { createProxy } from 'proxy';

/** A real HTTP proxy on loopback for the tests: TooTallNate's `proxy`, the one the proxy-agents packages test with. */
export interface RunningProxy {
  /** http://127.0.0.1:<port>, with user:pass@ when the proxy asks for them. */
  readonly url: string;
  readonly port: number;
  /** The proxy's own log, one line per request: `POST http://host/ DescribeRegions` (the x-acs-action), `GET http://host/path…` or `CONNECT host:port`. */
  readonly log: string[];
  /** Each request's Proxy-Connection header: which HTTP agent sent it (ours keeps the connection alive). */
  readonly proxyConnection: string[];
  /** Requests refused for missing or wrong credentials (answered 407). */
  readonly refused: number;
  close(): Promise<void>;
}

export async function startProxy({ auth, host = '127.0.0.1' }: { auth?: { user: string; pass: string }; host?: string } = {}): Promise<RunningProxy> {
  const server = createProxy(http.createServer());
  const log: string[] = [];
  const proxyConnection: string[] = [];
  const sockets = new Set<Socket>();
  let refused = 0;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // The signed RPC calls are POSTs to the endpoint's root; their x-acs-action header says which API it was.
  server.on('request', (req: http.IncomingMessage) => log.push(`${req.method} ${req.url}${req.headers['x-acs-action'] ? ` ${String(req.headers['x-acs-action'])}` : ''}`));
  server.on('request', (req: http.IncomingMessage) => proxyConnection.push(String(req.headers['proxy-connection'] ?? '-')));
  server.on('connect', (req: http.IncomingMessage) => log.push(`CONNECT ${req.url}`));
  if (auth) {
    const expected = `Basic ${Buffer.from(`${auth.user}:${auth.pass}`).toString('base64')}`;
    server.authenticate = (req) => {
      const ok = req.headers['proxy-authorization'] === expected;
      if (!ok) refused++;
      return ok;
    };
  }
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as { port: number }).port;
  const userInfo = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@` : '';
  return {
    url: `http://${userInfo}${host}:${port}`,
    port,
    log,
    proxyConnection,
    get refused() {
      return refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port that nothing listens on: a proxy that refuses every connection. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
