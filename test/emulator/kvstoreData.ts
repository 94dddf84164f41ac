import { isoSeconds } from './builders';
import { hashString, Prng } from './random';
import { regionDef, type RegionDef } from './regions';
import { BackupSeries } from './series';

/**
 * Tair / Redis (`r-kvstore`, 2015-01-01) resources. A series counts backup runs: a standard instance lists one
 * backup per run, a cluster instance one per shard per run (each with its own BackupId and NodeInstanceId).
 */
export interface KvstoreInstance {
  readonly id: string;
  readonly regionId: string;
  zoneId: string;
  name: string;
  status: string;
  engine: 'Redis' | 'Tair';
  engineVersion: string;
  architecture: 'standard' | 'cluster';
  /** `Ecs`: cloud-native, which also keeps cluster backups (DescribeClusterBackupList); `Machine`: classic. */
  computing: 'Ecs' | 'Machine';
  /** Shard node IDs (`<id>-db-<n>`) of a cluster instance; empty for a standard one. */
  shards: string[];
  instanceClass: string;
  /** MB. */
  capacity: number;
  createTime: string;
  retentionDays: number;
  readonly backups: BackupSeries;
  /** BackupId of run i, shard s is idBase + i * max(1, shards) + s: unique, numeric, invertible. */
  readonly idBase: number;
}

export interface KvstoreData {
  regions: RegionDef[];
  instances: KvstoreInstance[];
}

export const KVSTORE_IDS = {
  standard: 'r-bp1standard00001',
  cluster: 'r-bp1cluster000001',
  clusterShards: ['r-bp1cluster000001-db-0', 'r-bp1cluster000001-db-1', 'r-bp1cluster000001-db-2'],
  /** A classic (physical-machine) cluster: per-shard backups only, no cluster backups. */
  classic: 'r-bp1classic000001',
  tair: 'r-bp1tair000000001',
  hostile: 'r-bp1hostile000001',
  shanghai: 'r-uf6standard00001',
  /** Daily backups that stopped three days ago: stale in Show Backup Health, with backups still in its 7-day window. */
  stale: 'r-t4nstale00000001',
} as const;

/** The same hostile text as dataset.ts's HOSTILE_TEXT, repeated here so this file does not import the dataset. */
const HOSTILE_NAME =
  '<img src=x onerror=alert(1)> "quoted" \'single\' `tick` ${x} </script><script>window.__pwned=1</script> ' +
  '\u200Fمرحبا 🐘';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Spec {
  readonly id: string;
  readonly regionId: string;
  readonly name: string;
  readonly engine: 'Redis' | 'Tair';
  readonly engineVersion: string;
  readonly shards?: number;
  /** Classic (physical-machine) deployment instead of cloud-native. */
  readonly classic?: boolean;
  readonly runs: number;
  readonly stepHours: number;
  /** Shifts the series later: with 6 and a 12 h step the newest run starts 3 to 6 hours before now; negative: earlier. */
  readonly leadHours?: number;
}

/** Backups count back from `nowMs` (the real clock by default) because DescribeBackups requires a window. */
function buildInstance(s: Spec, ordinal: number, nowMs: number): KvstoreInstance {
  const prng = new Prng(hashString(s.id));
  const shardCount = s.shards ?? 0;
  return {
    id: s.id,
    regionId: s.regionId,
    zoneId: `${s.regionId}-${prng.pick(regionDef(s.regionId).zones)}`,
    name: s.name,
    status: 'Normal',
    engine: s.engine,
    engineVersion: s.engineVersion,
    architecture: shardCount > 0 ? 'cluster' : 'standard',
    computing: s.classic ? 'Machine' : 'Ecs',
    shards: Array.from({ length: shardCount }, (_, n) => `${s.id}-db-${n}`),
    instanceClass: shardCount > 0 ? 'redis.shard.small.2.ce' : s.engine === 'Tair' ? 'tair.rdb.2g' : 'redis.master.small.default',
    capacity: shardCount > 0 ? shardCount * 1024 : 2048,
    createTime: isoSeconds(nowMs - prng.int(60, 400) * DAY),
    retentionDays: 7,
    backups: new BackupSeries({
      seed: hashString(s.id),
      initialCount: s.runs,
      stepMs: s.stepHours * HOUR,
      granularityMs: 1000,
      endMs: nowMs + (s.leadHours ?? 0) * HOUR,
      idBase: 0,
    }),
    // Realistic ten-digit IDs, well inside 2^53 (see the README on precision).
    idBase: 1_160_000_000 + ordinal * 10_000_000,
  };
}

/**
 * The sample instances; cn-hangzhou holds four Redis instances (two clusters, one classic) and one Tair, cn-shanghai
 * one Redis, ap-southeast-1 one Redis whose newest backup is 90 to 96 hours old.
 */
