// The save dialog suggests the URL's last path segment: text the API chose, so it is made safe first.
import * as assert from 'assert';
import { suggestedFileName } from '../../src/download/fileName';

describe('the file name a download suggests', () => {
  it("is the URL path's last segment, decoded", () => {
    assert.strictEqual(suggestedFileName('https://b.oss-cn-hangzhou.aliyuncs.com/custins1/hins2_data_20261129.tar.gz?Expires=1&Signature=x', '1'), 'hins2_data_20261129.tar.gz');
    assert.strictEqual(suggestedFileName('https://h/a/orders%20db.zip', '1'), 'orders db.zip');
  });

  it('cannot name a folder, a device, a hidden file or reorder what it shows', () => {
    const cases: Array<[string, string]> = [
      ['https://h/a/..%2F..%2Fetc%2Fpasswd', '_.._etc_passwd'],
      ['https://h/a/x%5C..%5Cevil.bat', 'x_.._evil.bat'],
      ['https://h/a/.bashrc', 'bashrc'],
      ['https://h/a/nul.txt', '_nul.txt'],
      ['https://h/a/COM1', '_COM1'],
      ['https://h/a/gpj.%E2%80%AEexe', 'gpj._exe'],
      ['https://h/a/a%3Cb%3E%3A%22%7C%3F%2A.tar', 'a_b______.tar'],
      ['https://h/a/line%0Abreak', 'line_break'],
      ['https://h/a/dots...', 'dots'],
    ];
    for (const [url, expected] of cases) assert.strictEqual(suggestedFileName(url, '1'), expected, url);
  });

  it('falls back to backup-<id> when the URL gives nothing usable, and stays short', () => {
    assert.strictEqual(suggestedFileName('https://h/', '3001000229'), 'backup-3001000229');
    assert.strictEqual(suggestedFileName('not a url', '42'), 'backup-42');
    assert.strictEqual(suggestedFileName(undefined, '../x'), 'backup-.._x');
    assert.strictEqual(suggestedFileName('https://h/%E0%A4%A', '7'), '%E0%A4%A');
    assert.strictEqual(suggestedFileName(`https://h/${'a'.repeat(400)}.gz`, '1').length, 150);
  });
});
