/** A JSON object as the APIs send it: no casting has happened yet. */
export type RawValue = string | number | boolean | null | RawObject | RawValue[];
export interface RawObject {
  [key: string]: RawValue;
}

/** A product code (adb, dds, dbs…); the catalog in src/products lists them. */
export type ProductId = string;

/** Business parameters of one RPC call; undefined values are left out. */
export type CallParams = Record<string, string | number | boolean | undefined>;

export function isRawObject(value: RawValue | undefined): value is RawObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows a path of object keys; a missing wrapper yields undefined rather than throwing. */
export function dig(value: RawValue | undefined, path: readonly string[]): RawValue | undefined {
  let current = value;
  for (const key of path) {
    if (!isRawObject(current)) return undefined;
    current = current[key];
  }
  return current;
}
