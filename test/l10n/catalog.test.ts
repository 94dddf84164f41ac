// The manifest and the translations stay in step with the product catalog: a product added to src/products must
// bring its endpointOverrides key (with its description in both languages) and translations of its labels.
import * as assert from 'assert';
import * as path from 'path';
import { PRODUCTS } from '../../src/products';
import type { Message } from '../../src/products/catalog';
import { BUNDLE, BUNDLE_ZH_CN, readJsonObject, repositoryRoot } from './strings';

interface Manifest {
  contributes: { configuration: { properties: Record<string, { properties?: Record<string, { description?: string }>; items?: { enum?: string[] } }> } };
}

describe('catalog and manifest', () => {
  const root = repositoryRoot(__dirname);
  const manifest = readJsonObject(path.join(root, 'package.json')) as unknown as Manifest;
  const overrides = manifest.contributes.configuration.properties['alibabaCloudBackups.endpointOverrides'].properties ?? {};

  it('endpointOverrides has exactly one key per product of the catalog', () => {
    assert.deepStrictEqual(Object.keys(overrides).sort(), PRODUCTS.map((p) => p.id).sort());
  });

  it('the products setting offers exactly the catalog\'s products', () => {
    const offered = manifest.contributes.configuration.properties['alibabaCloudBackups.products'].items?.enum ?? [];
    assert.deepStrictEqual([...offered].sort(), PRODUCTS.map((p) => p.id).sort());
  });

  it('each endpointOverrides key is described in English and Simplified Chinese', () => {
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = readJsonObject(path.join(root, file));
      for (const product of PRODUCTS) {
        const key = overrides[product.id]?.description?.replace(/^%|%$/g, '') ?? '';
        assert.ok(typeof nls[key] === 'string' && nls[key] !== '', `${file} lacks ${key} for ${product.id}`);
      }
    }
  });

  it('every label of every product and kind is in both l10n bundles', () => {
    const english = readJsonObject(path.join(root, BUNDLE));
    const chinese = readJsonObject(path.join(root, BUNDLE_ZH_CN));
    const labels: Message[] = PRODUCTS.flatMap((p) => [p.title, p.emptyLabel, p.ownerLabel, ...Object.values(p.kinds).flatMap((k) => [k.label, k.title])]);
    const missing = labels.filter((label) => typeof english[label] !== 'string' || typeof chinese[label] !== 'string');
    assert.deepStrictEqual(missing, []);
  });

  it('every kind has an icon, and product ids are unique', () => {
    for (const product of PRODUCTS) for (const [kind, entry] of Object.entries(product.kinds)) assert.match(entry.icon, /^[a-z][a-z0-9-]*$/, `${product.id} ${kind}`);
    assert.strictEqual(new Set(PRODUCTS.map((p) => p.id)).size, PRODUCTS.length);
  });
});
