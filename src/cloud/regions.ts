import type { CloudClient } from './client';
import type { Region } from './models';
import type { ProductDescriptor } from './product';
import { dig, type RawObject } from './types';
import { toText } from './values';

/** A product's DescribeRegions: each product wraps its region list differently. */
export interface RegionsAction {
  product: ProductDescriptor;
  parse(body: RawObject): Region[];
  /** The AcceptLanguage value that names regions in this UI language; absent where the API takes none. */
  acceptLanguage?(language: string | undefined): string;
}

/** Region names in Chinese when the UI is Chinese, in English otherwise (never the API's own default). */
export function chineseOrEnglish(zh: string, en: string): (language: string | undefined) => string {
  return (language) => (language?.toLowerCase().startsWith('zh') ? zh : en);
}

/**
 * What a region ID looks like (cn-hangzhou, ap-southeast-1). Region IDs go into endpoint host names, so one
 * from a response or a workspace setting that could reshape a URL ("x.evil.com/") is never used.
 */
export function isRegionId(value: string): boolean {
  return value.length <= 64 && /^[a-z]{2,}(-[a-z0-9]+)+$/.test(value);
}

/** Region lists are global; any endpoint answers, so ask the one every product serves. */
const HOME_REGION = 'cn-hangzhou';

export async function listRegions(client: CloudClient, regions: RegionsAction, signal?: AbortSignal): Promise<Region[]> {
  const params = regions.acceptLanguage ? { AcceptLanguage: regions.acceptLanguage(client.language) } : {};
  const { body } = await client.call(regions.product, 'DescribeRegions', HOME_REGION, params, signal);
  return regions.parse(body);
}

/** Reads a list of region objects at `path`, each with a RegionId and a display name under `nameField`. */
export function regionObjects(path: readonly string[], nameField: string): (body: RawObject) => Region[] {
  return (body) => {
    const list = dig(body, path);
    return (Array.isArray(list) ? list : []).flatMap((r) => {
      const id = toText(dig(r, ['RegionId']));
      return id && isRegionId(id) ? [{ id, name: toText(dig(r, [nameField])) }] : [];
    });
  };
}
