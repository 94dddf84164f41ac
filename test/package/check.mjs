// The `package` stage of `npm test`: runs `npm run package` and fails when vsce printed a warning, or when the
// .vsix holds a file the extension does not need (or lacks one it does). What may ship is the list below: keep it
// in step with .vscodeignore.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_VSIX, repoRoot } from '../e2e/workbench.mjs';

/** Every entry of the .vsix must match one of these (paths inside the zip). */
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/(package\.json|package\.nls(\.[a-z-]+)?\.json|readme\.md|changelog\.md|LICENSE\.txt)$/,
  /^extension\/dist\/(extension|crc64Worker)\.js$/,
  /^extension\/l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
  /^extension\/media\/(icon\.png|[\w-]+\.(svg|css|js))$/,
];
/** …and these must be there. */
const REQUIRED = ['extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt',
  'extension/dist/extension.js', 'extension/dist/crc64Worker.js', 'extension/media/icon.png', 'extension/l10n/bundle.l10n.json'];

/** The names in a zip file's central directory. @param {Buffer} zip @returns {string[]} */
function zipEntries(zip) {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

const run = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
process.stdout.write(run.stdout);
process.stderr.write(run.stderr);
const problems = [];
if (run.status !== 0) problems.push(`npm run package exited with ${run.status}`);
const warnings = `${run.stdout}\n${run.stderr}`.split('\n').filter((l) => /\bWARNING\b|::warning/i.test(l));
for (const w of warnings) problems.push(`vsce warned: ${w.trim()}`);

if (fs.existsSync(DEFAULT_VSIX)) {
  const entries = zipEntries(fs.readFileSync(DEFAULT_VSIX)).filter((n) => !n.endsWith('/'));
  for (const n of entries) if (!ALLOWED.some((re) => re.test(n))) problems.push(`unexpected file in the .vsix: ${n}`);
  for (const n of REQUIRED) if (!entries.includes(n)) problems.push(`missing from the .vsix: ${n}`);
  const icon = fs.readFileSync(path.join(repoRoot, 'media/icon.png'));
  if (icon.readUInt32BE(16) !== 128 || icon.readUInt32BE(20) !== 128) problems.push('media/icon.png is not 128×128');
  console.log(`\n[package check] ${path.relative(repoRoot, DEFAULT_VSIX)}: ${entries.length} files, ${(fs.statSync(DEFAULT_VSIX).size / 1024).toFixed(1)} KiB, ${warnings.length} warning(s)`);
} else {
  problems.push(`${path.relative(repoRoot, DEFAULT_VSIX)} was not written`);
}
for (const p of problems) console.error(`[package check] FAIL ${p}`);
if (!problems.length) console.log('[package check] no warnings; only the files the extension needs');
process.exit(problems.length ? 1 : 0);