export function sampleKvstore(nowMs: number): KvstoreData {
  const ids = KVSTORE_IDS;
  const hz = 'cn-hangzhou';
  const specs: Spec[] = [
    { id: ids.standard, regionId: hz, name: 'sessions-cache', engine: 'Redis', engineVersion: '7.0', runs: 80, stepHours: 12, leadHours: 6 },
    { id: ids.cluster, regionId: hz, name: 'orders-cluster', engine: 'Redis', engineVersion: '6.0', shards: 3, runs: 80, stepHours: 12, leadHours: 6 },
    { id: ids.tair, regionId: hz, name: 'leaderboard-tair', engine: 'Tair', engineVersion: '5.0', runs: 10, stepHours: 24 },
    { id: ids.hostile, regionId: hz, name: HOSTILE_NAME, engine: 'Redis', engineVersion: '5.0', runs: 3, stepHours: 24 },
    { id: ids.shanghai, regionId: 'cn-shanghai', name: 'sh-cache', engine: 'Redis', engineVersion: '7.0', runs: 5, stepHours: 24 },
    { id: ids.classic, regionId: hz, name: 'legacy-cluster', engine: 'Redis', engineVersion: '5.0', shards: 2, classic: true, runs: 12, stepHours: 24 },
    // Last, so that the instances above keep their BackupIds.
    { id: ids.stale, regionId: 'ap-southeast-1', name: 'stale-cache', engine: 'Redis', engineVersion: '7.0', runs: 6, stepHours: 24, leadHours: -72 },
  ];
  return {
    regions: ['cn-hangzhou', 'cn-shanghai', 'ap-southeast-1'].map(regionDef),
    instances: specs.map((s, n) => buildInstance(s, n, nowMs)),
  };
}

/** What generatedKvstore puts in every region. */
export interface GeneratedKvstoreCounts {
  /** Instances per region, Redis and Tair together. */
  readonly perRegion: number;
  /** Backup runs of an ordinary instance, one a day. */
  readonly runs: number;
}

type Shape = Pick<Spec, 'engine' | 'engineVersion' | 'shards' | 'classic'> & { readonly role: string };

/**
 * The mix every ten instances follow: seven Redis and three Tair (so a region's Redis list stays within one page of
 * DescribeInstances' 50 up to 71 instances a region), three of them cloud-native clusters.
 */
const SHAPE_CYCLE: readonly Shape[] = [
  { role: 'cache', engine: 'Redis', engineVersion: '7.0' },
  { role: 'cache', engine: 'Redis', engineVersion: '6.0' },
  { role: 'cluster', engine: 'Redis', engineVersion: '7.0', shards: 2 },
  { role: 'tair', engine: 'Tair', engineVersion: '5.0' },
  { role: 'cache', engine: 'Redis', engineVersion: '5.0' },
  { role: 'cache', engine: 'Redis', engineVersion: '7.0' },
  { role: 'tair-cluster', engine: 'Tair', engineVersion: '6.0', shards: 4 },
  { role: 'cache', engine: 'Redis', engineVersion: '6.0' },
  { role: 'cluster', engine: 'Redis', engineVersion: '6.0', shards: 3 },
  { role: 'tair', engine: 'Tair', engineVersion: '7.0' },
];

/** Every other cycle's ninth instance is an older, classic cluster instead. */
const CLASSIC_SHAPE: Shape = { role: 'classic', engine: 'Redis', engineVersion: '5.0', shards: 4, classic: true };

function generatedShape(n: number): Shape {
  return n % 20 === 8 ? CLASSIC_SHAPE : SHAPE_CYCLE[n % 10];
}

/**
 * How many backup runs instance n has and how often: most one a day (7 in the first 7-day window); the classic
 * clusters and one in ten others twice a day (14 in the window; a classic cluster's 60 runs × 4 shards fill several
 * pages and windows); one in twenty none yet.
 */
function generatedRuns(n: number, shape: Pick<Spec, 'classic'>, runs: number): Pick<Spec, 'runs' | 'stepHours' | 'leadHours'> {
  if (n % 20 === 4) return { runs: 0, stepHours: 24 };
  if (shape.classic) return { runs: 60, stepHours: 12, leadHours: 6 };
  if (n % 10 === 5) return { runs: 80, stepHours: 12, leadHours: 6 };
  return { runs, stepHours: 24 };
}

function generatedKvstoreSpec(regionId: string, rr: string, n: number, runs: number): Spec {
  const { role, ...shape } = generatedShape(n);
  return {
    // Characters 2 to 12 tell instances apart: the emulator builds cluster backup IDs from them.
    id: `r-lg${rr}x${String(n).padStart(5, '0')}000000`,
    regionId,
    name: `${role}-${rr}-${n}`,
    ...shape,
    ...generatedRuns(n, shape, runs),
  };
}

/**
 * Tair / Redis instances of the generated (benchmark) account: `perRegion` in each region, standard instances,
 * cloud-native clusters of Redis and Tair, and one classic cluster in twenty instances. IDs `r-lg<RR>x<N×5>000000`.
 * Backups count back from `nowMs`, as the samples', because DescribeBackups requires a time window.
 */
export function generatedKvstore(regions: readonly RegionDef[], counts: GeneratedKvstoreCounts, nowMs: number): KvstoreData {
  const specs = regions.flatMap((region, ri) => {
    const rr = String(ri).padStart(2, '0');
    return Array.from({ length: counts.perRegion }, (_, n) => generatedKvstoreSpec(region.regionId, rr, n, counts.runs));
  });
  return { regions: [...regions], instances: specs.map((s, ordinal) => buildInstance(s, ordinal, nowMs)) };
}
