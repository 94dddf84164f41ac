// A home folder and environment of its own for each credentials test: HOME in a temp folder (os.homedir() follows
// it on Linux), no ALIBABA_CLOUD_* variable from the shell, the aliyun CLI config and credentials file written on
// demand, and a record of every connection attempted (anything not on loopback is cut before it leaves).
import { promises as fs } from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export interface CredentialEnv {
  home: string;
  /** Hosts every socket tried to connect to during the test. */
  connections: string[];
  writeCliConfig(config: unknown): Promise<void>;
  writeCliConfigText(text: string): Promise<void>;
  writeCredentialsFile(text: string): Promise<void>;
}

const WATCHED = (name: string): boolean => name === 'HOME' || name.startsWith('ALIBABA_CLOUD_');

export function useCredentialEnv(): CredentialEnv {
  const env = { connections: [] as string[] } as unknown as CredentialEnv;
  let saved: Record<string, string | undefined> = {};
  let restoreConnect: () => void = () => undefined;

  beforeEach(async () => {
    saved = {};
    for (const name of Object.keys(process.env)) if (WATCHED(name)) saved[name] = process.env[name];
    for (const name of Object.keys(saved)) delete process.env[name];
    env.home = await fs.mkdtemp(path.join(os.tmpdir(), 'cred-home-'));
    process.env.HOME = env.home;
    env.connections.length = 0;
    restoreConnect = watchConnections(env.connections);
  });

  afterEach(async () => {
    restoreConnect();
    for (const name of Object.keys(process.env)) if (WATCHED(name)) delete process.env[name];
    for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
    await fs.rm(env.home, { recursive: true, force: true });
  });

  const write = async (relative: string, text: string): Promise<void> => {
    const file = path.join(env.home, relative);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
  };
  env.writeCliConfigText = (text) => write('.aliyun/config.json', text);
  env.writeCliConfig = (config) => write('.aliyun/config.json', JSON.stringify(config, null, 2));
  env.writeCredentialsFile = (text) => write('.alibabacloud/credentials', text);
  return env;
}

type Connect = typeof net.Socket.prototype.connect;

/** Records the host of every socket connect; anything but loopback is failed at once instead of sent. */
function watchConnections(hosts: string[]): () => void {
  const original: Connect = net.Socket.prototype.connect;
  const watched = function (this: net.Socket, ...args: unknown[]): net.Socket {
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    const host = typeof first === 'object' && first !== null ? String((first as { host?: string; path?: string }).host ?? (first as { path?: string }).path ?? 'localhost') : String(args[1] ?? 'localhost');
    hosts.push(host);
    if (!/^(127\.|localhost$|::1$|\/)/.test(host)) {
      process.nextTick(() => this.destroy(new Error(`connection to ${host} blocked by the test`)));
      return this;
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  };
  net.Socket.prototype.connect = watched as Connect;
  return () => {
    net.Socket.prototype.connect = original;
  };
}

/** A loopback port nothing listens on: a connection to it is refused at once. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A credentials URI server that would hand out valid STS credentials, counting how often it is asked. */
export async function credentialsUriServer(): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    const expiration = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ Code: 'Success', AccessKeyId: 'STS.URIKEY00001', AccessKeySecret: 'uri-secret-5e2f9a', SecurityToken: 'uri-token-8c1d7b', Expiration: expiration }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/credentials`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
