// The Backup Health page as a pure function: a strict CSP with one nonce'd script, hostile names escaped wherever
// they land (cells, tooltips, data attributes, filter options), and every cell of a row said in words.
import * as assert from 'assert';
import type { HealthRow } from '../../src/account/health';
import type { Backup, Resource } from '../../src/cloud/models';
import { readHistory } from '../../src/account/healthVerdict';
import { formatAge, formatInterval, healthRowView, HEALTH_COLUMNS, verdictCounts } from '../../src/webview/healthFormat';
import { renderHealthHtml, type HealthPage } from '../../src/webview/healthHtml';
import { untranslated } from '../../src/webview/subject';
import { HOSTILE_TEXT } from '../emulator';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 30, 12);
const SIGNED = 'https://bucket.oss.aliyuncs.com/x?OSSAccessKeyId=AKIDEXAMPLE&Expires=1&Signature=c2VjcmV0c2lnbmF0dXJl';

function resource(extra: Partial<Resource> = {}): Resource {
  return { product: 'r-kvstore', kind: 'kvstoreInstance', region: 'cn-hangzhou', id: 'r-bp1x', name: 'cache', status: 'success', raw: {}, ...extra };
}

function row(extra: Partial<HealthRow> = {}): HealthRow {
  const backups: Backup[] = [0, 24, 48].map((h) => ({ product: 'r-kvstore', region: 'cn-hangzhou', resourceId: 'r-bp1x', id: `b${h}`, status: 'success', startTime: new Date(NOW - (h + 5) * HOUR), raw: {} }));
  return {
    key: 'r-kvstore/cn-hangzhou/r-bp1x',
    product: 'r-kvstore',
    region: 'cn-hangzhou',
    resource: resource(),
    verdict: 'ok',
    history: readHistory(backups, NOW),
    failuresAtLeast: false,
    cadence: { hours: 24, from: 'policy' },
    retention: { days: 7, from: 'policy' },
    checkedAt: NOW,
    ...extra,
  };
}

function page(rows: HealthRow[]): HealthPage {
  return {
    cspSource: 'https://webview.example',
    nonce: 'bm9uY2Vub25jZQ==',
    styleUri: 'https://webview.example/media/health.css',
    scriptUri: 'https://webview.example/media/health.js',
    lang: 'en',
    staleAfterHours: 48,
    rows: rows.map((r) => healthRowView(r, untranslated)),
    status: { scanning: true, checked: 1, found: 3, text: 'Checking', summary: '1 OK' },
  };
}

const hostileRow = row({
  key: `r-kvstore/cn-hangzhou/${HOSTILE_TEXT}`,
  region: 'cn-hangzhou',
  resource: resource({ id: `r-${HOSTILE_TEXT}`, name: HOSTILE_TEXT }),
  verdict: 'unknown',
  error: { action: 'DescribeBackups', code: `Bad<script>${HOSTILE_TEXT}`, requestId: '"><img src=x>', message: HOSTILE_TEXT },
  policyError: { action: 'DescribeBackupPolicy', code: 'X', message: `${HOSTILE_TEXT} ${SIGNED}` },
});

describe('backup health page', () => {
  const html = renderHealthHtml(page([row(), hostileRow]), untranslated);

  it('has a strict CSP: nothing by default, styles from the webview only, scripts by nonce only', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.strictEqual(csp, "default-src &#39;none&#39;; style-src https://webview.example; script-src &#39;nonce-bm9uY2Vub25jZQ==&#39;");
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.deepStrictEqual(scripts, ['<script nonce="bm9uY2Vub25jZQ==" src="https://webview.example/media/health.js">']);
    // Attribute names only: the quoted values hold the (escaped) data.
    for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) assert.doesNotMatch(tag.replace(/="[^"]*"/g, ''), /\son[a-z]+\b/i, `an inline event handler in ${tag}`);
  });

  it('escapes hostile text in cells, tooltips, data attributes and filter options', () => {
    // The only markup is ours: no tag from the data survives, quoted or not.
    assert.doesNotMatch(html, /<img|<\/script><script>|window\.__pwned=1<\/script>/);
    assert.strictEqual(html.split('<script').length, 2);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &#39;single&#39; &#96;tick&#96; ${x}'), 'the name is shown, escaped');
    assert.ok(html.includes('data-key="r-kvstore/cn-hangzhou/&lt;img'), 'the key attribute is escaped');
    assert.match(html, /data-sort="\[3,&quot;Tair \/ Redis&quot;,&quot;cn-hangzhou&quot;,&quot;r-&lt;img/);
    // Every attribute value is closed where it should be: no quote from the data ends one early.
    for (const attr of html.matchAll(/\s([a-z-]+)="([^"]*)"/g)) assert.doesNotMatch(attr[2], /[<>]/, `${attr[1]} holds raw markup`);
  });

  it('never shows a URL signature, even in an error message', () => {
    assert.doesNotMatch(html, /c2VjcmV0c2lnbmF0dXJl|AKIDEXAMPLE/);
  });

  it('offers filters by verdict, product and region', () => {
    assert.match(html, /<select id="filter-verdict"><option value="">All<\/option><option value="failing">Failing<\/option><option value="stale">Stale<\/option><option value="none">No backup<\/option><option value="unknown">Unknown<\/option><option value="ok">OK<\/option><\/select>/);
    assert.match(html, /<select id="filter-product"><option value="">All<\/option><option value="r-kvstore">Tair \/ Redis<\/option><\/select>/);
    assert.match(html, /<select id="filter-region"><option value="">All<\/option><option value="cn-hangzhou">cn-hangzhou<\/option><\/select>/);
    assert.strictEqual((html.match(/<th scope="col" aria-sort="none"><button type="button" data-col="\d+"/g) ?? []).length, HEALTH_COLUMNS.length);
  });
});

