// Copy Download URL decides from the URL alone whether it may be copied and whether it must be renewed first.
import * as assert from 'assert';
import { checkDownloadUrl, validFor } from '../../src/cloud/downloadUrls';

describe('download URLs from responses', () => {
  const now = Date.UTC(2026, 10, 29, 12, 0, 0);

  it('an OSS V4 URL (x-oss-date + x-oss-expires) expires when its date plus its seconds say', () => {
    const url = 'https://bucket.oss-cn-hangzhou.aliyuncs.com/backup.tar?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-date=20261129T113000Z&x-oss-expires=3600&x-oss-credential=EMUL%2F20261129%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-signature=abc';
    const check = checkDownloadUrl(url);
    assert.ok(check.usable);
    assert.strictEqual(check.expiry?.toISOString(), '2026-11-29T12:30:00.000Z');
    assert.strictEqual(validFor(check, 120, now), true);
    assert.strictEqual(validFor(check, 120, Date.UTC(2026, 10, 29, 12, 29, 0)), false, 'a minute left is too little to paste and start');
  });

  it('an OSS V1 URL expires at its Expires (epoch seconds)', () => {
    const check = checkDownloadUrl('https://bucket.oss-cn-hangzhou.aliyuncs.com/b?Expires=1796040000&OSSAccessKeyId=EMUL&Signature=x');
    assert.ok(check.usable);
    assert.strictEqual(check.expiry?.getTime(), 1796040000 * 1000);
  });

  it('a URL that says nothing about expiry is taken as valid', () => {
    const check = checkDownloadUrl('https://example.aliyuncs.com/file');
    assert.deepStrictEqual(check, { usable: true, expiry: undefined });
    assert.strictEqual(validFor(check, 120, now), true);
  });

  it('a malformed URL is refused instead of throwing', () => {
    for (const url of ['not a url', 'https://', 'http://[::1', '']) assert.deepStrictEqual(checkDownloadUrl(url), { usable: false, reason: 'malformed' }, url);
  });

  it('only http and https are handed on', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'command:workbench.action.tasks.runTask', 'vscode://x/y', 'ftp://h/f', 'data:text/html,hi']) {
      assert.deepStrictEqual(checkDownloadUrl(url), { usable: false, reason: 'scheme' }, url);
    }
  });

  it('nonsense in x-oss-date or x-oss-expires is not an expiry', () => {
    const check = checkDownloadUrl('https://h/f?x-oss-date=yesterday&x-oss-expires=-5');
    assert.ok(check.usable);
    assert.strictEqual(check.expiry, undefined);
  });
});
