// Hostile text from the wire in an export: the emulator's hostile RDS instance (HOSTILE_TEXT as its name, a
// database named like a spreadsheet formula) read through the real client and written as CSV and JSON.
import * as assert from 'assert';
import { backupColumns, backupRows } from '../../src/export/backupTable';
import { toCsv } from '../../src/export/csv';
import { toJson } from '../../src/export/json';
import { readAllBackups } from '../../src/export/readBackups';
import { writableTable, type ExportTable } from '../../src/export/table';
import { FORMULA_TEXT, HOSTILE_TEXT, SAMPLE_IDS } from '../emulator';
import { useSuiteEmulator } from '../reliability/support';
import { english, findResource } from './support';

describe('export: hostile text from the API', function () {
  this.timeout(30_000);
  const s = useSuiteEmulator();
  let table: ExportTable;

  before(async () => {
    const client = s.client();
    const resource = await findResource(client, 'rds', 'cn-hangzhou', SAMPLE_IDS.rds.hostile);
    const read = await readAllBackups(client, resource, { pageSize: 100, windowDays: 7, signal: new AbortController().signal });
    table = writableTable({ columns: backupColumns(english), rows: backupRows(read.backups) }, false);
  });

  it('CSV: the formula is written as text, quotes doubled; the hostile name is quoted and kept whole', () => {
    const csv = toCsv(table);
    assert.ok(csv.includes(`"'${FORMULA_TEXT.replace(/"/g, '""')}"`), 'the formula cell is not neutralised and quoted');
    assert.ok(!csv.includes(`,${FORMULA_TEXT}`) && !csv.includes(`,"${FORMULA_TEXT.replace(/"/g, '""')}"`), 'the formula was written as is');
    assert.ok(csv.includes(`"${HOSTILE_TEXT.replace(/"/g, '""')}"`), 'the hostile name is not kept whole');
    // 3 backups, one of them logical with a part per database.
    assert.strictEqual(table.rows.length, 3 + 2);
  });

  it('JSON: the values are kept exactly as the API sent them', () => {
    const rows = JSON.parse(toJson(table)) as Array<Record<string, unknown>>;
    assert.ok(rows.some((row) => row.backupId === FORMULA_TEXT));
    assert.ok(rows.every((row) => row.resourceName === HOSTILE_TEXT));
  });
});
