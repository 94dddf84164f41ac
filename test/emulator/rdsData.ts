import { isoSeconds } from './builders';
import { BASE_TIME_MS } from './model';
import { hashString, Prng } from './random';
import { RegionDef, regionDef } from './regions';
import { BackupSeries } from './series';

/** ApsaraDB RDS sample data: instances of four engines, built apart from the dataset Builder. */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type RdsEngine = 'MySQL' | 'PostgreSQL' | 'SQLServer' | 'MariaDB';

export interface RdsPolicy {
  retentionDays: number;
  /** Comma-separated weekdays, as PreferredBackupPeriod. */
  period: string;
  /** "15:00Z-16:00Z", as PreferredBackupTime. */
  window: string;
  logBackup: boolean;
}

export interface RdsInstance {
  readonly id: string;
  readonly regionId: string;
  zoneId: string;
  description: string;
  engine: RdsEngine;
  engineVersion: string;
  type: 'Primary' | 'Readonly';
  /** The primary of a read-only instance; '' otherwise. */
  masterId: string;
  status: string;
  category: string;
  storageType: string;
  payType: 'Postpaid' | 'Prepaid';
  createTime: string;
  /** Number in the backup URL path. */
  custinsId: number;
  /** Databases whose logical backups carry per-database links. */
  databases: string[];
  policy: RdsPolicy;
  readonly backups: BackupSeries;
}

export interface RdsData {
  regions: RegionDef[];
  instances: RdsInstance[];
}

export const RDS_SAMPLE_IDS = {
  /** MySQL 8.0 primary, 130 backups (30 + 30 + 30 + 30 + 10 at PageSize 30; 100 + 30 at 100). */
  mysql: 'rm-bp1mysql000000001',
  /** Its read-only instance, no backups of its own. */
  readOnly: 'rr-bp1readonly000001',
  postgres: 'pgm-bp1postgres00001',
  sqlserver: 'rm-bp1sqlserver00001',
  hostile: 'rm-bp1hostile0000001',
  shanghai: 'rm-uf6shanghai000001',
} as const;

interface Spec {
  readonly id: string;
  readonly regionId: string;
  readonly description: string;
  readonly engine: RdsEngine;
  readonly engineVersion: string;
  readonly backups: number;
  readonly type?: 'Primary' | 'Readonly';
  readonly masterId?: string;
  readonly databases?: string[];
  readonly logBackup?: boolean;
}

/** Series IDs start at 9 000 000 000, a million per instance in the order given. */
export function buildRdsInstances(specs: readonly Spec[]): RdsInstance[] {
  return specs.map((s, k) => {
    const prng = new Prng(hashString(s.id));
    return {
      id: s.id,
      regionId: s.regionId,
      zoneId: `${s.regionId}-${prng.pick(regionDef(s.regionId).zones)}`,
      description: s.description,
      engine: s.engine,
      engineVersion: s.engineVersion,
      type: s.type ?? 'Primary',
      masterId: s.masterId ?? '',
      status: 'Running',
      category: s.engine === 'SQLServer' ? 'Basic' : 'HighAvailability',
      storageType: s.engine === 'SQLServer' ? 'cloud_essd' : prng.pick(['local_ssd', 'cloud_essd']),
      payType: k % 2 === 0 ? 'Postpaid' : 'Prepaid',
      createTime: isoSeconds(BASE_TIME_MS - prng.int(200, 900) * DAY),
      custinsId: prng.int(1_000_000, 9_999_999),
      databases: s.databases ?? [],
      policy: { retentionDays: 7 + (k % 3) * 7, period: 'Monday,Wednesday,Friday', window: '18:00Z-19:00Z', logBackup: s.logBackup ?? true },
      backups: new BackupSeries({
        seed: hashString(`${s.id}#rds`),
        initialCount: s.backups,
        stepMs: 12 * HOUR,
        granularityMs: 1000,
        endMs: BASE_TIME_MS,
        idBase: 9_000_000_000 + k * 1_000_000,
      }),
    };
  });
}

