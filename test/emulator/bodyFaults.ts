import { ServerResponse } from 'http';

// Responses that are too big for a client to take whole: they test its limits, never the gateway's rules.

const JSON_TYPE = 'application/json;charset=utf-8';
const OVERSIZED_PAGE_ITEMS = 10_000;
/** What hugeContentLength announces: far past any sane cap. */
const HUGE_CONTENT_LENGTH = 1024 * 1024 * 1024;
const ENDLESS_ITEM = '{"BackupId":"3001000000","BackupStatus":"Finished","BackupSize":1024},';
/** A client with no cap of its own buffers all it is sent: past this the connection is cut, to spare the test machine. */
const ENDLESS_BODY_GUARD = 256 * 1024 * 1024;
/** About 64 KiB per write. */
const ENDLESS_CHUNK = Buffer.from(ENDLESS_ITEM.repeat(Math.ceil(65536 / ENDLESS_ITEM.length)), 'utf8');

function jsonStart(requestId: string): string {
  return `{"RequestId":"${requestId}","Items":{"Backup":[`;
}

/**
 * A 200 whose JSON-looking body never ends: written as fast as the client reads it, and no more, until the client
 * goes away (so the emulator holds about one chunk whatever the client does) or 256 MiB have gone without it
 * leaving (then the connection is cut, never ended cleanly). `onClosed` hears the bytes sent.
 */
export function streamEndlessBody(res: ServerResponse, requestId: string, onClosed: (bytes: number) => void): void {
  let open = true;
  let bytes = 0;
  res.once('close', () => {
    open = false;
    onClosed(bytes);
  });
  const start = jsonStart(requestId);
  res.writeHead(200, { 'content-type': JSON_TYPE, 'x-acs-request-id': requestId });
  res.write(start);
  bytes += Buffer.byteLength(start);
  const pump = (): void => {
    while (open) {
      if (bytes > ENDLESS_BODY_GUARD) {
        res.destroy();
        return;
      }
      bytes += ENDLESS_CHUNK.length;
      if (!res.write(ENDLESS_CHUNK)) {
        res.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

/** A 200 whose Content-Length announces 1 GiB; the start of the body follows and then nothing, until the client goes. */
export function announceHugeBody(res: ServerResponse, requestId: string): void {
  res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': HUGE_CONTENT_LENGTH, 'x-acs-request-id': requestId });
  res.write(jsonStart(requestId));
}

/** The page the handler built, its item list repeated to 10,000 entries: a server that ignores PageSize. */
export function oversizedPage(body: object): object {
  const copy = structuredClone(body);
  const items = longestArray(copy);
  if (items && items.length > 0) {
    const page = items.splice(0);
    for (let i = 0; i < OVERSIZED_PAGE_ITEMS; i++) {
      items.push(page[i % page.length]);
    }
  }
  return copy;
}

/** The item list of a page: every envelope nests it somewhere, and it is the longest array in the body. */
function longestArray(value: unknown): unknown[] | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  let best = Array.isArray(value) ? value : undefined;
  for (const child of Object.values(value)) {
    const found = longestArray(child);
    if (found && found.length > (best?.length ?? 0)) {
      best = found;
    }
  }
  return best;
}
