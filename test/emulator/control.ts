import { IncomingMessage, ServerResponse } from 'http';
import { Product } from './errors';
import { FaultSpec, validateFault } from './faults';
import { Dataset } from './model';
import { EmulatorStats, RequestLogEntry } from './server';

export const CONTROL_PREFIX = '/__emulator/';

/** The operations the control API exposes; RunningEmulator implements them. */
export interface ControlTarget {
  readonly url: string;
  readonly endpoint: string;
  readonly data: Dataset;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  injectFault(f: FaultSpec): void;
  clearFaults(): void;
  activeFaults(): FaultSpec[];
  setLatency(ms: number): void;
  stats(): EmulatorStats;
  resetStats(): void;
  mintFile(sizeBytes: number, options?: MintFileOptions): string;
}

export interface MintFileOptions {
  /** Seconds from now until the URL expires; negative: expired already. Default: the emulator's URL expiry. */
  expiresInSeconds?: number;
  /** The object's name, default `file-<size>.bin`. */
  name?: string;
}

class BadRequest extends Error {}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) {
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let value: unknown;
  try {
    value = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new BadRequest('body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadRequest('body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** POST adds `count` newer backups, DELETE removes the `count` newest; both answer the new total. */
function changeBackups(target: ControlTarget, b: Record<string, unknown>, change: 'add' | 'remove'): unknown {
  const { product, resourceId, count } = b;
  if (product !== 'adb' && product !== 'dds' && product !== 'dbs' && product !== 'rds' && product !== 'polardb') {
    throw new BadRequest('product must be adb, dds or dbs');
  }
  if (typeof resourceId !== 'string' || typeof count !== 'number') {
    throw new BadRequest('resourceId (string) and count (number) are required');
  }
  try {
    const data = target.data;
    const total = change === 'add' ? data.addBackups(product as Product, resourceId, count) : data.removeBackups(product as Product, resourceId, count);
    return { ok: true, total };
  } catch (e) {
    throw new BadRequest(e instanceof Error ? e.message : String(e));
  }
}

/**
 * Unsigned, unlogged, uncounted endpoints so other processes (e2e tests, the demo) can steer a running
 * emulator the same way in-process tests use RunningEmulator.
 */
export async function handleControl(req: IncomingMessage, res: ServerResponse, target: ControlTarget): Promise<void> {
  const route = `${req.method} ${(req.url ?? '').split('?')[0].slice(CONTROL_PREFIX.length)}`;
  try {
    switch (route) {
      case 'GET health':
        return reply(res, 200, { ok: true, url: target.url, endpoint: target.endpoint });
      case 'GET requests':
        return reply(res, 200, target.requests());
      case 'DELETE requests':
        target.clearRequests();
        return reply(res, 200, { ok: true });
      case 'GET faults':
        return reply(res, 200, target.activeFaults());
      case 'POST faults': {
        let spec: FaultSpec;
        try {
          spec = validateFault(await readJson(req));
        } catch (e) {
          throw e instanceof BadRequest ? e : new BadRequest(e instanceof Error ? e.message : String(e));
        }
        target.injectFault(spec);
        return reply(res, 200, { ok: true });
      }
      case 'DELETE faults':
        target.clearFaults();
        return reply(res, 200, { ok: true });
      case 'POST latency': {
        const { ms } = await readJson(req);
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
          throw new BadRequest('ms must be a non-negative number');
        }
        target.setLatency(ms);
        return reply(res, 200, { ok: true });
      }
      case 'GET stats':
        return reply(res, 200, target.stats());
      case 'DELETE stats':
        target.resetStats();
        return reply(res, 200, { ok: true });
      case 'POST backups':
        return reply(res, 200, changeBackups(target, await readJson(req), 'add'));
      case 'DELETE backups':
        return reply(res, 200, changeBackups(target, await readJson(req), 'remove'));
      case 'POST files': {
        const { sizeBytes, expiresInSeconds, name } = await readJson(req);
        if (!Number.isSafeInteger(sizeBytes) || (sizeBytes as number) < 0) throw new BadRequest('sizeBytes must be a whole number ≥ 0');
        if (expiresInSeconds !== undefined && !Number.isSafeInteger(expiresInSeconds)) throw new BadRequest('expiresInSeconds must be a whole number');
        if (name !== undefined && (typeof name !== 'string' || !/^[\w.-]{1,100}$/.test(name))) throw new BadRequest('name must be letters, digits, _ . or -');
        try {
          return reply(res, 200, { url: target.mintFile(sizeBytes as number, { expiresInSeconds: expiresInSeconds as number | undefined, name: name as string | undefined }) });
        } catch (e) {
          throw new BadRequest(e instanceof Error ? e.message : String(e));
        }
      }
      default:
        return reply(res, 404, { error: `unknown control route: ${route}` });
    }
  } catch (e) {
    if (e instanceof BadRequest) {
      return reply(res, 400, { error: e.message });
    }
    return reply(res, 500, { error: String(e) });
  }
}
