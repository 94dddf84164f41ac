import { commonBackupFields } from './backupFields';
import type { Backup, BackupFilter, Resource } from './models';
import { PAGE_NUMBER_FROM_1, type ListAction } from './paging';
import { centralOrRegional, type ProductDescriptor } from './product';
import { regionObjects, type RegionsAction } from './regions';
import { resourceStatusFamily } from './status';
import { formatMinuteUtc, toExpiry, toText } from './values';

/** AnalyticDB for MySQL, Data Warehouse Edition (V3.0) clusters. */
export const adbProduct: ProductDescriptor = {
  id: 'adb',
  version: '2019-03-15',
  endpointHost: centralOrRegional('adb.aliyuncs.com', 'adb', [
    'cn-hangzhou', 'cn-beijing', 'cn-shanghai', 'cn-shenzhen', 'cn-qingdao', 'cn-hongkong', 'us-west-1', 'us-east-1', 'ap-southeast-1',
  ]),
};

export const adbRegions: RegionsAction = {
  product: adbProduct,
  parse: regionObjects(['Regions', 'Region'], 'LocalName'),
};

export interface RegionScope {
  region: string;
}

export const adbClusters: ListAction<RegionScope, Resource> = {
  product: adbProduct,
  action: 'DescribeDBClusters',
  paging: PAGE_NUMBER_FROM_1,
  itemsPath: ['Items', 'DBCluster'],
  region: (scope) => scope.region,
  params: (scope) => ({ RegionId: scope.region }),
  normalise: (raw, scope) => ({
    product: 'adb',
    kind: 'adbCluster',
    region: scope.region,
    id: toText(raw.DBClusterId) ?? '',
    name: toText(raw.DBClusterDescription),
    status: resourceStatusFamily(toText(raw.DBClusterStatus)),
    statusText: toText(raw.DBClusterStatus),
    raw,
  }),
};

export interface ClusterScope {
  region: string;
  clusterId: string;
  filter?: BackupFilter;
}

export const adbBackups: ListAction<ClusterScope, Backup> = {
  product: adbProduct,
  action: 'DescribeBackups',
  paging: PAGE_NUMBER_FROM_1,
  itemsPath: ['Items', 'Backup'],
  region: (scope) => scope.region,
  params: ({ region, clusterId, filter }) => ({
    RegionId: region,
    DBClusterId: clusterId,
    BackupId: filter?.backupId,
    StartTime: filter?.start && formatMinuteUtc(filter.start),
    EndTime: filter?.end && formatMinuteUtc(filter.end),
  }),
  normalise: (raw, scope) => ({
    product: 'adb',
    region: scope.region,
    resourceId: scope.clusterId,
    ...commonBackupFields(raw),
    expiry: toExpiry(raw.BackupExpiredTime),
    raw,
  }),
};
