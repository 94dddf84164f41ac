import { isoSeconds } from './builders';
import { POLARDB_REGIONS, PolardbCluster, PolardbPolicy } from './polardb';
import { hashString, Prng } from './random';
import { regionDef, type RegionDef } from './regions';
import { BackupSeries } from './series';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** IDs of the PolarDB sample clusters (SAMPLE_IDS.polardb). */
export const POLARDB_IDS = {
  /** MySQL 8.0, 80 backups 12 h apart over 40 days; exactly 14 start in the 7 days before the dataset's clock. */
  mysql: 'pc-bp1mysql8000000001',
  /** PostgreSQL 14, 5 backups a day apart, all Level-1. */
  postgres: 'pc-bp1postgres0000001',
  /** Oracle-compatible, hostile description, 2 backups. */
  hostile: 'pc-bp1hostile00000001',
  /** MySQL 5.7 in cn-beijing with no backups. */
  beijing: 'pc-2zepolarbj00000001',
} as const;

interface Spec {
  readonly id: string;
  readonly regionId: string;
  readonly description: string;
  readonly dbType: PolardbCluster['dbType'];
  readonly dbVersion: string;
  readonly backups: number;
  readonly stepHours: number;
  /** Shifts the series later; with 6 and a 12 h step the newest backup starts 3 to 6 hours before now. */
  readonly leadHours: number;
  readonly policy: PolardbPolicy;
}

const EVERY_DAY = 'Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday';

function policy(level1: number, level2: string, frequency: string, period: string, copyRegion = '', copyRetention = '0'): PolardbPolicy {
  return {
    level1RetentionDays: String(level1),
    level2RetentionDays: level2,
    frequency,
    period,
    time: '18:00Z-19:00Z',
    copyRegion,
    copyRetentionDays: copyRetention,
    onDeletion: 'LATEST',
  };
}

/**
 * The sample clusters. Backups count back from `nowMs` (the real clock by default, like the AnalyticDB 5.0 ones)
 * because the API requires a time window and the extension asks for the last days; each cluster draws its
 * attributes from a generator seeded by its ID, so nothing else in the dataset changes.
 */
export function polardbSamples(nowMs: number, hostileText: string): PolardbCluster[] {
  const ids = POLARDB_IDS;
  const specs: Spec[] = [
    {
      id: ids.mysql,
      regionId: 'cn-hangzhou',
      description: 'orders-polardb-mysql',
      dbType: 'MySQL',
      dbVersion: '8.0',
      backups: 80,
      stepHours: 12,
      leadHours: 6,
      policy: policy(14, '365', '2/24H', EVERY_DAY, 'cn-shanghai', '30'),
    },
    {
      id: ids.postgres,
      regionId: 'cn-hangzhou',
      description: 'geo-polardb-pg',
      dbType: 'PostgreSQL',
      dbVersion: '14',
      backups: 5,
      stepHours: 24,
      leadHours: 12,
      policy: policy(7, '0', 'Normal', 'Monday,Wednesday,Friday'),
    },
    { id: ids.hostile, regionId: 'cn-hangzhou', description: hostileText, dbType: 'Oracle', dbVersion: '11', backups: 2, stepHours: 24, leadHours: 12, policy: policy(7, '-1', 'Normal', EVERY_DAY) },
    { id: ids.beijing, regionId: 'cn-beijing', description: 'bj-polardb', dbType: 'MySQL', dbVersion: '5.7', backups: 0, stepHours: 24, leadHours: 0, policy: policy(7, '0', 'Normal', EVERY_DAY) },
  ];
  return specs.map((s, ordinal) => buildCluster(s, ordinal, nowMs));
}

