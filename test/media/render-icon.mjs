// `npm run icon`: draws media/icon.png, the extension's 128×128 Marketplace icon, from the view's activity-bar icon
// (media/backups.svg): its strokes in white on a rounded orange square, rendered by the Chromium the walks use.
// The PNG is committed; run this again whenever backups.svg changes. CHROMIUM=path overrides /usr/bin/chromium.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { CHROMIUM_ARGS } from '../e2e/workbench.mjs';
import { repoRoot } from '../vscode/versions.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const SIZE = 128;
const BACKGROUND = '#ff6a00';
const FOREGROUND = '#ffffff';
const source = path.join(repoRoot, 'media/backups.svg');
const target = path.join(repoRoot, 'media/icon.png');

// The glyph keeps its own 24×24 viewBox; the square around it leaves a 20 % margin.
const glyph = fs.readFileSync(source, 'utf8')
  .replace(/currentColor/g, FOREGROUND)
  .replace(/\swidth="24"\s+height="24"/, ` width="${SIZE * 0.6}" height="${SIZE * 0.6}" x="${SIZE * 0.2}" y="${SIZE * 0.2}"`);
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">`
  + `<rect width="${SIZE}" height="${SIZE}" rx="${SIZE * 0.18}" fill="${BACKGROUND}"/>${glyph}</svg>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').first().screenshot({ path: target, omitBackground: true });
} finally {
  await browser.close();
}
const png = fs.readFileSync(target);
console.log(`${path.relative(repoRoot, target)}: ${png.readUInt32BE(16)}×${png.readUInt32BE(20)}, ${png.length} bytes, from ${path.relative(repoRoot, source)}`);
