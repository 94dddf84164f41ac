import { isoSeconds } from './builders';
import { PolardbCluster, PolardbPolicy } from './polardb';
import { hashString, Prng } from './random';
import { regionDef } from './regions';
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
  return specs.map((s, ordinal) => {
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
  });
}