export function rdsSamples(hostileText: string, formulaText: string): RdsData {
  const ids = RDS_SAMPLE_IDS;
  const hz = 'cn-hangzhou';
  return {
    regions: ['cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'ap-southeast-1'].map(regionDef),
    instances: buildRdsInstances([
      { id: ids.mysql, regionId: hz, description: 'orders-mysql', engine: 'MySQL', engineVersion: '8.0', backups: 130, databases: ['orders', 'users'] },
      { id: ids.readOnly, regionId: hz, description: 'orders-mysql-ro', engine: 'MySQL', engineVersion: '8.0', backups: 0, type: 'Readonly', masterId: ids.mysql },
      { id: ids.postgres, regionId: hz, description: 'analytics-pg', engine: 'PostgreSQL', engineVersion: '14.0', backups: 12, logBackup: false },
      { id: ids.sqlserver, regionId: hz, description: 'erp-sqlserver', engine: 'SQLServer', engineVersion: '2019_std_ha', backups: 8 },
      { id: ids.hostile, regionId: hz, description: hostileText, engine: 'MySQL', engineVersion: '5.7', backups: 3, databases: ['<b>db</b>', formulaText] },
      { id: ids.shanghai, regionId: 'cn-shanghai', description: 'sh-mysql', engine: 'MySQL', engineVersion: '5.7', backups: 4 },
    ]),
  };
}

/** What generatedRds puts in every region. */
export interface GeneratedRdsCounts {
  /** Instances per region, read-only ones included. */
  readonly perRegion: number;
  /** Backups of an ordinary primary. */
  readonly backups: number;
}

/** Engines in the mix every ten instances follow; the tenth slot is a read-only copy of the ninth. */
const ENGINE_CYCLE: ReadonlyArray<Pick<Spec, 'engine' | 'engineVersion'>> = [
  { engine: 'MySQL', engineVersion: '8.0' },
  { engine: 'MySQL', engineVersion: '5.7' },
  { engine: 'PostgreSQL', engineVersion: '14.0' },
  { engine: 'MySQL', engineVersion: '8.0' },
  { engine: 'SQLServer', engineVersion: '2019_std_ha' },
  { engine: 'MySQL', engineVersion: '8.0' },
  { engine: 'MariaDB', engineVersion: '10.3' },
  { engine: 'PostgreSQL', engineVersion: '15.0' },
  { engine: 'MySQL', engineVersion: '8.0' },
];

/** The real prefixes: `pgm-` for PostgreSQL primaries, `rr-` for read-only instances, `rm-` for the rest. */
function generatedRdsId(prefix: 'rm' | 'pgm' | 'rr', rr: string, n: number): string {
  return `${prefix}-lg${rr}x${String(n).padStart(12, '0')}`;
}

/**
 * Primaries hold `backups` each, one in 25 holds 130 (two pages of 100) and one in 20 none (new, or backups off);
 * read-only instances keep no backups of their own, as RDS MySQL does.
 */
function generatedPrimaryBackups(n: number, backups: number): number {
  if (n % 20 === 5) return 0;
  return n % 25 === 2 ? 130 : backups;
}

function generatedRdsSpec(regionId: string, rr: string, n: number, backups: number): Spec {
  if (n % 10 === 9) {
    const master = generatedRdsId('rm', rr, n - 1);
    return { id: generatedRdsId('rr', rr, n), regionId, description: `mysql-ro-${rr}-${n}`, engine: 'MySQL', engineVersion: '8.0', backups: 0, type: 'Readonly', masterId: master };
  }
  const { engine, engineVersion } = ENGINE_CYCLE[n % 10];
  const prefix = engine === 'PostgreSQL' ? 'pgm' : 'rm';
  // Per-database links come with logical backups of instances that name their databases (MySQL here).
  const databases = engine === 'MySQL' && n % 3 === 0 ? ['orders', 'users'] : undefined;
  return {
    id: generatedRdsId(prefix, rr, n),
    regionId,
    description: `${engine.toLowerCase()}-${rr}-${n}`,
    engine,
    engineVersion,
    backups: generatedPrimaryBackups(n, backups),
    databases,
    logBackup: engine !== 'PostgreSQL',
  };
}

/**
 * RDS instances of the generated (benchmark) account: `perRegion` in each region, mostly MySQL with PostgreSQL,
 * SQL Server and MariaDB among them, every tenth a read-only instance of the one before. IDs:
 * `rm-lg<RR>x<N×12>`, `pgm-lg<RR>x<N×12>`, `rr-lg<RR>x<N×12>`. Backups count back from BASE_TIME_MS: the API needs
 * no time window.
 */
export function generatedRds(regions: readonly RegionDef[], counts: GeneratedRdsCounts): RdsData {
  const specs = regions.flatMap((region, ri) => {
    const rr = String(ri).padStart(2, '0');
    return Array.from({ length: counts.perRegion }, (_, n) => generatedRdsSpec(region.regionId, rr, n, counts.backups));
  });
  return { regions: [...regions], instances: buildRdsInstances(specs) };
}
