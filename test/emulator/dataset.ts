import { buildAdb5Clusters } from './adb2021';
import { Builder } from './builders';
import { attachIncrements } from './dbsIncrements';
import { DDS_FAMILY_IDS, ddsFamilySamples } from './ddsFamilies';
import { Dataset } from './model';
import { generatedPolardb, POLARDB_IDS, polardbSamples } from './polardbData';
import { firstRegions, regionDef } from './regions';
import { generatedRds, RDS_SAMPLE_IDS, rdsSamples } from './rdsData';
import { generatedKvstore, KVSTORE_IDS, sampleKvstore } from './kvstoreData';

export { BASE_TIME_MS, Dataset } from './model';
export type { AdbCluster, DbsPlan, DdsInstance, DdsNode, Tag } from './model';
export type { Adb5Cluster } from './model';

/** Markup, quotes, template syntax, an RTL mark with Arabic text and an emoji: everything a renderer can get wrong. */
export const HOSTILE_TEXT =
  '<img src=x onerror=alert(1)> "quoted" \'single\' `tick` ${x} </script><script>window.__pwned=1</script> ' +
  '\u200Fمرحبا 🐘';

/** A spreadsheet formula with quotes and a comma: what a CSV export must write as text (an RDS database name). */
export const FORMULA_TEXT = '=HYPERLINK("http://x","y")';

/** IDs of the sample dataset that tests can rely on. */
export const SAMPLE_IDS = {
  adb: {
    big: 'am-bp1big0000000001',
    empty: 'am-bp1empty00000001',
    small1: 'am-bp1small0000001',
    small2: 'am-bp1small0000002',
    hostile: 'am-bp1hostile00001',
    beijing: 'am-2ze1beijing00001',
    beijing2: 'am-2ze2beijing00002',
    shanghai: 'am-uf6shanghai00001',
    singapore: 'am-t4nsg0000000001',
    /** 5.0 clusters (2021-12-01 API only): Enterprise with 80 backups over 40 days, Basic with 4 (one > 7 days old). */
    lakehouse: 'amv-bp1lakehouse0001',
    basic: 'amv-bp1basic00000001',
  },
  dds: {
    replica1: 'dds-bp1replica000001',
    replica2: 'dds-bp1replica000002',
    sharded: 'dds-bp1sharded00001',
    shardNodes: ['d-bp1shard0000001', 'd-bp1shard0000002', 'd-bp1shard0000003'],
    hostile: 'dds-bp1hostile00001',
    shenzhenReplica: 'dds-wz9replica000001',
    shenzhenSharded: 'dds-wz9sharded00001',
    shenzhenShardNodes: ['d-wz9shard0000001', 'd-wz9shard0000002'],
    singapore: 'dds-t4nreplica00001',
    singapore2: 'dds-t4nreplica00002',
    // Cluster-backup cluster, serverless and standalone instances (ddsFamilies.ts), all in cn-hangzhou.
    ...DDS_FAMILY_IDS,
  },
  dbs: {
    big: 'dbsplanbig00001',
    empty: 'dbsplanempty0001',
    init: 'dbsplaninit00001',
    hostile: 'dbsplanxss000001',
    paused: 'dbsplanpause0001',
    shanghai: 'dbsplansh0000001',
    shanghai2: 'dbsplansh0000002',
    frankfurt: 'dbsplaneu0000001',
    frankfurtWait: 'dbsplaneu0000002',
  },
  /** PolarDB (polardbData.ts): MySQL 8.0 with 80 backups over 40 days, PostgreSQL 14 with 5, a hostile Oracle one with 2. */
  polardb: POLARDB_IDS,
  rds: RDS_SAMPLE_IDS,
  /** Tair / Redis (kvstoreData.ts): standard and 3-shard cluster with 80 backup runs over 40 days, Tair, hostile, Shanghai. */
  kvstore: KVSTORE_IDS,
} as const;

export interface SampleDatasetOptions {
  /** What the 5.0 (amv-) backups count back from; default: the real clock when the dataset is built. */
  nowMs?: number;
}

