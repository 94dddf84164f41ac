import * as assert from 'assert';
import type { Backup, Resource } from '../../src/cloud/models';
import { detailsFields, escapeHtml, formatBytes, formatExpiry, formatTime, highlightJson } from '../../src/webview/format';
import { renderDetailsHtml } from '../../src/webview/html';
import { rawJsonFor, rawJsonText, titleFor, untranslated, type DetailsSubject } from '../../src/webview/subject';

const HOSTILE = ['<img src=x onerror=alert(1)>', '</script><script>window.__pwned=1</script>', '`${x}`', `"'&`];

function backup(extra: Partial<Backup> = {}): Backup {
  return { product: 'dds', region: 'cn-hangzhou', resourceId: 'dds-bp1', id: '32732', status: 'success', statusText: 'Success', raw: {}, ...extra };
}

function plan(raw: Resource['raw']): DetailsSubject {
  return { kind: 'resource', resource: { product: 'dbs', kind: 'dbsPlan', region: 'cn-hangzhou', id: 'dbs1abc', status: 'failed', statusText: 'check_fail', raw } };
}

const value = (rows: { label: string; value: string }[], label: string) => rows.find((r) => r.label === label)?.value;

describe('webview formatting', () => {
  it('escapes the five HTML characters and the backtick', () => {
    assert.strictEqual(escapeHtml(`<a href="x" title='y'>&\`\${x}\`</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;${x}&#96;&lt;/a&gt;');
    for (const s of HOSTILE) assert.doesNotMatch(escapeHtml(s), /[<>"'`]/);
  });

  it('highlights JSON with every string escaped, keys and values alike', () => {
    const html = highlightJson({ [HOSTILE[0]]: HOSTILE[1], n: -1.5e3, ok: true, none: null, list: ['a"b', '1'] });
    assert.doesNotMatch(html, /<img|<script|<\/script|`/);
    assert.match(html, /<span class="json-key">&quot;&lt;img src=x onerror=alert\(1\)&gt;&quot;<\/span>: /);
    assert.match(html, /<span class="json-string">&quot;&lt;\/script&gt;/);
    assert.match(html, /<span class="json-number">-1500<\/span>/);
    assert.match(html, /<span class="json-boolean">true<\/span>/);
    assert.match(html, /<span class="json-null">null<\/span>/);
    assert.match(html, /<span class="json-string">&quot;a\\&quot;b&quot;<\/span>/);
    // A digit inside a string stays part of the string.
    assert.match(html, /<span class="json-string">&quot;1&quot;<\/span>/);
    // Stripping the tags gives back exactly the pretty-printed JSON.
    const text = html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#96;/g, '`').replace(/&amp;/g, '&');
    assert.strictEqual(text, JSON.stringify({ [HOSTILE[0]]: HOSTILE[1], n: -1.5e3, ok: true, none: null, list: ['a"b', '1'] }, null, 2));
  });

  it('formats bytes 1024-based', () => {
    assert.strictEqual(formatBytes(0), '0 B');
    assert.strictEqual(formatBytes(512), '512 B');
    assert.strictEqual(formatBytes(1024), '1 KB');
    assert.strictEqual(formatBytes(2.1 * 1024 * 1024), '2.1 MB');
    assert.strictEqual(formatBytes(140 * 1024 ** 3), '140 GB');
    assert.strictEqual(formatBytes(1024 * 1024 - 1), '1 MB');
  });

  it('formats local time with its UTC offset', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Shanghai';
      assert.strictEqual(formatTime(new Date('2022-06-01T16:00:00Z')), '2022-06-02 00:00:00 UTC+08:00');
      process.env.TZ = 'America/St_Johns';
      assert.strictEqual(formatTime(new Date('2022-01-01T12:00:00Z')), '2022-01-01 08:30:00 UTC-03:30');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('says "Never expires" for the sentinel expiry', () => {
    assert.strictEqual(formatExpiry({ kind: 'never' }), 'Never expires');
    assert.strictEqual(formatExpiry({ kind: 'never' }, (m) => `[${m}]`), '[Never expires]');
  });

  it('lists backup fields without the download URL', () => {
    const url = 'https://b.oss-cn-hangzhou.aliyuncs.com/x.tar.gz?Expires=1&OSSAccessKeyId=LTAIkey&Signature=abcSIG';
    const rows = detailsFields({ kind: 'backup', backup: backup({ sizeBytes: 2048, expiry: { kind: 'never' }, downloadUrl: url }) }, untranslated);
    assert.strictEqual(value(rows, 'Backup ID'), '32732');
    assert.strictEqual(value(rows, 'Size'), '2 KB');
    assert.strictEqual(value(rows, 'Expires'), 'Never expires');
    assert.strictEqual(value(rows, 'Download URL'), 'Available');
    assert.ok(!JSON.stringify(rows).includes('aliyuncs'));
  });

  it('lists a DBS plan’s details including the precheck error', () => {
    const rows = detailsFields(
      plan({
        BackupPeriod: 'Monday,Friday',
        BackupStartTime: '14:00',
        BackupRetentionPeriod: '730',
        OSSBucketName: 'my-bucket',
        SourceEndpointHost: 'rm-x.mysql.rds.aliyuncs.com',
        SourceEndpointPort: 3306,
        ErrMessage: '  precheck failed: access denied  ',
      }),
      untranslated,
    );
    assert.strictEqual(value(rows, 'Schedule'), 'Monday,Friday at 14:00');
    assert.strictEqual(value(rows, 'Retention'), '730 days');
    assert.strictEqual(value(rows, 'OSS bucket'), 'my-bucket');
    assert.strictEqual(value(rows, 'Source endpoint'), 'rm-x.mysql.rds.aliyuncs.com:3306');
    assert.strictEqual(value(rows, 'Precheck error'), 'precheck failed: access denied');
    assert.strictEqual(value(rows, 'Status'), 'check_fail');
    assert.strictEqual(titleFor(plan({})), 'Plan dbs1abc');
  });

  it('translates labels through the injected function', () => {
    const rows = detailsFields({ kind: 'backup', backup: backup() }, (m) => `«${m}»`);
    assert.strictEqual(value(rows, '«Backup ID»'), '32732');
  });

  it('redacts download-URL signatures in the raw JSON', () => {
    const url = 'https://b.oss-cn-hangzhou.aliyuncs.com/x.tar.gz?Expires=1&OSSAccessKeyId=LTAIkey&Signature=abc%2BSIG%3D';
    const subject: DetailsSubject = { kind: 'backup', backup: backup({ downloadUrl: url, raw: { BackupDownloadURL: url, Nested: [{ U: url }], Size: 3 } }) };
    const raw = rawJsonFor(subject);
    assert.strictEqual(raw.Size, 3);
    assert.match(String(raw.BackupDownloadURL), /^https:\/\/b\.oss-cn-hangzhou\.aliyuncs\.com\/x\.tar\.gz\?/);
    for (const text of [JSON.stringify(raw), rawJsonText(subject)]) {
      assert.ok(!text.includes('abc%2BSIG'), text);
      assert.ok(!text.includes('LTAIkey'), text);
    }
    // The subject itself is not changed.
    assert.strictEqual(subject.kind === 'backup' && subject.backup.raw.BackupDownloadURL, url);
  });
});

describe('details page HTML', () => {
  const hostileBackup = backup({ id: HOSTILE[1], statusText: HOSTILE[0], type: HOSTILE[2], downloadUrl: 'https://h/x?Signature=SECRETSIG', raw: { BackupDownloadURL: 'https://h/x?Signature=SECRETSIG', Name: HOSTILE[0] } });
  const subject: DetailsSubject = { kind: 'backup', backup: hostileBackup };
  const html = renderDetailsHtml({
    cspSource: 'https://*.vscode-cdn.net',
    nonce: 'abc123',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/details.css',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/details.js',
    lang: 'en',
    title: titleFor(subject),
    status: { family: 'success', text: HOSTILE[0] },
    fields: detailsFields(subject, untranslated),
    rawJson: rawJsonFor(subject),
    labels: { status: 'Status', details: 'Details', rawJson: 'Raw API response', copyJson: 'Copy JSON', copyId: 'Copy ID' },
  });

  it('keeps hostile API strings as text', () => {
    assert.strictEqual(html.match(/<script/g)?.length, 1);
    assert.strictEqual(html.match(/<\/script>/g)?.length, 1);
    assert.doesNotMatch(html, /<img|onerror=alert\(1\)>|`/);
    assert.doesNotMatch(html, /style=|onclick=/i);
    assert.ok(html.includes('<script nonce="abc123" src='));
  });

  it('has a strict CSP and the ids end-to-end tests use', () => {
    assert.ok(html.includes(`content="default-src 'none'; style-src https://*.vscode-cdn.net; script-src 'nonce-abc123'; img-src https://*.vscode-cdn.net"`.replace(/'/g, '&#39;')));
    for (const id of ['title', 'status', 'fields', 'raw-json', 'copy-json', 'copy-id']) assert.ok(html.includes(`id="${id}"`), id);
    assert.ok(html.includes('<tr data-field="Backup ID">'));
  });

  it('never puts the signed download URL in the page', () => {
    assert.ok(!html.includes('SECRETSIG'));
  });
});
