import * as assert from 'assert';
import * as path from 'path';
import { BUNDLE, BUNDLE_ZH_CN, placeholders, readJsonObject, repositoryRoot, scanRepository, scanSource, sourceMessages, unquote } from './strings';

const root = repositoryRoot(__dirname);
const REFRESH = 'run `npx tsc -p . && node out/test/l10n/update-bundle.js`';

function list(items: string[]): string {
  return items.map((s) => `\n  ${JSON.stringify(s)}`).join('');
}

describe('l10n message extraction', () => {
  it('reads l10n.t( anywhere and every quote style, resolving escapes', () => {
    const source = [
      `vscode.l10n.t('It\\'s {0}', x);`,
      `vscode.l10n.t("Say \\"hi\\"");`,
      'vscode.l10n.t(`Back\\`tick`);',
      `l10n.t(\n  'On the next line',\n  n,\n);`,
      `vscode.l10n.t('Back\\\\slash');`,
    ].join('\n');
    const { messages, dynamic } = scanSource(source, 'src/commands/x.ts');
    assert.deepStrictEqual(
      messages.map((m) => m.message),
      ["It's {0}", 'Say "hi"', 'Back`tick', 'On the next line', 'Back\\slash'],
    );
    assert.deepStrictEqual(dynamic, []);
    assert.strictEqual(messages[3].line, 4);
  });

  it('counts a bare t( only where t is the injected translator', () => {
    const source = `const a = t('Webview message'); obj.t('no'); format('no'); set('no'); function t(m: string) { return m; }`;
    assert.deepStrictEqual(scanSource(source, 'src/explorer/x.ts').messages, []);
    assert.deepStrictEqual(
      scanSource(source, 'src/webview/x.ts').messages.map((m) => m.message),
      ['Webview message'],
    );
    const injected = `function f(t: Translate) { return t('Injected'); }`;
    assert.deepStrictEqual(
      scanSource(injected, 'src/explorer/x.ts').messages.map((m) => m.message),
      ['Injected'],
    );
  });

  it('takes the labels given to add(), both branches of a conditional, not the compared values', () => {
    const source = `add('Backup ID', b.id);\nadd(p === 'dbs' ? 'Backup plan' : p === 'adb' ? 'Cluster' : 'Instance', b.resourceId);`;
    assert.deepStrictEqual(
      scanSource(source, 'src/webview/format.ts').messages.map((m) => m.message),
      ['Backup ID', 'Backup plan', 'Cluster', 'Instance'],
    );
  });

  it('reports calls whose message is not a literal instead of guessing', () => {
    const source = 'vscode.l10n.t(message); vscode.l10n.t(`Hi ${name}`); vscode.l10n.t(\'a\' + b);';
    const { messages, dynamic } = scanSource(source, 'src/x.ts');
    assert.deepStrictEqual(messages, []);
    assert.strictEqual(dynamic.length, 3);
  });

  it('unquotes unicode and hex escapes', () => {
    assert.strictEqual(unquote(String.raw`'\u2026\x41\u{1F600}\n'`), '\u2026A\u{1F600}\n');
  });
});

describe('l10n bundles', () => {
  const messages = sourceMessages(root);
  const english = readJsonObject(path.join(root, BUNDLE));
  const chinese = readJsonObject(path.join(root, BUNDLE_ZH_CN));

  it('finds the messages in src/', () => {
    assert.ok(messages.length > 50, `only ${messages.length} messages found: is the extractor broken?`);
    assert.ok(messages.includes('Click to retry'));
    assert.ok(messages.includes('Never expires'), 'webview t( calls are read');
    assert.ok(messages.includes('Intranet download URL'), 'details-panel labels are read');
  });

  it('has every message of src/ in bundle.l10n.json, mapped to itself', () => {
    const missing = messages.filter((m) => !(m in english));
    assert.deepStrictEqual(missing, [], `missing from ${BUNDLE} (${REFRESH}):${list(missing)}`);
    const wrong = messages.filter((m) => english[m] !== m);
    assert.deepStrictEqual(wrong, [], `${BUNDLE} values must equal their keys:${list(wrong)}`);
  });

  it('has a translation of every message of src/ in bundle.l10n.zh-cn.json', () => {
    const missing = messages.filter((m) => typeof chinese[m] !== 'string' || chinese[m].trim() === '');
    assert.deepStrictEqual(missing, [], `missing from ${BUNDLE_ZH_CN}:${list(missing)}`);
  });

  it('keeps exactly the {n} placeholders of each message in its translation', () => {
    const broken = Object.entries(chinese)
      .filter(([key, value]) => placeholders(String(value)).join() !== placeholders(key).join())
      .map(([key, value]) => `${key} → ${String(value)}`);
    assert.deepStrictEqual(broken, [], `placeholders differ in ${BUNDLE_ZH_CN}:${list(broken)}`);
  });

  it('has no keys that src/ no longer uses', () => {
    const used = new Set(messages);
    for (const [file, bundle] of [
      [BUNDLE, english],
      [BUNDLE_ZH_CN, chinese],
    ] as const) {
      const stale = Object.keys(bundle).filter((k) => !used.has(k));
      assert.deepStrictEqual(stale, [], `stale keys in ${file} (${REFRESH}):${list(stale)}`);
    }
  });

  it('extracts every l10n.t( call of src/ as a literal', () => {
    // The only non-literal calls allowed: the details panel translating the labels collected from add(…), and the
    // catalog's `say`, whose messages are the `msg('…')` literals of the product files.
    const allowed = new Set(['src/webview/format.ts t(label)', 'src/products/catalog.ts t(message)']);
    const unexpected = scanRepository(root)
      .dynamic.filter((d) => !allowed.has(`${d.file} ${d.text}`))
      .map((d) => `${d.file}:${d.line} ${d.text}`);
    assert.deepStrictEqual(unexpected, [], `messages that cannot be checked; pass a literal:${list(unexpected)}`);
  });
});

describe('manifest l10n', () => {
  it('has every key of package.nls.json in package.nls.zh-cn.json', () => {
    const english = readJsonObject(path.join(root, 'package.nls.json'));
    const chinese = readJsonObject(path.join(root, 'package.nls.zh-cn.json'));
    const missing = Object.keys(english).filter((k) => typeof chinese[k] !== 'string' || chinese[k].trim() === '');
    assert.deepStrictEqual(missing, [], `missing from package.nls.zh-cn.json:${list(missing)}`);
  });
});