/**
 * The fixed dataset used by unit, contract and UI tests. Same output on every call, except the times of the 5.0
 * clusters (`amv-`), which count back from `nowMs` (default: the real clock) so that a "last 7 days" window finds
 * their backups; everything else counts back from BASE_TIME_MS.
 */
export function createSampleDataset(opts: SampleDatasetOptions = {}): Dataset {
  const b = new Builder(20261101);
  const ids = SAMPLE_IDS;
  const hz = 'cn-hangzhou';

  const clusters = [
    b.adbCluster({
      id: ids.adb.big,
      regionId: hz,
      description: 'production-warehouse',
      backups: 230,
      stepHours: 8,
      runningNewest: 2,
      tags: [
        { key: 'env', value: 'prod' },
        { key: 'team', value: 'analytics' },
      ],
    }),
    b.adbCluster({ id: ids.adb.empty, regionId: hz, description: 'empty-cluster', backups: 0 }),
    b.adbCluster({ id: ids.adb.small1, regionId: hz, description: 'reporting', backups: 12, payType: 'Prepaid' }),
    b.adbCluster({ id: ids.adb.small2, regionId: hz, description: 'staging-etl', backups: 5, runningNewest: 1 }),
    b.adbCluster({ id: ids.adb.hostile, regionId: hz, description: HOSTILE_TEXT, backups: 3 }),
    b.adbCluster({ id: ids.adb.beijing, regionId: 'cn-beijing', description: 'beijing-dw', backups: 8 }),
    b.adbCluster({ id: ids.adb.beijing2, regionId: 'cn-beijing', description: 'beijing-archive', backups: 3, payType: 'Prepaid' }),
    b.adbCluster({ id: ids.adb.shanghai, regionId: 'cn-shanghai', description: 'shanghai-dw', backups: 4 }),
    b.adbCluster({ id: ids.adb.singapore, regionId: 'ap-southeast-1', description: 'sg-dw', backups: 6 }),
  ];

  const [n1, n2, n3] = ids.dds.shardNodes;
  const [s1, s2] = ids.dds.shenzhenShardNodes;
  const instances = [
    b.ddsReplica({ id: ids.dds.replica1, regionId: hz, description: 'orders-replica', backups: 45, storageType: 'local_ssd' }),
    b.ddsReplica({ id: ids.dds.replica2, regionId: hz, description: 'users-replica', backups: 8, chargeType: 'PrePaid' }),
    b.ddsSharded({
      id: ids.dds.sharded,
      regionId: hz,
      description: 'events-sharded',
      shards: [
        { nodeId: n1, backups: 20 },
        { nodeId: n2, backups: 15 },
        { nodeId: n3, backups: 10 },
      ],
    }),
    b.ddsReplica({ id: ids.dds.hostile, regionId: hz, description: HOSTILE_TEXT, backups: 2 }),
    b.ddsReplica({ id: ids.dds.shenzhenReplica, regionId: 'cn-shenzhen', description: 'sz-replica', backups: 6 }),
    b.ddsSharded({
      id: ids.dds.shenzhenSharded,
      regionId: 'cn-shenzhen',
      description: 'sz-sharded',
      shards: [
        { nodeId: s1, backups: 3 },
        { nodeId: s2, backups: 3 },
      ],
    }),
    b.ddsReplica({ id: ids.dds.singapore, regionId: 'ap-southeast-1', description: 'sg-replica', backups: 4 }),
    b.ddsReplica({ id: ids.dds.singapore2, regionId: 'ap-southeast-1', description: 'sg-replica-2', backups: 3 }),
  ];

  const plans = [
    b.dbsPlan({ id: ids.dbs.big, regionId: hz, name: 'orders-full-backup', backups: 130 }),
    b.dbsPlan({ id: ids.dbs.empty, regionId: hz, name: 'empty-plan', backups: 0 }),
    b.dbsPlan({
      id: ids.dbs.init,
      regionId: hz,
      name: 'precheck-failed',
      status: 'init',
      errMessage: 'can not connect to mysql instance rm-bp1init0000000001 with user dbs_backup',
      backups: 0,
    }),
    b.dbsPlan({ id: ids.dbs.hostile, regionId: hz, name: HOSTILE_TEXT, backups: 3 }),
    b.dbsPlan({ id: ids.dbs.paused, regionId: hz, name: 'paused-plan', status: 'pause', backups: 5 }),
    b.dbsPlan({ id: ids.dbs.shanghai, regionId: 'cn-shanghai', name: 'shanghai-plan', backups: 7 }),
    b.dbsPlan({ id: ids.dbs.shanghai2, regionId: 'cn-shanghai', name: 'shanghai-plan-2', backups: 2 }),
    b.dbsPlan({ id: ids.dbs.frankfurt, regionId: 'eu-central-1', name: 'frankfurt-plan', backups: 4 }),
    b.dbsPlan({ id: ids.dbs.frankfurtWait, regionId: 'eu-central-1', name: 'frankfurt-unconfigured', status: 'wait', backups: 0 }),
  ];

  // Built last so that the resources above draw exactly what they drew before these were added.
  instances.push(...ddsFamilySamples(b));

  // Binlog files for DescribeIncrementBackupList: 75 (three pages of 30) for the big plan, a few for two others.
  attachIncrements(plans, [
    { planId: ids.dbs.big, count: 75, stepHours: 8 },
    { planId: ids.dbs.shanghai, count: 5, stepHours: 24 },
    { planId: ids.dbs.paused, count: 2, stepHours: 24 },
  ]);

  const data = new Dataset(
    { regions: ['cn-hangzhou', 'cn-beijing', 'cn-shanghai', 'ap-southeast-1'].map(regionDef), clusters },
    { regions: ['cn-hangzhou', 'cn-shenzhen', 'ap-southeast-1'].map(regionDef), instances },
    { regions: ['cn-hangzhou', 'cn-shanghai', 'eu-central-1'].map(regionDef), plans },
  );
  data.adb5.push(...sampleAdb5Clusters(opts.nowMs ?? Date.now()));
  data.polardb.push(...polardbSamples(opts.nowMs ?? Date.now(), HOSTILE_TEXT));
  Object.assign(data.rds, rdsSamples(HOSTILE_TEXT, FORMULA_TEXT));
  Object.assign(data.kvstore, sampleKvstore(opts.nowMs ?? Date.now()));
  return data;
}

