import * as assert from 'assert';
import { productRegions } from '../../src/account/regions';
import { PRODUCTS } from '../../src/products';
import { useEmulator } from './harness';

const HZ = 'cn-hangzhou';

// Region names follow the UI language: every DescribeRegions that takes AcceptLanguage is asked in it (the APIs'
// defaults differ: Chinese for AnalyticDB, MongoDB and Tair, English for RDS), PolarDB's and DBS's take none.
describe('Region names in the UI language, through the signing client', () => {
  const h = useEmulator();
  const client = (language?: string) => {
    const url = h.emulator.url;
    const endpointOverrides = Object.fromEntries(PRODUCTS.map((p) => [p.id, url]));
    return h.client({ settings: { endpointOverrides, language } });
  };
  const named = PRODUCTS.filter((p) => p.regions.every((r) => r.acceptLanguage));

  it('asks AnalyticDB (both versions), MongoDB, RDS and Tair for names, and PolarDB and DBS for none', () => {
    assert.deepStrictEqual(named.map((p) => p.id), ['adb', 'dds', 'rds', 'r-kvstore']);
    assert.ok(PRODUCTS.filter((p) => !named.includes(p)).every((p) => p.regions.every((r) => !r.acceptLanguage)));
  });

  for (const [language, name, sent] of [['zh-cn', '华东1（杭州）', ['zh-CN', 'zh']], ['en', 'China (Hangzhou)', ['en-US', 'en']], [undefined, 'China (Hangzhou)', ['en-US', 'en']]] as const) {
    it(`a UI in ${language ?? 'no language'} gets "${name}" from each of them`, async () => {
      const c = client(language);
      for (const product of named) {
        const regions = await productRegions(c, product);
        assert.strictEqual(regions.find((r) => r.id === HZ)?.name, name, product.id);
      }
      const asked = h.emulator.requests().filter((r) => r.action === 'DescribeRegions');
      assert.strictEqual(asked.length, 5, 'one DescribeRegions per API version');
      assert.ok(asked.every((r) => (sent as readonly string[]).includes(r.params.AcceptLanguage)), JSON.stringify(asked.map((r) => [r.product, r.params.AcceptLanguage])));
    });
  }

  it('sends no AcceptLanguage where the API takes none', async () => {
    const c = client('zh-cn');
    for (const product of PRODUCTS.filter((p) => !named.includes(p))) await productRegions(c, product);
    const asked = h.emulator.requests().filter((r) => r.action === 'DescribeRegions');
    assert.deepStrictEqual(asked.map((r) => [r.product, r.params.AcceptLanguage]), [['dbs', undefined], ['polardb', undefined]]);
  });
});
