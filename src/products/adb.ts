import { commonBackupFields } from '../cloud/backupFields';
import type { Backup, BackupFilter, Resource } from '../cloud/models';
import { PAGE_NUMBER_FROM_1, type ListAction } from '../cloud/paging';
import { centralOrRegional, type ProductDescriptor } from '../cloud/product';
import { regionObjects, type RegionsAction } from '../cloud/regions';
import { resourceStatusFamily } from '../cloud/status';
import { formatMinuteUtc, toExpiry, toText, toTime } from '../cloud/values';
import type { RawObject } from '../cloud/types';
import { msg, type ProductEntry, type ResourceKindEntry } from './catalog';
import { backupListing, resourceListing, windowedBackupListing, type BackupWindowScope } from './listings';
import { filteredById, NUMERIC_ID, withId } from './lookup';
import { weekdayPolicy } from './weekdayPolicy';

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

/** A cluster from either API version's DescribeDBClusters: both name their fields alike. */
function cluster(raw: RawObject, region: string, kind: string, summary?: string): Resource {
  return {
    product: 'adb',
    kind,
    region,
    id: toText(raw.DBClusterId) ?? '',
    name: toText(raw.DBClusterDescription),
    summary,
    status: resourceStatusFamily(toText(raw.DBClusterStatus)),
    statusText: toText(raw.DBClusterStatus),
    raw,
  };
}

export const adbClusters: ListAction<RegionScope, Resource> = {
  product: adbProduct,
  action: 'DescribeDBClusters',
  paging: PAGE_NUMBER_FROM_1,
  itemsPath: ['Items', 'DBCluster'],
  region: (scope) => scope.region,
  params: (scope) => ({ RegionId: scope.region }),
  normalise: (raw, scope) => cluster(raw, scope.region, 'adbCluster'),
};

/** A backup from either API version's DescribeBackups. */
function clusterBackup(raw: RawObject, scope: { region: string; clusterId: string }): Backup {
  return { product: 'adb', region: scope.region, resourceId: scope.clusterId, ...commonBackupFields(raw), expiry: toExpiry(raw.BackupExpiredTime), raw };
}

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
  normalise: (raw, scope) => clusterBackup(raw, scope),
};

/**
 * AnalyticDB for MySQL 5.0 (Enterprise, Basic and Data Lakehouse editions, `amv-…`): the same product and hosts,
 * API version 2021-12-01. me-east-1 is served from the ap-northeast-1 host.
 */
export const adb2021Product: ProductDescriptor = {
  id: 'adb',
  version: '2021-12-01',
  endpointHost: (region) =>
    region === 'me-east-1'
      ? 'adb.ap-northeast-1.aliyuncs.com'
      : centralOrRegional('adb.aliyuncs.com', 'adb', ['cn-qingdao', 'cn-beijing', 'cn-hangzhou', 'cn-shanghai', 'cn-shenzhen', 'cn-hongkong', 'ap-southeast-1', 'us-west-1', 'us-east-1'])(region),
};

export const adb2021Regions: RegionsAction = {
  product: adb2021Product,
  parse: regionObjects(['Regions', 'Region'], 'LocalName'),
};

/** "Enterprise Edition 5.0" and the like, so the editions can be told apart in the tree. */
function edition(raw: RawObject): string | undefined {
  const version = toText(raw.ProductVersion);
  const names: Record<string, string> = { EnterpriseVersion: 'Enterprise', BasicVersion: 'Basic' };
  const name = version ? (names[version] ?? version) : toText(raw.ProductForm) === 'IntegrationForm' ? 'Data Lakehouse' : undefined;
  return [name, toText(raw.DBVersion)].filter(Boolean).join(' ') || undefined;
}

/** 5.0 clusters (DBClusterVersion 5.0); the 3.0 ones keep coming from the 2019-03-15 listing. */
export const adb5Clusters: ListAction<RegionScope, Resource> = {
  product: adb2021Product,
  action: 'DescribeDBClusters',
  paging: PAGE_NUMBER_FROM_1,
  itemsPath: ['Items', 'DBCluster'],
  region: (scope) => scope.region,
  params: (scope) => ({ RegionId: scope.region, DBClusterVersion: '5.0' }),
  normalise: (raw, scope) => cluster(raw, scope.region, 'adbLakehouse', edition(raw)),
};

/** A 5.0 cluster's backups: StartTime and EndTime are required, and the totals are strings. */
export const adb5Backups: ListAction<BackupWindowScope, Backup> = {
  product: adb2021Product,
  action: 'DescribeBackups',
  paging: PAGE_NUMBER_FROM_1,
  itemsPath: ['Items', 'Backup'],
  region: (scope) => scope.region,
  params: ({ resourceId, start, end, filter }) => ({
    DBClusterId: resourceId,
    StartTime: formatMinuteUtc(start),
    EndTime: formatMinuteUtc(end),
    BackupId: filter?.backupId,
  }),
  normalise: (raw, scope) => clusterBackup(raw, { region: scope.region, clusterId: scope.resourceId }),
};

const clusterById = filteredById(adbClusters, 'DBClusterIds');
const cluster5ById = filteredById(adb5Clusters, 'DBClusterIds');
/** A cluster's backup policy: both API versions answer DescribeBackupPolicy alike, each for its own clusters. */
function clusterPolicy(product: ProductDescriptor): ResourceKindEntry['policy'] {
  return async (client, cluster, signal) => {
    const { body } = await client.call(product, 'DescribeBackupPolicy', cluster.region, { DBClusterId: cluster.id }, signal);
    return weekdayPolicy(body);
  };
}

/** AnalyticDB for MySQL in the tree: 3.0 and 5.0 clusters side by side, each with its backups. */
export const adbEntry: ProductEntry = {
  id: 'adb',
  title: msg('AnalyticDB for MySQL'),
  emptyLabel: msg('No clusters'),
  ownerLabel: msg('Cluster'),
  regions: [adbRegions, adb2021Regions],
  resources: (region) => [resourceListing('clusters', adbClusters, { region }), resourceListing('clusters5', adb5Clusters, { region })],
  kinds: {
    adbCluster: {
      label: msg('AnalyticDB for MySQL cluster'),
      title: msg('Cluster {0}'),
      icon: 'database',
      filterable: true,
      children: (cluster, filter) => [backupListing('backups', adbBackups, { region: cluster.region, clusterId: cluster.id, filter })],
      policy: clusterPolicy(adbProduct),
    },
    adbLakehouse: {
      label: msg('AnalyticDB for MySQL 5.0 cluster'),
      title: msg('Cluster {0}'),
      icon: 'database',
      filterable: true,
      children: (cluster, filter, { windowDays }) => [
        windowedBackupListing('backups', adb5Backups, cluster, { windowDays, filter, notBefore: toTime(cluster.raw.CreateTime) }),
      ],
      policy: clusterPolicy(adb2021Product),
    },
  },
  backupFilter: { statuses: [] },
  // am- clusters are 3.0 (2019-03-15), amv- clusters 5.0 (2021-12-01): the prefix says which API version to ask.
  // Both DescribeDBClusters filter by DBClusterIds.
  ids: {
    resource: /^amv?-[a-z0-9]+$/,
    backup: NUMERIC_ID,
    findResource: (client, region, id, signal) => withId(client, id.startsWith('amv-') ? cluster5ById : clusterById, { region, id }, signal),
  },
};
