// The tree's root and region nodes (VS Code stubbed) under faults: a product whose region list fails shows one
// error row while the other products' regions load; a region whose listing fails leaves the other regions usable;
// clicking the error row recovers once the fault clears.
import './vscodeStub';
import * as assert from 'assert';
import { adbEntry } from '../../src/products/adb';
import { RegionsRoot } from '../../src/explorer/regionNodes';
import { statusRowsOf, fakeContext, TEST_RETRY, until, useFigures, useSuiteEmulator } from './support';

describe('Reliability: the tree root and regions under faults (VS Code stubbed)', function () {
  this.timeout(30_000);
  const figures = useFigures('tree');
  const s = useSuiteEmulator();

  it('adb DescribeRegions fails beyond the budget: one error row, the dds and dbs regions load; retry brings adb back', async () => {
    const figure = { scenario: 'one product\'s region list fails (adb DescribeRegions, 503)', injected: 0, expected: 'error row, other products usable, retry recovers', passed: false };
    figures.faults.push(figure);
    s.emulator.injectFault({ kind: 'unavailable', product: 'adb', action: 'DescribeRegions' });
    const ctx = fakeContext(s.client());
    const root = new RegionsRoot(ctx);
    const rows = await root.getChildren();
    const errors = statusRowsOf(rows);
    assert.strictEqual(errors.length, 1);
    assert.strictEqual(errors[0].kind, 'error');
    assert.strictEqual(errors[0].error?.code, 'ServiceUnavailable');
    assert.ok(errors[0].error?.requestId);
    const regions = rows.filter((r) => r.id.startsWith('region/')).map((r) => r.id);
    // dds serves cn-hangzhou, cn-shenzhen, ap-southeast-1; dbs cn-hangzhou, cn-shanghai, eu-central-1.
    assert.deepStrictEqual(regions.sort(), ['ap-southeast-1', 'cn-hangzhou', 'cn-shanghai', 'cn-shenzhen', 'eu-central-1'].map((r) => `region/${r}`));
    const hangzhou = rows.find((r) => r.id === 'region/cn-hangzhou')!;
    const products = await hangzhou.getChildren!();
    assert.deepStrictEqual(products.map((p) => p.id), ['region/cn-hangzhou/dds', 'region/cn-hangzhou/dbs']);
    const instances = await products[0].getChildren!();
    assert.ok(instances.length > 0 && statusRowsOf(instances).length === 0, 'the tree below still works');
    figure.injected = s.emulator.requests().filter((r) => r.code === 'ServiceUnavailable').length;
    // AnalyticDB answers DescribeRegions in both its API versions; each is asked, and retried, once.
    assert.strictEqual(figure.injected, TEST_RETRY.maxAttempts * adbEntry.regions.length);

    s.emulator.clearFaults();
    errors[0].retry?.();
    await until(() => ctx.progress.active === 0, 'retry');
    const after = await root.getChildren();
    assert.deepStrictEqual(statusRowsOf(after), []);
    assert.ok(after.some((r) => r.id === 'region/cn-beijing'), 'adb-only regions are back');
    const hz = after.find((r) => r.id === 'region/cn-hangzhou')!;
    assert.deepStrictEqual((await hz.getChildren!()).map((p) => p.id), ['region/cn-hangzhou/adb', 'region/cn-hangzhou/dds', 'region/cn-hangzhou/dbs']);
    figure.passed = true;
  });

  it('every product fails in cn-beijing only: its product nodes show error rows; cn-hangzhou and cn-shanghai load', async () => {
    const figure = { scenario: 'one region fails for every product (cn-beijing, HTML 502)', injected: 0, expected: 'error rows in that region only', passed: false };
    figures.faults.push(figure);
    s.emulator.injectFault({ kind: 'html502', regionId: 'cn-beijing' });
    const ctx = fakeContext(s.client());
    const root = new RegionsRoot(ctx);
    const rows = await root.getChildren();
    assert.deepStrictEqual(statusRowsOf(rows), [], 'region lists are asked from cn-hangzhou and are not affected');
    for (const region of ['cn-beijing', 'cn-hangzhou', 'cn-shanghai']) {
      const node = rows.find((r) => r.id === `region/${region}`)!;
      const products = await node.getChildren!();
      const children = await Promise.all(products.map((p) => p.getChildren!()));
      const status = children.flatMap((c) => statusRowsOf(c));
      if (region === 'cn-beijing') {
        assert.ok(status.length >= 1 && status.every((r) => r.kind === 'error' && r.error?.code === 'HtmlErrorPage'), `${region}: ${status.map((r) => r.error?.code)}`);
      } else {
        assert.deepStrictEqual(status, [], `${region} loads`);
        assert.ok(children.flat().length > 0);
      }
    }
    figure.injected = s.emulator.requests().filter((r) => r.code === 'html502').length;
    assert.ok(figure.injected >= TEST_RETRY.maxAttempts);
    figure.passed = true;
  });
});
