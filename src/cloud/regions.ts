import type { CloudClient } from './client';
import type { Region } from './models';
import type { ProductDescriptor } from './product';
import type { RawObject } from './types';

/** A product's DescribeRegions: each product wraps its region list differently. */
export interface RegionsAction {
  product: ProductDescriptor;
  parse(body: RawObject): Region[];
}

/** Region lists are global; any endpoint answers, so ask the one every product serves. */
const HOME_REGION = 'cn-hangzhou';

export async function listRegions(client: CloudClient, regions: RegionsAction, signal?: AbortSignal): Promise<Region[]> {
  const { body } = await client.call(regions.product, 'DescribeRegions', HOME_REGION, {}, signal);
  return regions.parse(body);
}
