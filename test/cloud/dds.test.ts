import * as assert from 'assert';
import { ddsBackups, ddsInstances, ddsRegions, describeShardNodes } from '../../src/products/dds';
import { CloudError } from '../../src/cloud/errors';
import { fetchAll, fetchPage } from '../../src/cloud/paging';
import { listRegions } from '../../src/cloud/regions';
import { failure, useEmulator } from './harness';

const REPLICA = 'dds-bp1replica000001';
const SHARDED = 'dds-bp1sharded00001';

describe('ApsaraDB for MongoDB through the signing client', () => {
  const h = useEmulator();

  it('DescribeRegions reads the DdsRegion envelope', async () => {
    const regions = await listRegions(h.client(), ddsRegions);
    assert.ok(regions.length >= 3);
    assert.ok(regions.some((r) => r.id === 'cn-hangzhou'));
  });

  it('DescribeDBInstances lists replica sets and, asked separately, sharded clusters', async () => {
    const client = h.client();
    const replicas = await fetchAll(client, ddsInstances, { region: 'cn-hangzhou', type: 'replicate' }, 100);
    const sharded = await fetchAll(client, ddsInstances, { region: 'cn-hangzhou', type: 'sharding' }, 100);
    assert.ok(replicas.some((i) => i.id === REPLICA && i.kind === 'ddsReplicaSet'));
    assert.ok(sharded.some((i) => i.id === SHARDED && i.kind === 'ddsShardedCluster'));
    assert.ok(!replicas.some((i) => i.id === SHARDED));
  });

  it('DescribeDBInstanceAttribute gives a sharded cluster’s shard nodes', async () => {
    const { nodes, usesClusterBackup } = await describeShardNodes(h.client(), 'cn-hangzhou', SHARDED);
    assert.ok(nodes.length >= 2);
    assert.ok(nodes.every((n) => n.kind === 'ddsShardNode' && n.parentId === SHARDED && n.id));
    assert.strictEqual(usesClusterBackup, false);
  });

  it('DescribeBackups pages add up to TotalCount and keep URLs, absent ones and “kept forever”', async () => {
    const client = h.client();
    const first = await fetchPage(client, ddsBackups, { region: 'cn-hangzhou', instanceId: REPLICA }, 0, 30);
    const all = await fetchAll(client, ddsBackups, { region: 'cn-hangzhou', instanceId: REPLICA }, 30);
    assert.strictEqual(all.length, first.total);
    assert.ok(all.some((b) => b.downloadUrl?.includes('Expires=') && b.intranetDownloadUrl));
    assert.ok(all.some((b) => b.downloadUrl === undefined), 'an empty URL is absent');
    assert.ok(all.some((b) => b.expiry?.kind === 'never'));
    assert.ok(all.some((b) => b.status === 'failed'));
    assert.ok(!('RegionId' in (h.emulator.requests().at(-1)?.params ?? {})), 'DescribeBackups takes no RegionId');
  });

  it('a shard node’s backups are listed with NodeId', async () => {
    const { nodes } = await describeShardNodes(h.client(), 'cn-hangzhou', SHARDED);
    const page = await fetchPage(h.client(), ddsBackups, { region: 'cn-hangzhou', instanceId: SHARDED, nodeId: nodes[0].id }, 0, 30);
    assert.ok(page.items.length > 0);
    assert.strictEqual(h.emulator.requests().at(-1)?.params.NodeId, nodes[0].id);
  });

  it('a sharded cluster without NodeId is a parameter error, not an empty list', async () => {
    const err = await failure(fetchPage(h.client(), ddsBackups, { region: 'cn-hangzhou', instanceId: SHARDED }, 0, 30));
    assert.ok(err instanceof CloudError);
    assert.strictEqual(err.kind, 'badParameter');
  });

  it('an end before the start is refused as InvalidStartTimeAndEndTime.Malformed', async () => {
    const filter = { start: new Date('2026-10-02T00:00:00Z'), end: new Date('2026-10-01T00:00:00Z') };
    const err = await failure(fetchPage(h.client(), ddsBackups, { region: 'cn-hangzhou', instanceId: REPLICA, filter }, 0, 30));
    assert.ok(err instanceof CloudError);
    assert.strictEqual(err.code, 'InvalidStartTimeAndEndTime.Malformed');
    assert.strictEqual(err.kind, 'badParameter');
  });

  it('a page size the API does not take is refused as InvalidPageSize.Malformed', async () => {
    const err = await failure(fetchPage(h.client(), ddsBackups, { region: 'cn-hangzhou', instanceId: REPLICA }, 0, 42));
    assert.ok(err instanceof CloudError);
    assert.strictEqual(err.code, 'InvalidPageSize.Malformed');
  });
});
