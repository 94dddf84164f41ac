import type { ProductEntry } from '../products/catalog';

/** What the Find by ID… box holds: an ID to look for, or why it holds none. */
export type IdInput = { id: string; fromUrl: boolean } | { problem: IdProblem };

/**
 * empty: nothing typed; notAnId: characters no ID has; unknownShape: no product has IDs like it; urlWithoutId: a
 * download URL whose path names no ID.
 */
export type IdProblem = 'empty' | 'notAnId' | 'unknownShape' | 'urlWithoutId';

/** Letters, digits and `-_.`, as every ID of these APIs: text of this shape is safe to show anywhere. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Reads what was typed or pasted: trimmed, an ID of some product's shape, or the ID a download URL carries. */
export function readIdInput(text: string, products: readonly ProductEntry[]): IdInput {
  const trimmed = text.trim();
  if (trimmed === '') return { problem: 'empty' };
  if (/^https?:\/\//i.test(trimmed)) {
    const id = idInUrl(trimmed, products);
    return id === undefined ? { problem: 'urlWithoutId' } : { id, fromUrl: true };
  }
  if (!ID.test(trimmed)) return { problem: 'notAnId' };
  return isKnownShape(trimmed, products) ? { id: trimmed, fromUrl: false } : { problem: 'unknownShape' };
}

function isKnownShape(id: string, products: readonly ProductEntry[]): boolean {
  return products.some((p) => p.ids !== undefined && (p.ids.resource.test(id) || p.ids.backup.test(id)));
}

/**
 * The ID a download URL's path carries; the query (the signature) is never read. Alibaba's OSS paths name the host
 * instance (`custins…/hins…_…`), which no API takes, so most real URLs carry none. What is taken: a file named
 * after its backup (`<backup ID>_<database>.zip`), else a path segment shaped like a resource ID (`r-…/`).
 */
function idInUrl(text: string, products: readonly ProductEntry[]): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const segments = url.pathname.split('/').flatMap((segment) => {
    try {
      return [decodeURIComponent(segment)];
    } catch {
      return [];
    }
  });
  const backupId = /^(\d{1,20})_/.exec(segments[segments.length - 1] ?? '')?.[1];
  if (backupId !== undefined && isKnownShape(backupId, products)) return backupId;
  return segments.find((segment) => ID.test(segment) && products.some((p) => p.ids?.resource.test(segment)));
}
