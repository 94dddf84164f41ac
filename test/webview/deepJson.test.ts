// Raw API objects that are deep or huge: the details page, Open as JSON and Copy JSON must neither overflow the stack
// nor grow without bound, must say what they left out, and must redact every key and string they keep.
import * as assert from 'assert';
import type { Backup } from '../../src/cloud/models';
import type { RawObject, RawValue } from '../../src/cloud/types';
import { detailsFields, highlightJson } from '../../src/webview/format';
import { detailsView, renderDetailsHtml, type PageEnv } from '../../src/webview/html';
import { rawJsonFor, rawJsonText, titleFor, untranslated, type DetailsSubject } from '../../src/webview/subject';

const ENV: PageEnv = { cspSource: 'https://webview.invalid', nonce: 'bm9uY2U=', styleUri: 's.css', scriptUri: 'd.js', lang: 'en' };
const LABELS = { status: 'Status', details: 'Details', rawJson: 'Raw API response', copyJson: 'Copy JSON', copyId: 'Copy ID' };
const SIG = 'U0lHTkFUVVJFdmFsdWU0Mg';

function subjectWith(raw: RawObject, extra: Partial<Backup> = {}): DetailsSubject {
  return { kind: 'backup', backup: { product: 'adb', region: 'cn-hangzhou', resourceId: 'am-1', id: '3001', status: 'success', statusText: 'Success', raw, ...extra } };
}

function pageOf(subject: DetailsSubject): string {
  return renderDetailsHtml({ ...ENV, title: titleFor(subject), status: { family: 'success', text: 'ok' }, fields: detailsFields(subject, untranslated), rawJson: rawJsonFor(subject), labels: LABELS });
}

