import { Builder } from './builders';
import { Dataset } from './model';
import { regionDef } from './regions';

/** The second account's AnalyticDB cluster: the one resource that tells its tree from the sample account's. */
export const SECOND_ACCOUNT_IDS = { adb: 'am-bp1second000001' } as const;

/**
 * What the second account's key (TEST_CREDENTIALS.secondAccount) sees: the same regions as the sample account,
 * and in them a single AnalyticDB cluster and nothing else, so a walk can tell which identity listed the tree.
 */
export function createSecondAccountDataset(): Dataset {
  const b = new Builder(20261102);
  const clusters = [b.adbCluster({ id: SECOND_ACCOUNT_IDS.adb, regionId: 'cn-hangzhou', description: 'second-account-dw', backups: 3 })];
  return new Dataset(
    { regions: ['cn-hangzhou', 'cn-beijing', 'cn-shanghai', 'ap-southeast-1'].map(regionDef), clusters },
    { regions: ['cn-hangzhou', 'cn-shenzhen', 'ap-southeast-1'].map(regionDef), instances: [] },
    { regions: ['cn-hangzhou', 'cn-shanghai', 'eu-central-1'].map(regionDef), plans: [] },
  );
}