/**
 * The 5.0 clusters: about two backups a day over 40 days for the Enterprise one (exactly 14 start in the 7 days
 * before `nowMs`, the newest 3 to 6 hours before it and still Running, plus 20 daily copies in cn-shanghai), and
 * four two days apart for the Basic one, the oldest 7.5 to 8 days before `nowMs`.
 */
function sampleAdb5Clusters(nowMs: number) {
  const ids = SAMPLE_IDS.adb;
  return buildAdb5Clusters(
    [
      {
        id: ids.lakehouse,
        regionId: 'cn-hangzhou',
        description: 'lakehouse-prod',
        productVersion: 'EnterpriseVersion',
        backups: 80,
        stepHours: 12,
        leadHours: 6,
        runningNewest: 1,
        retentionDays: 45,
        remote: { regionId: 'cn-shanghai', backups: 20, stepHours: 24 },
        tags: [
          { key: 'env', value: 'prod' },
          { key: 'team', value: 'lakehouse' },
        ],
      },
      {
        id: ids.basic,
        regionId: 'cn-hangzhou',
        description: 'basic-small',
        productVersion: 'BasicVersion',
        payType: 'Prepaid',
        backups: 4,
        stepHours: 48,
        retentionDays: 30,
      },
    ],
    nowMs,
  );
}

