// The CSV writer, in plain Node: formula injection neutralised (OWASP), RFC 4180 quoting, CRLF, the BOM option,
// ISO 8601 UTC dates; and the table rules every export goes through (signed URLs opt-in, other text redacted).
import * as assert from 'assert';
import { cellText, neutralise, quoteField, toCsv, UTF8_BOM } from '../../src/export/csv';
import { toJson } from '../../src/export/json';
import { safeFileName, writableTable, type ExportTable } from '../../src/export/table';

/** A small RFC 4180 reader, so the tests check what a spreadsheet would see, not how the writer spells it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  assert.strictEqual(field + row.join(''), '', 'the text does not end with CRLF');
  return rows;
}

const table = (rows: ExportTable['rows'], columns = [{ key: 'v', title: 'Value' }]): ExportTable => ({ columns, rows });

describe('export: CSV', () => {
  describe('formula injection (OWASP): text that a spreadsheet would run gets a leading single quote', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://x","y")', '-5+cmd|\' /C calc\'!A0', '-5']) {
      it(`neutralises ${JSON.stringify(text)}`, () => {
        assert.strictEqual(neutralise(text), `'${text}`);
        assert.strictEqual(parseCsv(toCsv(table([{ v: text }])))[1][0], `'${text}`);
      });
    }

    it('sees through leading blanks and control characters', () => {
      for (const text of [' =1+1', '  @x', '\n+1', '\u0000=1', '\u00a0-1']) assert.strictEqual(neutralise(text), `'${text}`, JSON.stringify(text));
    });

    it('neutralises the full-width forms that some input settings turn into formulas', () => {
      for (const text of ['＝1+1', '＋1', '－1', '＠x']) assert.strictEqual(neutralise(text), `'${text}`, text);
    });

    it('leaves ordinary text alone, including text with the characters inside it', () => {
      for (const text of ['orders-mysql', 'a=b', 'x+1', 'rm-bp1', "'quoted", '', '<b>db</b>', '2026-11-30']) assert.strictEqual(neutralise(text), text);
    });

    it('a number stays a number, a negative one too: it is written from a number type, never from text', () => {
      assert.strictEqual(cellText(-5), '-5');
      assert.strictEqual(cellText(1.5), '1.5');
      assert.strictEqual(cellText(0), '0');
      assert.strictEqual(cellText('-5'), "'-5", 'the same characters as text are neutralised');
      assert.deepStrictEqual(parseCsv(toCsv(table([{ v: -5 }, { v: '-5' }]))).slice(1), [['-5'], ["'-5"]]);
    });

    it('numbers that are not finite are written as empty fields', () => {
      for (const n of [NaN, Infinity, -Infinity]) assert.strictEqual(cellText(n), '');
    });
  });

  describe('RFC 4180', () => {
    it('quotes fields with a quote, comma, CR or LF, and doubles the quotes', () => {
      assert.strictEqual(quoteField('plain'), 'plain');
      assert.strictEqual(quoteField('a,b'), '"a,b"');
      assert.strictEqual(quoteField('say "hi"'), '"say ""hi"""');
      assert.strictEqual(quoteField('two\nlines'), '"two\nlines"');
      assert.strictEqual(quoteField('cr\rhere'), '"cr\rhere"');
      assert.strictEqual(quoteField(''), '');
    });

    it('ends every line with CRLF, the header first, and reads back exactly', () => {
      const values = ['a,b', 'say "hi"', 'two\r\nlines', '<img src=x onerror=alert(1)> "q" \'s\' `t` ${x}', '\u200Fمرحبا 🐘'];
      const text = toCsv(table(values.map((v) => ({ v }))));
      assert.ok(text.startsWith('Value\r\n'));
      assert.ok(text.endsWith('\r\n'));
      assert.ok(!/[^\r]\n/.test(text.replace(/"(?:[^"]|"")*"/g, '')), 'a bare LF outside quotes');
      assert.deepStrictEqual(parseCsv(text), [['Value'], ...values.map((v) => [v])]);
    });

    it('writes columns in order, absent values as empty fields, booleans as true/false', () => {
      const columns = [{ key: 'a', title: 'A' }, { key: 'b', title: 'B, with comma' }, { key: 'c', title: 'C' }];
      const text = toCsv(table([{ a: 'x', c: true }, { b: 2, c: false }], columns));
      assert.strictEqual(text, 'A,"B, with comma",C\r\nx,,true\r\n,2,false\r\n');
    });

    it('a header title that starts like a formula is neutralised too', () => {
      assert.strictEqual(toCsv(table([], [{ key: 'v', title: '=x' }])), "'=x\r\n");
    });
  });

  describe('encoding and dates', () => {
    it('starts with a UTF-8 byte order mark only when asked (for Excel)', () => {
      assert.ok(!toCsv(table([{ v: 'x' }])).startsWith(UTF8_BOM));
      const withBom = toCsv(table([{ v: 'x' }]), { bom: true });
      assert.ok(withBom.startsWith(UTF8_BOM));
      assert.deepStrictEqual([...Buffer.from(withBom, 'utf8').subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    });

    it('writes dates as ISO 8601 in UTC whatever the local zone, and an invalid date as nothing', () => {
      const when = new Date(Date.UTC(2026, 10, 30, 1, 2, 3));
      assert.strictEqual(cellText(when), '2026-11-30T01:02:03.000Z');
      assert.strictEqual(cellText(new Date(NaN)), '');
    });

    it('keeps non-ASCII text as it is (UTF-8 on write)', () => {
      assert.strictEqual(cellText('华东1（杭州）'), '华东1（杭州）');
    });
  });

  describe('JSON', () => {
    it('one object per row in column order; dates as ISO strings, absent and non-finite as null; no neutralising', () => {
      const columns = [{ key: 'id', title: 'ID' }, { key: 'size', title: 'Size' }, { key: 'at', title: 'At' }, { key: 'ok', title: 'OK' }];
      const rows = JSON.parse(toJson(table([{ id: '=x', size: -5, at: new Date(Date.UTC(2026, 0, 2)), ok: true }, { size: NaN }], columns)));
      assert.deepStrictEqual(rows, [
        { id: '=x', size: -5, at: '2026-01-02T00:00:00.000Z', ok: true },
        { id: null, size: null, at: null, ok: null },
      ]);
      assert.deepStrictEqual(Object.keys(rows[0]), ['id', 'size', 'at', 'ok']);
    });
  });

  describe('what may be written', () => {
    const SIGNED = 'https://bucket.oss-cn-hangzhou.aliyuncs.com/f.tar.gz?Expires=1700000000&OSSAccessKeyId=STS.sig-key-id&Signature=c2lnbmF0dXJl%3D';
    const columns = [
      { key: 'id', title: 'ID' },
      { key: 'note', title: 'Note' },
      { key: 'url', title: 'Download URL', signedUrl: true },
    ];
    const source = table([{ id: 'b1', note: `see ${SIGNED} x-acs-security-token: tok-123456789`, url: SIGNED }, { id: 'b2', url: 'javascript:alert(1)' }], columns);

    it('leaves signed-URL columns out unless asked, and redacts signatures and tokens in every other column', () => {
      const safe = writableTable(source, false);
      assert.deepStrictEqual(safe.columns.map((c) => c.key), ['id', 'note']);
      for (const text of [toCsv(safe), toJson(safe)]) {
        for (const secret of ['c2lnbmF0dXJl', 'STS.sig-key-id', 'tok-123456789']) assert.ok(!text.includes(secret), `${secret} written`);
        assert.ok(!/Signature=[^<]/.test(text) && !/OSSAccessKeyId=[^<]/.test(text), text);
      }
    });

    it('writes the URLs when asked, only http(s) ones, and still redacts every other column', () => {
      const safe = writableTable(source, true);
      assert.deepStrictEqual(safe.rows.map((r) => r.url), [SIGNED, undefined]);
      assert.ok(!String(safe.rows[0].note).includes('c2lnbmF0dXJl'));
      assert.ok(!String(safe.rows[0].note).includes('tok-123456789'));
    });

    it('keeps numbers, dates and booleans as they are', () => {
      const when = new Date(0);
      const safe = writableTable(table([{ n: -1, d: when, b: false }], [{ key: 'n', title: 'N' }, { key: 'd', title: 'D' }, { key: 'b', title: 'B' }]), false);
      assert.deepStrictEqual(safe.rows, [{ n: -1, d: when, b: false }]);
    });

    it('file names from IDs keep to letters, digits, dot, dash and underscore', () => {
      assert.strictEqual(safeFileName('rm-bp1mysql000000001-backups'), 'rm-bp1mysql000000001-backups');
      assert.strictEqual(safeFileName('../../etc/passwd'), 'etc_passwd');
      assert.strictEqual(safeFileName('<b>x</b>'), 'b_x_b_');
      assert.strictEqual(safeFileName('...'), 'export');
      assert.strictEqual(safeFileName('a'.repeat(300)).length, 100);
    });
  });
});
