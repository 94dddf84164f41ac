// Hostile data: names, descriptions, statuses and error messages full of markup, quotes, template syntax,
// right-to-left marks, emoji and sheer length, through every path they take to the screen: tree labels and
// descriptions, Markdown tooltips (only ever appended as escaped text), the details page (escaped HTML under a
// nonce CSP) and the JSON views. Everything must come out literally, nothing as markup.
import './vscodeStub';
import * as assert from 'assert';
import { adbClusters } from '../../src/products/adb';
import { dbsPlans } from '../../src/products/dbs';
import { ddsInstances } from '../../src/products/dds';
import { CloudError } from '../../src/cloud/errors';
import { toCloudError } from '../../src/cloud/errorMapping';
import type { Backup, Resource } from '../../src/cloud/models';
import { fetchPage } from '../../src/cloud/paging';
import { BackupNode } from '../../src/explorer/backupNode';
import { ErrorNode } from '../../src/explorer/messageNodes';
import { resourceItem } from '../../src/explorer/resourceNode';
import { detailsFields, highlightJson } from '../../src/webview/format';
import { renderDetailsHtml } from '../../src/webview/html';
import { rawJsonFor, rawJsonText, titleFor, type DetailsSubject } from '../../src/webview/subject';
import { createSampleDataset, HOSTILE_TEXT, SAMPLE_IDS, startEmulator, type RunningEmulator } from '../emulator';
import { GOOD_KEY, ownerNode, useFigures } from './support';
import { t, type MarkdownPiece } from './vscodeStub';
import { CloudClient } from '../../src/cloud/client';
import { CredentialSource } from '../../src/cloud/credentials';

export const HOSTILE_INPUTS: Record<string, string> = {
  'emulator HOSTILE_TEXT': HOSTILE_TEXT,
  'script element': '<script>window.__pwned=1</script>',
  'closing script tag': '</script><script>window.__pwned=1</script>',
  'img onerror': '<img src=x onerror="window.__pwned=1;acquireVsCodeApi().postMessage({type:\'copy\',what:\'json\'})">',
  'svg onload': '<svg/onload=window.__pwned=1>',
  'attribute breakout': `"'><iframe srcdoc="<script>parent.__pwned=1</script>">`,
  'backticks and template literal': '`${window.__pwned=1}` ${x} {{constructor.constructor("window.__pwned=1")()}}',
  'Markdown link to a command': '[Sign out](command:alibabaCloudBackups.signOut) **bold** ![img](https://example.invalid/x.png) <b>b</b>',
  'HTML entities (no double decoding)': '&lt;script&gt;window.__pwned=1&lt;/script&gt; &amp;amp; &#60;b&#62;',
  'javascript: URL': 'javascript:window.__pwned=1',
  'right-to-left override and marks': '\u202Etxt.exe\u202C \u200Fمرحبا\u200E שלום',
  emoji: '🐘🔥 👩‍👩‍👧‍👦 🏳️‍🌈',
  'very long (20 000 characters)': '<b>long</b>' + 'A'.repeat(20_000) + '<script>window.__pwned=1</script>',
  'control characters': 'line1\nline2\r\n\ttabbed\u0007bell',
};

const ALLOWED_TAGS = new Set(['html', 'head', 'meta', 'link', 'title', 'body', 'header', 'h1', 'h2', 'span', 'div', 'button', 'table', 'tbody', 'tr', 'th', 'td', 'section', 'pre', 'code', 'script']);

function decode(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#96;/g, '`')
    .replace(/&amp;/g, '&');
}