describe('backup health rows', () => {
  it('says every column in words, with a sort key for each', () => {
    const view = healthRowView(row({ history: { ...row().history!, failures: 3 }, failuresAtLeast: true }), untranslated);
    const cell = (name: (typeof HEALTH_COLUMNS)[number]) => view.cells[HEALTH_COLUMNS.indexOf(name)];
    assert.strictEqual(cell('product'), 'Tair / Redis');
    assert.strictEqual(cell('resource'), 'r-bp1x');
    assert.strictEqual(cell('age'), '5 h');
    assert.strictEqual(cell('failures'), 'at least 3');
    assert.strictEqual(cell('cadence'), 'every 24 h · policy');
    assert.strictEqual(cell('retention'), '7 days');
    assert.strictEqual(cell('verdict'), 'OK');
    assert.strictEqual(view.sort.length, HEALTH_COLUMNS.length);
    assert.ok(view.revealable);
  });

  it('an unknown row shows the Code and RequestId, the message only in its tooltip', () => {
    const view = healthRowView(row({ verdict: 'unknown', history: undefined, cadence: undefined, retention: undefined, error: { action: 'DescribeBackups', code: 'InternalError', requestId: 'REQ-1', message: 'boom' } }), untranslated);
    assert.strictEqual(view.cells[HEALTH_COLUMNS.indexOf('verdict')], 'Unknown\nInternalError · RequestId REQ-1');
    assert.strictEqual(view.titles[HEALTH_COLUMNS.indexOf('verdict')], 'Could not be read: boom (DescribeBackups)');
    assert.strictEqual(view.cells[HEALTH_COLUMNS.indexOf('latest')], '—');
  });

  it('a listing that failed is a row without a resource to reveal', () => {
    const view = healthRowView(row({ key: 'rds/cn-hangzhou/#1', product: 'rds', resource: undefined, verdict: 'unknown', history: undefined, error: { action: 'DescribeDBInstances', code: 'ServiceUnavailable', message: '' } }), untranslated);
    assert.strictEqual(view.revealable, false);
    assert.strictEqual(view.cells[HEALTH_COLUMNS.indexOf('name')], 'The resource list could not be read');
  });

  it('formats ages and intervals coarsely, observed values marked', () => {
    assert.deepStrictEqual([formatAge(59 * 60_000, untranslated), formatAge(47.9 * HOUR, untranslated), formatAge(100 * HOUR, untranslated)], ['59 min', '47 h', '4 d']);
    assert.deepStrictEqual([formatInterval(0.25, untranslated), formatInterval(12, untranslated), formatInterval(72, untranslated), formatInterval(60, untranslated)], ['every 15 min', 'every 12 h', 'every 3 d', 'every 60 h']);
    const observed = healthRowView(row({ cadence: { hours: 12, from: 'observed' }, retention: { forever: true, from: 'observed' } }), untranslated);
    assert.strictEqual(observed.cells[HEALTH_COLUMNS.indexOf('cadence')], 'every 12 h · observed');
    assert.strictEqual(observed.cells[HEALTH_COLUMNS.indexOf('retention')], 'kept forever · observed');
  });

  it('counts verdicts for the badge', () => {
    assert.deepStrictEqual(verdictCounts([{ verdict: 'stale' }, { verdict: 'failing' }, { verdict: 'stale' }, { verdict: 'ok' }]), { ok: 1, stale: 2, failing: 1, none: 0, unknown: 0 });
  });
});
