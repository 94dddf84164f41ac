// A test-only Simplified Chinese language pack for the code-server installs in .vscode-test/ (the official pack
// cannot be downloaded here). code-server shows a language only when <user-data>/languagepacks.json maps it to a
// pack whose translations.vscode file exists; that file (main.i18n.json) keys each message by module and key, as
// listed in the build's out/nls.keys.json.
//
// The translations come from the npm registry: @codingame/monaco-vscode-language-pack-zh-hans (MIT, ~1 MB) holds
// the official pack's Chinese as one array indexed by message number of the @codingame build of VS Code, and the
// @codingame service-override packages (MIT, ~55 MB with their dependencies) hold the English of those numbers in
// their `localize(N, "…")` calls. English text is the bridge to code-server's own keys: a message is translated
// when its English matches (about half of the workbench's messages; the rest stay English).
//
//   node test/vscode/zh-pack.mjs            builds .vscode-test/zh-pack/<VS Code version>/ for every installed version
//   import { installZhPack } from …         puts the pack into a workbench's extensions and user-data folders
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { VERSIONS, installDir } from './versions.mjs';

/** @codingame 17.x follows VS Code 1.100; its English is matched against each build's own, so one serves both. */
const CODINGAME = '17.1.2';
const PACKAGES = ['language-pack-zh-hans', 'views-service-override', 'workbench-service-override',
  'quickaccess-service-override', 'extensions-service-override'].map((p) => `@codingame/monaco-vscode-${p}@${CODINGAME}`);
const PACK_ID = 'abx-test.vscode-language-pack-zh-hans';
const PACK_VERSION = '0.0.1';
export const packRoot = path.join(installDir, 'zh-pack');

/** Where the pack for a VS Code version is built. */
export const packDir = (version) => path.join(packRoot, version);

/** Every `localize(N, "English")` of the @codingame packages: N → English. */
function englishByIndex(dir) {
  const english = new Map();
  const call = /localize2?\(\s*(\d+)\s*,\s*("(?:[^"\\]|\\.)*")/g;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (f.endsWith('.js')) {
        for (const m of fs.readFileSync(f, 'utf8').matchAll(call)) {
          try { english.set(Number(m[1]), JSON.parse(m[2])); } catch { /* not a plain string literal */ }
        }
      }
    }
  };
  walk(dir);
  return english;
}

async function build() {
  const npmDir = path.join(packRoot, 'npm');
  const codingame = path.join(npmDir, 'node_modules/@codingame');
  if (!fs.existsSync(path.join(codingame, 'monaco-vscode-language-pack-zh-hans/package.json'))) {
    fs.mkdirSync(npmDir, { recursive: true });
    fs.writeFileSync(path.join(npmDir, 'package.json'), '{"name":"zh-pack-sources","private":true}');
    const r = spawnSync('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', ...PACKAGES],
      { cwd: npmDir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm install of the Chinese translations failed:\n${r.stdout}\n${r.stderr}`);
  }
  const source = path.join(codingame, 'monaco-vscode-language-pack-zh-hans');
  const chinese = (await import(pathToFileURL(path.join(source, 'translations/main.i18n.json.js')).href)).default;
  const zhByEnglish = new Map();
  for (const [n, en] of englishByIndex(codingame)) if (chinese[n]) zhByEnglish.set(en, chinese[n]);
  for (const version of Object.keys(VERSIONS)) {
    const out = path.join(installDir, `cs-${VERSIONS[version].codeServer}`, 'node_modules/code-server/lib/vscode/out');
    if (!fs.existsSync(path.join(out, 'nls.keys.json'))) continue;
    const keys = JSON.parse(fs.readFileSync(path.join(out, 'nls.keys.json'), 'utf8'));
    const messages = JSON.parse(fs.readFileSync(path.join(out, 'nls.messages.json'), 'utf8'));
    const contents = {};
    let i = 0;
    let translated = 0;
    for (const [module, moduleKeys] of keys) {
      for (const key of moduleKeys) {
        const zh = zhByEnglish.get(messages[i++]);
        if (zh) { (contents[module] ??= {})[key] = zh; translated++; }
      }
    }
    const dir = packDir(version);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'translations'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'translations/main.i18n.json'), JSON.stringify({ version: '1.0.0', contents }));
    // Built-in extensions' own strings are keyed by their English already: copied as they are.
    const extensionTranslations = fs.readdirSync(path.join(source, 'translations/extensions')).map((f) => {
      fs.copyFileSync(path.join(source, 'translations/extensions', f), path.join(dir, 'translations', f));
      return { id: f.replace(/\.i18n\.json$/, ''), path: `./translations/${f}` };
    });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
      name: PACK_ID.split('.')[1], publisher: PACK_ID.split('.')[0], version: PACK_VERSION, license: 'MIT',
      displayName: 'Chinese (Simplified) test language pack', engines: { vscode: `^${version}` },
      contributes: { localizations: [{ languageId: 'zh-cn', languageName: 'Chinese Simplified', localizedLanguageName: '中文(简体)',
        translations: [{ id: 'vscode', path: './translations/main.i18n.json' }, ...extensionTranslations] }] },
    }, null, 2));
    console.log(`zh-cn test pack for VS Code ${version}: ${translated} of ${messages.length} workbench messages in Chinese (${dir})`);
  }
}

/**
 * Installs the pack into a workbench about to start, as VS Code does when a language pack extension is installed:
 * the extension folder in the extensions folder, and the pack registered in <user-data>/languagepacks.json.
 * @param {{version: string, extensionsDir: string, userDataDir: string}} opts
 */
export function installZhPack({ version, extensionsDir, userDataDir }) {
  const source = packDir(version);
  if (!fs.existsSync(path.join(source, 'package.json'))) {
    throw new Error(`no zh-cn test pack for VS Code ${version} in ${source}: run \`bash test/vscode/install-all.sh\``);
  }
  const target = path.join(extensionsDir, `${PACK_ID}-${PACK_VERSION}`);
  fs.cpSync(source, target, { recursive: true });
  const { contributes } = JSON.parse(fs.readFileSync(path.join(target, 'package.json'), 'utf8'));
  const [localization] = contributes.localizations;
  const translations = Object.fromEntries(localization.translations.map((t) => [t.id, path.join(target, t.path)]));
  const hash = crypto.createHash('md5').update(PACK_ID).update(PACK_VERSION).digest('hex');
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({
    'zh-cn': { hash, extensions: [{ extensionIdentifier: { id: PACK_ID }, version: PACK_VERSION }], translations, label: localization.localizedLanguageName },
  }));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await build();