/** The attribute names of a tag's attribute text (values in double or single quotes, or bare). */
function attributeNames(attrs: string): string[] {
  return [...attrs.matchAll(/([^\s"'>\/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?/g)].map((m) => m[1].toLowerCase());
}

/** What markup the page has: every tag name, and any event-handler attribute. */
function tagsOf(html: string): { names: string[]; handlers: string[]; scripts: number } {
  const tags = [...html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)];
  return {
    names: tags.map((m) => m[1].toLowerCase()),
    handlers: tags.filter((m) => attributeNames(m[2]).some((a) => /^on/i.test(a) || a === 'srcdoc')).map((m) => m[0]),
    scripts: tags.filter((m) => m[1].toLowerCase() === 'script' && !m[0].startsWith('</')).length,
  };
}

function markdownPieces(tooltip: unknown): MarkdownPiece[] {
  return (tooltip as { pieces: MarkdownPiece[] }).pieces;
}

describe('Reliability: hostile strings stay text everywhere', function () {
  this.timeout(30_000);
  const figures = useFigures('hostile');
  const record = (input: string, where: string): void => {
    figures.hostile.push({ input, where, passed: true });
  };

  for (const [name, text] of Object.entries(HOSTILE_INPUTS)) {
    describe(name, () => {
      const resource: Resource = {
        product: 'dbs',
        kind: 'dbsPlan',
        region: 'cn-hangzhou',
        id: 'dbsplanxss000001',
        name: text,
        status: 'failed',
        statusText: text,
        raw: { BackupPlanId: 'dbsplanxss000001', BackupPlanName: text, [text.slice(0, 200)]: text, ErrMessage: text, Nested: { List: [text, 1, null] } },
      };
      const subject: DetailsSubject = { kind: 'resource', resource };

      it('details page: no element or handler from the data, one nonce script, the text decodes back exactly', () => {
        const fields = detailsFields(subject, t);
        const html = renderDetailsHtml({
          cspSource: 'https://webview.invalid',
          nonce: 'bm9uY2Vub25jZQ==',
          styleUri: 'https://webview.invalid/details.css',
          scriptUri: 'https://webview.invalid/details.js',
          lang: 'en',
          title: `${titleFor(subject, t)} ${text}`,
          status: { family: 'failed', text },
          fields: [...fields, { label: text, value: text }],
          rawJson: rawJsonFor(subject),
          labels: { status: 'Status', details: 'Details', rawJson: 'Raw API response', copyJson: 'Copy JSON', copyId: 'Copy ID' },
        });
        const tags = tagsOf(html);
        assert.deepStrictEqual(tags.names.filter((n) => !ALLOWED_TAGS.has(n)), [], 'no element comes from the data');
        assert.deepStrictEqual(tags.handlers, [], 'no event handler attribute');
        assert.strictEqual(tags.scripts, 1, 'one script: the extension\'s, with the nonce');
        assert.match(html, /<script nonce="bm9uY2Vub25jZQ==" src="https:\/\/webview\.invalid\/details\.js"><\/script>/);
        assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src https:\/\/webview\.invalid; script-src &#39;nonce-bm9uY2Vub25jZQ==&#39;; img-src https:\/\/webview\.invalid">/);
        const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => decode(m[1]));
        assert.ok(cells.includes(text), 'the name is shown literally in a cell');
        const title = /<h1 id="title">([\s\S]*?)<\/h1>/.exec(html);
        assert.strictEqual(decode(title?.[1] ?? ''), `Plan dbsplanxss000001 ${text}`);
        record(name, 'details webview HTML');
      });

      it('JSON view: highlighted JSON is pure spans and decodes to the exact JSON; the JSON document round-trips', () => {
        const html = highlightJson(rawJsonFor(subject));
        assert.deepStrictEqual([...new Set(tagsOf(html).names)], html.includes('<span') ? ['span'] : []);
        const text2 = decode(html.replace(/<\/?span[^>]*>/g, ''));
        assert.strictEqual(text2, JSON.stringify(rawJsonFor(subject), null, 2));
        assert.deepStrictEqual(JSON.parse(rawJsonText(subject)), resource.raw, 'Open as JSON shows the raw object unchanged');
        record(name, 'JSON view (highlighted and Open as JSON)');
      });

      it('tree: label is the ID, the name goes into the description literally, tooltips take it only as escaped text', () => {
        const item = resourceItem('region/cn-hangzhou/dbs/x', resource, ['resource']) as unknown as { label: string; description: string; tooltip: unknown };
        assert.strictEqual(item.label, resource.id);
        assert.strictEqual(item.description, text);
        const pieces = markdownPieces(item.tooltip);
        assert.ok(pieces.some((p) => p.kind === 'text' && p.value === text));
        assert.deepStrictEqual(pieces.filter((p) => p.kind === 'markdown' && p.value.includes(text.slice(0, 20))), [], 'never appended as Markdown');

        const backup: Backup = { product: 'dds', region: 'cn-hangzhou', resourceId: 'dds-1', id: '1234', status: 'failed', statusText: text, type: text, method: text, raw: {} };
        const backupItem = new BackupNode(ownerNode('p'), backup).getTreeItem() as unknown as { description: string; tooltip: unknown };
        assert.ok(backupItem.description.endsWith(text));
        assert.ok(markdownPieces(backupItem.tooltip).filter((p) => p.kind === 'markdown').every((p) => !p.value.includes(text.slice(0, 20))));
        record(name, 'tree label, description and tooltip');
      });

      it('error row: a hostile API error message is kept literally in the label and only escaped in the tooltip', () => {
        const err = toCloudError(Object.assign(new Error('x'), { code: 'InvalidParameter', statusCode: 400, data: { Message: text, RequestId: 'A1B2C3D4-0000-4000-8000-000000000000' } }), 'adb', 'DescribeBackups');
        assert.ok(err instanceof CloudError);
        assert.strictEqual(err.message, text.trim());
        assert.strictEqual(err.describe(), `adb DescribeBackups: InvalidParameter: ${text.trim()} (RequestId A1B2C3D4-0000-4000-8000-000000000000)`);
        const item = new ErrorNode('e', ownerNode('p'), err, () => undefined).getTreeItem() as unknown as { label: string; tooltip: unknown };
        assert.strictEqual(item.label, `InvalidParameter: ${text.trim()}`);
        const pieces = markdownPieces(item.tooltip);
        assert.ok(pieces.some((p) => p.kind === 'text' && p.value === err.describe()));
        assert.ok(pieces.filter((p) => p.kind === 'markdown').every((p) => !p.value.includes(text.trim().slice(0, 20))));
        record(name, 'error row label and tooltip');
      });
    });
  }

  describe('from the wire: the emulator serves hostile names; the listings keep them byte for byte', () => {
    let emulator: RunningEmulator;
    const LONG = `${HOSTILE_TEXT} ${'x'.repeat(10_000)} ${HOSTILE_TEXT}`;
    before(async () => {
      const dataset = createSampleDataset();
      // A much longer hostile description than the sample's, served as is.
      const cluster = dataset.findAdbCluster(SAMPLE_IDS.adb.hostile) as { description: string } | undefined;
      assert.ok(cluster);
      cluster.description = LONG;
      emulator = await startEmulator({ dataset });
    });
    after(async () => emulator?.close());

    it('adb cluster description, dds instance description and dbs plan name arrive unchanged', async () => {
      const url = emulator.url;
      const client = new CloudClient({ endpointOverrides: { adb: url, dds: url, dbs: url }, timeoutMs: 3000, maxConcurrentRequests: 4 }, new CredentialSource(GOOD_KEY));
      const adb = await fetchPage(client, adbClusters, { region: 'cn-hangzhou' }, 0, 30);
      assert.strictEqual(adb.items.find((c) => c.id === SAMPLE_IDS.adb.hostile)?.name, LONG);
      const dds = await fetchPage(client, ddsInstances, { region: 'cn-hangzhou', type: 'replicate' }, 0, 30);
      assert.strictEqual(dds.items.find((c) => c.id === SAMPLE_IDS.dds.hostile)?.name, HOSTILE_TEXT);
      const dbs = await fetchPage(client, dbsPlans, { region: 'cn-hangzhou' }, 0, 30);
      const plan = dbs.items.find((c) => c.id === SAMPLE_IDS.dbs.hostile);
      assert.strictEqual(plan?.name, HOSTILE_TEXT);
      const fields = detailsFields({ kind: 'resource', resource: plan }, t);
      assert.strictEqual(fields.find((f) => f.label === 'Name')?.value, HOSTILE_TEXT);
      record('emulator HOSTILE_TEXT', 'API responses (and a 10 000-character variant) → models → details fields');
    });
  });
});
