// The emulator, run as a child of the benchmark so that it has a core of its own and its memory stays out of the
// benchmark's heap figures. Started by emulator.ts with its options as JSON in argv[2]; steered through the
// control API; stops when the parent disconnects.
import { createLargeDataset, LARGE_BIG_IDS, startEmulator, type Dataset, type LargeDatasetOptions } from '../emulator';

export interface ChildOptions {
  latencyMs: number;
  dataset: LargeDatasetOptions;
}

/** What the child reports once listening: where it is and which resources the benchmark can aim at. */
export interface ChildReady {
  url: string;
  endpoint: string;
  /** Region of the three resources with the big backup lists (LARGE_BIG_IDS). */
  bigRegion: string;
  /** An ordinary cluster, replica set, plan and shard node, whose lists the paging figures resize. */
  ordinary: { adb: string; dds: string; dbs: string; shard: { instanceId: string; nodeId: string }; region: string };
  /** What the dataset holds, for the scan to check that the walk saw all of it. */
  holds: DatasetHoldings;
}

export interface DatasetHoldings {
  /** Resources a region's resource listings return, per product code. */
  listed: Record<string, number>;
  /** Resources found under another: the shard nodes of MongoDB sharded clusters. */
  underAnother: number;
}

/** Counted from the dataset itself, so a resource the emulator holds but never lists shows as missing. */
function holdings(data: Dataset): DatasetHoldings {
  return {
    listed: {
      adb: data.adb.clusters.length + data.adb5.length,
      dds: data.dds.instances.length,
      dbs: data.dbs.plans.length,
      rds: data.rds.instances.length,
      polardb: data.polardb.length,
      'r-kvstore': data.kvstore.instances.length,
    },
    underAnother: data.dds.instances.reduce((sum, i) => sum + (i.type === 'sharding' ? i.shards.length : 0), 0),
  };
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions;
  const emu = await startEmulator({ latencyMs: options.latencyMs, dataset: createLargeDataset(options.dataset) });
  const data = emu.data;
  const bigRegion = data.findAdbCluster(LARGE_BIG_IDS.adb)?.regionId;
  const region = data.adb.regions[data.adb.regions.length - 1].regionId;
  const adb = data.adb.clusters.find((c) => c.regionId === region);
  const dds = data.dds.instances.find((i) => i.regionId === region && i.type === 'replicate');
  const sharded = data.dds.instances.find((i) => i.regionId === region && i.type === 'sharding');
  const dbs = data.dbs.plans.find((p) => p.regionId === region);
  if (!bigRegion || !adb || !dds || !sharded || !dbs) throw new Error('the large dataset lacks a resource the benchmark needs (use at least 10 resources per region)');
  const ready: ChildReady = {
    url: emu.url,
    endpoint: emu.endpoint,
    bigRegion,
    ordinary: { region, adb: adb.id, dds: dds.id, dbs: dbs.id, shard: { instanceId: sharded.id, nodeId: sharded.shards[0].nodeId } },
    holds: holdings(data),
  };
  process.send?.(ready);
  process.once('disconnect', () => void emu.close().then(() => process.exit(0)));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