export interface LargeDatasetOptions {
  /** Regions, shared by every product but PolarDB, which the emulator serves in three regions only (default 20). */
  regions?: number;
  /** Resources of each product per region (default 50). */
  resourcesPerRegion?: number;
  /** Backups (Tair / Redis: backup runs) of each ordinary resource (default 30). */
  backupsPerResource?: number;
  /** Backups of the one big resource per product (adb, dds, dbs) in the first region (default 10 000). */
  bigResourceBackups?: number;
  /** What the PolarDB and Tair / Redis backups count back from (their APIs need a time window); default: the real clock. */
  nowMs?: number;
}

/** IDs of the big resources createLargeDataset adds to the first region. */
export const LARGE_BIG_IDS = { adb: 'am-lg00huge00000001', dds: 'dds-lg00huge0000001', dbs: 'dbslg00huge00001' } as const;

/**
 * A benchmark-sized dataset. Backups are not materialised (see BackupSeries), so 20 regions x 6 products x 50
 * resources costs a few megabytes. Every tenth dds instance is a two-shard cluster. IDs:
 * `am-lg<RR>x<NNNNNNNNN>`, `dds-lg<RR>x<NNNNNNNN>` (shards `d-lg<RR>x<NNNNNNN>s<K>`), `dbslg<RR>x<NNNNNNN>`; RDS,
 * PolarDB and Tair / Redis as their generators say (generatedRds, generatedPolardb, generatedKvstore).
 */
export function createLargeDataset(opts: LargeDatasetOptions = {}): Dataset {
  const regionCount = opts.regions ?? 20;
  const perRegion = opts.resourcesPerRegion ?? 50;
  const backups = opts.backupsPerResource ?? 30;
  const big = opts.bigResourceBackups ?? 10_000;
  const b = new Builder(4242);
  const regions = firstRegions(regionCount);
  const clusters = [];
  const instances = [];
  const plans = [];

  for (const [ri, region] of regions.entries()) {
    const regionId = region.regionId;
    const rr = String(ri).padStart(2, '0');
    if (ri === 0) {
      // One hour apart so ten thousand backups still end near the base time (about 14 months).
      clusters.push(b.adbCluster({ id: LARGE_BIG_IDS.adb, regionId, description: 'huge', backups: big, stepHours: 1 }));
      instances.push(b.ddsReplica({ id: LARGE_BIG_IDS.dds, regionId, description: 'huge', backups: big, stepHours: 1 }));
      plans.push(b.dbsPlan({ id: LARGE_BIG_IDS.dbs, regionId, name: 'huge', backups: big, stepHours: 1 }));
    }
    for (let j = 0; j < perRegion; j++) {
      const n = String(j);
      clusters.push(b.adbCluster({ id: `am-lg${rr}x${n.padStart(9, '0')}`, regionId, description: `dw-${rr}-${n}`, backups }));
      const ddsId = `dds-lg${rr}x${n.padStart(8, '0')}`;
      if (j % 10 === 9) {
        const shard = (k: number): { nodeId: string; backups: number } => ({
          nodeId: `d-lg${rr}x${n.padStart(7, '0')}s${k}`,
          backups,
        });
        instances.push(b.ddsSharded({ id: ddsId, regionId, description: `sharded-${rr}-${n}`, shards: [shard(1), shard(2)] }));
      } else {
        instances.push(b.ddsReplica({ id: ddsId, regionId, description: `replica-${rr}-${n}`, backups }));
      }
      plans.push(b.dbsPlan({ id: `dbslg${rr}x${n.padStart(7, '0')}`, regionId, name: `plan-${rr}-${n}`, backups }));
    }
  }
  const data = new Dataset({ regions, clusters }, { regions: [...regions], instances }, { regions: [...regions], plans });
  // Each from generators seeded by resource ID, so the products above draw exactly what they drew before.
  const nowMs = opts.nowMs ?? Date.now();
  Object.assign(data.rds, generatedRds(regions, { perRegion, backups }));
  data.polardb.push(...generatedPolardb(regions, { perRegion, backups }, nowMs));
  Object.assign(data.kvstore, generatedKvstore(regions, { perRegion, runs: backups }, nowMs));
  return data;
}