/** Nested `levels` deep, objects and arrays alternating, built without recursion. */
function deep(levels: number): RawValue {
  let value: RawValue = 'bottom';
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

function depthOf(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    max = Math.max(max, d);
    if (typeof v === 'object' && v !== null) for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

describe('details of deep and huge raw objects', () => {
  it('shows a raw object nested 5,000 levels in the page, Open as JSON and Copy JSON, cut at the depth limit', () => {
    const raw = { BackupId: '3001', Deep: deep(5_000), Flat: deep(3) };
    const subject = subjectWith(raw);
    const json = rawJsonFor(subject);
    assert.ok(depthOf(json) <= 64, `depth ${depthOf(json)}`);
    assert.deepStrictEqual(json.Flat, { a: [{ a: 'bottom' }] }, 'shallow parts are kept whole');
    const text = rawJsonText(subject);
    assert.match(text, /… \(nested too deeply to show\)/);
    assert.ok(text.length < 20_000, `${text.length} characters`);
    const html = pageOf(subject);
    assert.match(html, /nested too deeply to show/);
    assert.ok(html.length < 100_000, `${html.length} characters of HTML`);
  });

  it('bounds a 100,000-key raw object and says how much it left out', () => {
    const raw: RawObject = {};
    for (let i = 0; i < 100_000; i++) raw[`Key${i}`] = `value ${i}`;
    const subject = subjectWith(raw);
    const json = rawJsonFor(subject);
    const kept = Object.keys(json).length;
    assert.ok(kept <= 20_001, `${kept} keys kept`);
    assert.match(String(json['…']), /^… \(\d+ more not shown\)$/);
    assert.strictEqual(Number(/\d+/.exec(String(json['…']))?.[0]) + kept - 1, 100_000, 'the count left out is exact');
    assert.ok(rawJsonText(subject).length < 1_000_000);
    assert.ok(pageOf(subject).length < 5_000_000);
  });

  it('bounds 10 MB of text: long strings are cut with a marker, the rest after the text budget left out', () => {
    const one = subjectWith({ Big: 'x'.repeat(10_000_000) });
    const big = String(rawJsonFor(one).Big);
    assert.ok(big.length < 70_000, `${big.length} characters`);
    assert.match(big, /x… \(9934464 more characters\)$/);
    const many = subjectWith({ List: Array.from({ length: 1_000 }, (_, i) => `${i}`.padEnd(10_000, 'y')) });
    const list = rawJsonFor(many).List as string[];
    assert.ok(list.length < 200, `${list.length} entries`);
    assert.match(list[list.length - 1], /^… \(\d+ more not shown\)$/);
    assert.ok(rawJsonText(many).length < 1_200_000);
    assert.ok(pageOf(many).length < 2_000_000);
  });

  it('redacts every key and every string, hides the values of secret keys, keeps "__proto__" a key', () => {
    const url = `https://b/x?Expires=1&amp;Signature=${SIG}`;
    const raw: RawObject = {
      [url]: 'a key that is a URL',
      Quoted: `{\\"Signature\\":\\"${SIG}\\"}`,
      SecurityToken: 'CAISplaintoken0001',
      Credentials: { AccessKeySecret: 'plainsecret0002', Nested: { sts_token: ['listtoken0003', 42] } },
      Deep: { a: { b: [`x%26Signature%3D${SIG}`] } },
    };
    const text = rawJsonText(subjectWith(raw));
    for (const secret of [SIG, 'CAISplaintoken0001', 'plainsecret0002', 'listtoken0003']) assert.ok(!text.includes(secret), `${secret} in ${text}`);
    const json = rawJsonFor(subjectWith(raw));
    assert.strictEqual(json.SecurityToken, '<redacted>');
    assert.deepStrictEqual((json.Credentials as RawObject).Nested, { sts_token: ['<redacted>', '<redacted>'] });
    assert.ok('https://b/x?Expires=1&amp;Signature=<redacted>' in json);
    assert.ok(!pageOf(subjectWith(raw)).includes(SIG));
    const proto = rawJsonFor(subjectWith(JSON.parse(`{"__proto__":{"Signature":"${SIG}"},"x":1}`) as RawObject));
    assert.strictEqual(Object.getPrototypeOf(proto), Object.prototype);
    assert.strictEqual(JSON.stringify(proto), '{"__proto__":{"Signature":"<redacted>"},"x":1}');
  });

  it('highlights a value nobody prepared, however deep, without throwing', () => {
    const html = highlightJson({ Deep: deep(5_000) });
    assert.match(html, /nested too deeply to show/);
  });

  it('redacts every details field', () => {
    const subject = subjectWith({}, { statusText: `failed: ${SIG.slice(0, 4)}&amp;Signature=${SIG}`, type: `{"SecurityToken":"plaintoken0004"}` });
    const fields = detailsFields(subject, untranslated);
    const all = JSON.stringify(fields);
    assert.ok(!all.includes(SIG) && !all.includes('plaintoken0004'), all);
    assert.ok(fields.some((f) => f.value === '{"SecurityToken":"<redacted>"}'));
  });
});

describe('details view: title and page built together', () => {
  it('gives the title and the page of the same subject, the deep raw object included', () => {
    const view = detailsView(subjectWith({ Deep: deep(5_000) }, { id: '5000deep' }), ENV, untranslated);
    assert.strictEqual(view.title, 'Backup 5000deep');
    assert.match(view.html, /<h1 id="title">Backup 5000deep<\/h1>/);
    assert.match(view.html, /<title>Backup 5000deep<\/title>/);
    assert.match(view.html, /nested too deeply to show/);
  });

  it('shows the new title over an error page when the page cannot be built, never the old page', () => {
    const raw: RawObject = { Fine: 1 };
    Object.defineProperty(raw, 'Broken', { enumerable: true, get: () => { throw new Error(`getter failed near Signature=${SIG}`); } });
    const view = detailsView(subjectWith(raw, { id: 'broken1' }), ENV, untranslated);
    assert.strictEqual(view.title, 'Backup broken1');
    assert.match(view.html, /<h1 id="title">Backup broken1<\/h1>/);
    assert.match(view.html, /Could not show the details: getter failed near Signature=&lt;redacted&gt;/);
    assert.ok(!view.html.includes(SIG));
  });

  it('redacts the title and the status it shows', () => {
    const view = detailsView(subjectWith({}, { id: `x?Signature=${SIG}`, statusText: `token: x-acs-security-token=${SIG}` }), ENV, untranslated);
    assert.ok(!view.title.includes(SIG) && !view.html.includes(SIG));
  });
});