/** One cluster; its attributes come from a generator seeded by its ID, its backups count back from `nowMs`. */
function buildCluster(s: Spec, ordinal: number, nowMs: number): PolardbCluster {
  const prng = new Prng(hashString(s.id));
  const midnight = nowMs - (nowMs % DAY);
  const zoneId = `${s.regionId}-${prng.pick(regionDef(s.regionId).zones)}`;
  return {
    id: s.id,
    regionId: s.regionId,
    zoneId,
    description: s.description,
    status: 'Running',
    dbType: s.dbType,
    dbVersion: s.dbVersion,
    category: 'Normal',
    payType: 'Postpaid',
    createTime: isoSeconds(midnight - prng.int(200, 700) * DAY + prng.int(0, 86_399) * 1000),
    expireTime: '',
    resourceGroupId: `rg-acfm${prng.id(11)}`,
    tags: [{ key: 'env', value: 'prod' }],
    nodeIds: [`pi-${prng.id(17)}`, `pi-${prng.id(17)}`],
    level2BeforeMs: nowMs - Number(s.policy.level1RetentionDays) * DAY,
    policy: s.policy,
    backups: new BackupSeries({
      seed: hashString(s.id),
      initialCount: s.backups,
      stepMs: s.stepHours * HOUR,
      granularityMs: 60_000,
      endMs: nowMs + s.leadHours * HOUR,
      idBase: 7_000_000_000 + ordinal * 1_000_000,
    }),
  };
}

/** What generatedPolardb puts in every region the emulator serves PolarDB in. */
export interface GeneratedPolardbCounts {
  /** Clusters per region. */
  readonly perRegion: number;
  /** Backups of an ordinary cluster, one a day. */
  readonly backups: number;
}

/** Compatibilities in the mix every ten clusters follow. */
const COMPATIBILITY_CYCLE: ReadonlyArray<Pick<Spec, 'dbType' | 'dbVersion'>> = [
  { dbType: 'MySQL', dbVersion: '8.0' },
  { dbType: 'MySQL', dbVersion: '8.0' },
  { dbType: 'PostgreSQL', dbVersion: '14' },
  { dbType: 'MySQL', dbVersion: '8.0' },
  { dbType: 'MySQL', dbVersion: '5.7' },
  { dbType: 'MySQL', dbVersion: '8.0' },
  { dbType: 'Oracle', dbVersion: '11' },
  { dbType: 'MySQL', dbVersion: '8.0' },
  { dbType: 'PostgreSQL', dbVersion: '14' },
  { dbType: 'MySQL', dbVersion: '5.7' },
];

/**
 * How often cluster n backs up and how many backups it has. Most take one a day (7 in the first 7-day window); one
 * in ten backs up twice a day like the MySQL sample (14); one in 25 every 2 hours, 200 over 17 days (84 in the
 * first window, three windows in all); one in 20 has none yet.
 */
function generatedSchedule(n: number, backups: number): Pick<Spec, 'backups' | 'stepHours' | 'leadHours' | 'policy'> {
  if (n % 20 === 7) return { backups: 0, stepHours: 24, leadHours: 0, policy: policy(7, '0', 'Normal', EVERY_DAY) };
  if (n % 25 === 1) return { backups: 200, stepHours: 2, leadHours: 1, policy: policy(7, '30', '2/24H', EVERY_DAY) };
  if (n % 10 === 3) return { backups: 80, stepHours: 12, leadHours: 6, policy: policy(14, '365', '2/24H', EVERY_DAY) };
  return { backups, stepHours: 24, leadHours: 12, policy: policy(7, '0', 'Normal', EVERY_DAY) };
}

/**
 * PolarDB clusters of the generated (benchmark) account: `perRegion` in each given region the emulator serves
 * PolarDB in (POLARDB_REGIONS: DescribeRegions names no other, so a cluster elsewhere would never be listed). IDs
 * `pc-lg<RR>x<N×13>`, `RR` being the region's place in `regions`. Backups count back from `nowMs`, as the samples'.
 */
export function generatedPolardb(regions: readonly RegionDef[], counts: GeneratedPolardbCounts, nowMs: number): PolardbCluster[] {
  const specs = regions.flatMap((region, ri): Spec[] => {
    if (!POLARDB_REGIONS.includes(region.regionId)) return [];
    const rr = String(ri).padStart(2, '0');
    return Array.from({ length: counts.perRegion }, (_, n) => ({
      id: `pc-lg${rr}x${String(n).padStart(13, '0')}`,
      regionId: region.regionId,
      description: `polardb-${rr}-${n}`,
      ...COMPATIBILITY_CYCLE[n % 10],
      ...generatedSchedule(n, counts.backups),
    }));
  });
  return specs.map((s, ordinal) => buildCluster(s, ordinal, nowMs));
}
