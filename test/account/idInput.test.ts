// What the Find by ID… box accepts: trimmed IDs of a product's shape, or the ID a pasted download URL's path
// carries; the URL's query (its signature) is never read.
import * as assert from 'assert';
import { readIdInput } from '../../src/account/idInput';
import { PRODUCTS } from '../../src/products';

const read = (text: string) => readIdInput(text, PRODUCTS);

describe('Find by ID input', () => {
  it('takes resource and backup IDs of every product, trimmed', () => {
    for (const id of ['am-bp1big0000000001', 'amv-bp1lakehouse0001', 'dds-bp1replica000001', 'd-bp1shard0000001', 'dbsplanbig00001', 'rm-bp1mysql000000001', 'rr-uf6wjk5', 'pgm-bp1c808s731l', 'pgr-bp17yuz4dn3d', 'pc-bp1mysql8000000001', 'r-bp1tair000000001', '9000000129', 'cb-hyxdof5x9kqb', '1iukx5h7p', 'mysql-bin.000123']) {
      assert.deepStrictEqual(read(`  ${id}\t`), { id, fromUrl: false }, id);
    }
  });

  it('says why it refuses what cannot be an ID', () => {
    assert.deepStrictEqual(read('   '), { problem: 'empty' });
    for (const text of ['rm-abc def', '[x](command:workbench.action.quit)', '<b>1</b>', '-rm', 'a'.repeat(101), 'rm-abc\u202e']) {
      assert.deepStrictEqual(read(text), { problem: 'notAnId' }, text);
    }
    for (const text of ['hello-world', 'RM-BP1ABC', 'i-bp1ecs', 'mysql-bin.log']) {
      assert.deepStrictEqual(read(text), { problem: 'unknownShape' }, text);
    }
  });

  it('takes the ID a download URL names in its path, never from its query', () => {
    const signed = 'Expires=1893456000&OSSAccessKeyId=ABCDEFGHIJKLMNOP&Signature=abc%2Bdef%3D&Region=cn-hangzhou';
    assert.deepStrictEqual(read(`https://cn-hangzhou.bak.rds.aliyuncs.com/custins1234/9000000120_orders.zip?${signed}&dbList=orders`), { id: '9000000120', fromUrl: true });
    assert.deepStrictEqual(read(`http://rdsbak-hz-v3.oss-cn-hangzhou.aliyuncs.com/r-bp1standard00001/r-bp1standard00001/hins1_data_20261101.rdb?${signed}`), { id: 'r-bp1standard00001', fromUrl: true });
    assert.deepStrictEqual(read(`http://rdsbak-hz-v3.oss-cn-hangzhou.aliyuncs.com/custins5559/hins1936_data_20220525.tar.gz?${signed}`), { problem: 'urlWithoutId' });
    assert.deepStrictEqual(read(`https://example.com/x?id=rm-bp1mysql000000001&Signature=rm-bp1mysql000000002`), { problem: 'urlWithoutId' });
    assert.deepStrictEqual(read('https://[not a url'), { problem: 'urlWithoutId' });
  });
});
