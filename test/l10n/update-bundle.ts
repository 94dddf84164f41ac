// Regenerates l10n/bundle.l10n.json from the messages in src/ and reports what the translations lack.
//
//   npx tsc -p . && node out/test/l10n/update-bundle.js           rewrite the bundles
//   npx tsc -p . && node out/test/l10n/update-bundle.js --check   change nothing; exit 1 if anything is out of date
//
// bundle.l10n.json becomes exactly { message: message } for every message, keys sorted.
// bundle.l10n.zh-cn.json keeps every existing translation of a current message, re-sorted; translations of
// messages src no longer uses are dropped and printed (so a reworded message's old translation can be reused).
// Messages without a translation are printed, never invented; the exit code is then 1.

import * as fs from 'fs';
import * as path from 'path';
import { BUNDLE, BUNDLE_ZH_CN, formatBundle, placeholders, readJsonObject, repositoryRoot, scanRepository, sourceMessages } from './strings';

function main(): number {
  const check = process.argv.includes('--check');
  const root = repositoryRoot(__dirname);
  const messages = sourceMessages(root);
  const used = new Set(messages);
  let problems = 0;

  const english: Record<string, string> = {};
  for (const m of messages) english[m] = m;
  const englishText = formatBundle(english);
  const englishFile = path.join(root, BUNDLE);
  const englishChanged = !fs.existsSync(englishFile) || fs.readFileSync(englishFile, 'utf8') !== englishText;

  const zhFile = path.join(root, BUNDLE_ZH_CN);
  const zhOld = readJsonObject(zhFile);
  const zh: Record<string, string> = {};
  const missing: string[] = [];
  const mismatched: string[] = [];
  for (const m of messages) {
    const value = zhOld[m];
    if (typeof value !== 'string' || value === '') {
      missing.push(m);
      continue;
    }
    zh[m] = value;
    if (placeholders(value).join() !== placeholders(m).join()) mismatched.push(m);
  }
  const stale = Object.keys(zhOld).filter((k) => !used.has(k));
  const zhText = formatBundle(zh);
  const zhChanged = !fs.existsSync(zhFile) || fs.readFileSync(zhFile, 'utf8') !== zhText;

  console.log(`${messages.length} messages in src/.`);
  if (check) {
    if (englishChanged) {
      console.log(`${BUNDLE} is out of date.`);
      problems++;
    }
    if (zhChanged) {
      console.log(`${BUNDLE_ZH_CN} is out of date (stale keys or key order).`);
      problems++;
    }
  } else {
    if (englishChanged) fs.writeFileSync(englishFile, englishText);
    if (zhChanged) fs.writeFileSync(zhFile, zhText);
    console.log(`${BUNDLE}: ${englishChanged ? 'rewritten' : 'up to date'}.`);
    console.log(`${BUNDLE_ZH_CN}: ${zhChanged ? 'rewritten' : 'up to date'}.`);
  }

  if (stale.length > 0) {
    console.log(`\n${check ? 'Stale' : 'Dropped'} translations of messages src/ no longer uses (${stale.length}):`);
    for (const k of stale) console.log(`  ${JSON.stringify(k)}: ${JSON.stringify(zhOld[k])}`);
  }
  if (missing.length > 0) {
    problems++;
    console.log(`\nMissing from ${BUNDLE_ZH_CN} (${missing.length}); add these with their translation:`);
    for (const m of missing) console.log(`  ${JSON.stringify(m)}: ${JSON.stringify(m)},`);
  }
  if (mismatched.length > 0) {
    problems++;
    console.log(`\nTranslations whose {n} placeholders differ from the message (${mismatched.length}):`);
    for (const m of mismatched) console.log(`  ${JSON.stringify(m)}: ${JSON.stringify(zh[m])}`);
  }

  const { dynamic } = scanRepository(root);
  if (dynamic.length > 0) {
    console.log(`\nCalls whose message is not a literal, so not collected (fine when the value comes from collected literals, e.g. t(label) in format.ts):`);
    for (const d of dynamic) console.log(`  ${d.file}:${d.line}  ${d.text}`);
  }
  return problems === 0 ? 0 : 1;
}

process.exitCode = main();
