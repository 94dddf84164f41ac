// What an export file holds, read from the emulator through the real client signing with an STS key: without
// download URLs, no signature, OSS key ID or expiry query anywhere; with them, the URLs and nothing else secret;
// never the AccessKey, its secret or the STS token; only the chosen columns, never the raw API objects.
import * as assert from 'assert';
import type { ProductId } from '../../src/cloud/types';
import { backupColumns, backupRows } from '../../src/export/backupTable';
import { toCsv } from '../../src/export/csv';
import { toJson } from '../../src/export/json';
import { readAllBackups, type OwnedBackup } from '../../src/export/readBackups';
import { writableTable, type ExportTable } from '../../src/export/table';
import { SAMPLE_IDS, TEST_CREDENTIALS } from '../emulator';
import { useSuiteEmulator } from '../reliability/support';
import { english, findResource } from './support';

const STS = TEST_CREDENTIALS.sts;
/** Resources whose backups (or their parts) carry signed URLs: per-database links, per-node parts, OSS V1 URLs. */
const WITH_URLS: Array<[ProductId, string]> = [
  ['rds', SAMPLE_IDS.rds.mysql],
  ['dds', SAMPLE_IDS.dds.replica1],
  ['dds', SAMPLE_IDS.dds.clusterBackup],
  ['r-kvstore', SAMPLE_IDS.kvstore.standard],
  ['adb', SAMPLE_IDS.adb.small1],
];
const URL_QUERY = /Signature=|OSSAccessKeyId|Expires=|x-oss-signature|x-oss-credential|security-token/i;
const NEVER = [STS.accessKeyId, STS.accessKeySecret, STS.securityToken];

describe('export: nothing secret in the file', function () {
  this.timeout(30_000);
  const s = useSuiteEmulator();
  let table: ExportTable;

  before(async () => {
    const client = s.client({ key: STS });
    const backups: OwnedBackup[] = [];
    for (const [product, id] of WITH_URLS) {
      const resource = await findResource(client, product, 'cn-hangzhou', id);
      backups.push(...(await readAllBackups(client, resource, { pageSize: 100, windowDays: 7, signal: new AbortController().signal })).backups);
    }
    table = { columns: backupColumns(english), rows: backupRows(backups) };
  });

  it('the emulator did serve signed URLs for these backups', () => {
    const urls = table.rows.filter((row) => typeof row.downloadUrl === 'string' && /Signature=/.test(row.downloadUrl));
    assert.ok(urls.length > 50, `${urls.length} signed URLs`);
  });

  for (const format of ['csv', 'json'] as const) {
    const write = (t: ExportTable): string => (format === 'json' ? toJson(t) : toCsv(t, { bom: true }));

    it(`${format}: without download URLs, no signed-URL query anywhere, and no key, secret or token`, () => {
      const text = write(writableTable(table, false));
      assert.ok(!URL_QUERY.test(text), `found ${URL_QUERY.exec(text)?.[0]}`);
      assert.ok(!/https?:\/\//.test(text), 'a URL was written');
      for (const secret of NEVER) assert.ok(!text.includes(secret), 'a credential was written');
    });

    it(`${format}: with download URLs, the URLs are there and still no key, secret or token`, () => {
      const safe = writableTable(table, true);
      const text = write(safe);
      const urls = safe.rows.flatMap((row) => [row.downloadUrl, row.intranetDownloadUrl]).filter((u) => typeof u === 'string');
      assert.ok(urls.length > 50);
      assert.strictEqual(text.match(/Signature=/g)?.length, urls.length, 'a signature outside the URL columns');
      for (const secret of NEVER) assert.ok(!text.includes(secret), 'a credential was written');
    });
  }

  it('json: only the chosen columns, never the raw API object', () => {
    const rows = JSON.parse(toJson(writableTable(table, false))) as Array<Record<string, unknown>>;
    const keys = backupColumns(english).filter((c) => !c.signedUrl).map((c) => c.key);
    assert.ok(rows.length > 0 && rows.every((row) => JSON.stringify(Object.keys(row)) === JSON.stringify(keys)));
    assert.ok(!JSON.stringify(rows).includes('BackupDownloadURL'));
  });
});
