import * as assert from 'assert';
import { redact, registerSecret } from '../../src/cloud/redact';
import { toExpiry, toNumber, toText, toTime } from '../../src/cloud/values';

describe('normalising the APIs’ values', () => {
  it('reads every time shape as the same instant', () => {
    const expected = Date.parse('2022-06-01T16:00:00Z');
    for (const value of ['2022-06-01T16:00Z', '2022-06-01T16:00:00Z', expected, String(expected)]) {
      assert.strictEqual(toTime(value)?.getTime(), expected, String(value));
    }
    assert.strictEqual(toTime('2022-06-01')?.toISOString(), '2022-06-01T00:00:00.000Z');
    assert.strictEqual(toTime(''), undefined);
    assert.strictEqual(toTime('not a time'), undefined);
  });

  it('reads a time without a zone (Tair cluster backups) as UTC, whatever the machine’s zone', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      assert.strictEqual(toTime('2024-01-09T17:21:57')?.toISOString(), '2024-01-09T17:21:57.000Z');
      assert.strictEqual(toTime('2024-01-09T17:21')?.toISOString(), '2024-01-09T17:21:00.000Z');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('treats the 2999 and 9999 sentinels as “never expires”', () => {
    assert.deepStrictEqual(toExpiry('9999-01-01T00:00:00Z'), { kind: 'never' });
    assert.deepStrictEqual(toExpiry('2999-09-08T16:00:00Z'), { kind: 'never' });
    assert.strictEqual(toExpiry('2022-07-02T16:00Z')?.kind, 'at');
  });

  it('reads string and number counts alike, and "" as absent', () => {
    assert.strictEqual(toNumber('300'), 300);
    assert.strictEqual(toNumber(300), 300);
    assert.strictEqual(toNumber('abc'), undefined);
    assert.strictEqual(toText(''), undefined);
  });

  it('redacts URL signatures and registered secrets', () => {
    registerSecret('super-secret-value-1');
    const text = 'http://x.oss.aliyuncs.com/a.tar.gz?Expires=1&OSSAccessKeyId=AKID&Signature=abc%2Bdef&Region=r super-secret-value-1';
    const out = redact(text);
    assert.ok(!out.includes('abc%2Bdef') && !out.includes('AKID') && !out.includes('super-secret-value-1'));
    assert.ok(out.includes('Expires=1') && out.includes('Region=r'));
  });
});
