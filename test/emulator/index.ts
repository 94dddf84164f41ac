import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import { createServer as createTlsServer } from 'https';
import { AddressInfo } from 'net';
import { CONTROL_PREFIX, ControlTarget, handleControl, MintFileOptions } from './control';
import { createSampleDataset, Dataset } from './dataset';
import { FaultRegistry, FaultSpec } from './faults';
import { fileSha256 } from './fileContent';
import { DownloadFiles, FILES_PREFIX, serveFile } from './files';
import { EmulatorState, EmulatorStats, handleApiRequest, RequestLogEntry } from './server';
import { NonceStore } from './signature';

export { TEST_CREDENTIALS } from './credentials';
export type { TestKeyPair, TestStsCredentials } from './credentials';
export {
  BASE_TIME_MS,
  createLargeDataset,
  createSampleDataset,
  Dataset,
  HOSTILE_TEXT,
  FORMULA_TEXT,
  LARGE_BIG_IDS,
  SAMPLE_IDS,
} from './dataset';
export type { AdbCluster, DbsPlan, DdsInstance, DdsNode, LargeDatasetOptions, Tag } from './dataset';
export type { Product } from './errors';
export type { FaultKind, FaultSpec } from './faults';
export type { MintFileOptions } from './control';
export type { EmulatorStats, RequestLogEntry } from './server';
export { ddsBackupTraits } from './dds';
export { binlogName } from './dbsIncrements';
export { SECOND_ACCOUNT_IDS } from './secondAccount';

export interface StartOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Delay added to every API request. */
  latencyMs?: number;
  /** Default: createSampleDataset(). */
  dataset?: Dataset;
  /** Lifetime of dds download URLs (the Expires parameter), default 3600. */
  urlExpirySeconds?: number;
  /**
   * Serve the backup files: download URLs in responses point at the emulator (`/__files/<host>/<path>?…`) and
   * GET of one sends BackupSize made-up bytes (files.ts). Off: the URLs name OSS hosts and nothing is served.
   */
  downloads?: boolean;
  /**
   * Also serve everything over TLS on a second port, with this key and certificate (tlsCert.ts): what STS needs,
   * as @alicloud/credentials calls AssumeRole over https only.
   */
  tls?: { key: string; cert: string };
}

export interface RunningEmulator extends ControlTarget {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** 127.0.0.1:PORT, what the client's Config.endpoint takes. */
  readonly endpoint: string;
  readonly port: number;
  /** 127.0.0.1:PORT of the TLS port (with `tls`), what a profile's sts_endpoint takes. */
  readonly tlsEndpoint?: string;
  readonly data: Dataset;
  injectFault(f: FaultSpec): void;
  clearFaults(): void;
  activeFaults(): FaultSpec[];
  setLatency(ms: number): void;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  stats(): EmulatorStats;
  resetStats(): void;
  /** With `downloads`: a presigned URL of a made-up file of `sizeBytes` (for tests and the benchmark). */
  mintFile(sizeBytes: number, options?: MintFileOptions): string;
  /** With `downloads`: the SHA-256 of the file a served URL names, as the emulator makes it up. */
  fileSha256(url: string): string;
  /** Stops listening and destroys every socket, hung requests included. */
  close(): Promise<void>;
}

/** Starts the gateway emulator; resolves once it is listening. */
export async function startEmulator(opts: StartOptions = {}): Promise<RunningEmulator> {
  const state: EmulatorState = {
    data: opts.dataset ?? createSampleDataset(),
    faults: new FaultRegistry(),
    nonces: new NonceStore(),
    log: [],
    stats: { inFlight: 0, inFlightPeak: 0, total: 0, hanging: 0 },
    latencyMs: opts.latencyMs ?? 0,
    urlExpirySeconds: opts.urlExpirySeconds ?? 3600,
  };
  const files = opts.downloads ? new DownloadFiles(() => emulator.url) : undefined;
  state.files = files;
  const needFiles = (): DownloadFiles => {
    if (!files) throw new Error('the emulator serves no files: start it with downloads: true');
    return files;
  };
  const host = opts.host ?? '127.0.0.1';
  // Filled in once listening; the getters below read it.
  const address: { port: number; endpoint: string; tlsEndpoint?: string } = { port: 0, endpoint: '' };

  const emulator: RunningEmulator = {
    get url() {
      return `http://${address.endpoint}`;
    },
    get endpoint() {
      return address.endpoint;
    },
    get port() {
      return address.port;
    },
    get tlsEndpoint() {
      return address.tlsEndpoint;
    },
    data: state.data,
    injectFault: (f) => state.faults.add(f),
    clearFaults: () => state.faults.clear(),
    activeFaults: () => state.faults.list(),
    setLatency: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new Error(`latency must be a non-negative number: ${ms}`);
      }
      state.latencyMs = ms;
    },
    requests: () => state.log.map((e) => ({ ...e, params: { ...e.params } })),
    clearRequests: () => {
      state.log.length = 0;
    },
    stats: () => ({ ...state.stats }),
    resetStats: () => {
      state.stats.total = 0;
      state.stats.inFlightPeak = state.stats.inFlight;
    },
    mintFile: (sizeBytes, { expiresInSeconds = state.urlExpirySeconds, name = `file-${sizeBytes}.bin` } = {}) =>
      needFiles().mint('emulator-bucket.oss-cn-hangzhou.aliyuncs.com', `downloads/${name}`, sizeBytes, Math.floor(Date.now() / 1000) + expiresInSeconds),
    fileSha256: (url) => {
      const key = new URL(url).pathname.slice(FILES_PREFIX.length);
      const file = needFiles().file(key);
      if (!file) throw new Error('no file is served at this URL');
      return fileSha256(key, file.size);
    },
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              // Also drops keep-alive sockets and requests hung by a fault.
              server.closeAllConnections();
            }),
        ),
      ).then(() => undefined),
  };

  const serve = (req: IncomingMessage, res: ServerResponse): void => {
    if ((req.url ?? '/').startsWith(CONTROL_PREFIX)) {
      void handleControl(req, res, emulator);
    } else if (files && (req.url ?? '/').startsWith(FILES_PREFIX)) {
      serveFile(req, res, state, files);
    } else {
      void handleApiRequest(req, res, state);
    }
  };
  const server = createServer(serve);
  const servers = [server];
  const hostPort = (port: number): string => `${host.includes(':') ? `[${host}]` : host}:${port}`;
  address.port = await listen(server, opts.port ?? 0, host);
  address.endpoint = hostPort(address.port);
  if (opts.tls) {
    const tlsServer = createTlsServer({ key: opts.tls.key, cert: opts.tls.cert }, serve);
    servers.push(tlsServer);
    address.tlsEndpoint = hostPort(await listen(tlsServer, 0, host));
  }
  return emulator;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
export { makeTestCertificate } from './tlsCert';
