// Shared pieces of the real-workbench walks (test/e2e/*.mjs): a small assertion kit and helpers for the Backups view,
// its notifications and dialogs; and for the reliability walks (security.mjs, faults.mjs) the figures file, a capture
// of every download-URL Signature the in-process emulator serves, and searches of folders, browser storage and the
// DOM for secrets.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { VERSIONS, repoRoot } from '../vscode/versions.mjs';
import { createRequire } from 'node:module';
import { DEFAULT_VSIX, LIST_ROW, answerQuickInput, contextMenu, readLogs, runCommand, treeRow } from '../e2e/workbench.mjs';

export const CONTAINER = 'Alibaba Cloud Backups';
export const CATEGORY = 'Alibaba Cloud Backups';
export const CHANNEL = 'Alibaba Cloud Backups';
/** What every workbench walk runs against: the compiled emulator, the packaged extension (or E2E_VSIX), the
 * versions named on the command line (all when none), and where screenshots and figures go. */
export const emulatorModule = path.join(repoRoot, 'out/test/emulator/index.js');
export const vsix = path.resolve(process.env.E2E_VSIX || DEFAULT_VSIX);
export const resultsDir = path.join(repoRoot, 'test-results');
export const versions = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(VERSIONS);
export const PRODUCT_TITLES = { adb: 'AnalyticDB for MySQL', dds: 'ApsaraDB for MongoDB', dbs: 'DBS Backup Plans', rds: 'ApsaraDB RDS', polardb: 'PolarDB', 'r-kvstore': 'Tair / Redis' };
/** The products the first walks were written for (alibabaCloudBackups.products in their settings). */
export const SEED_PRODUCTS = ['adb', 'dds', 'dbs'];

/** An error row in the tree: "Code: message" (the API's code first). */
export const ERROR_ROW = /^[A-Za-z][\w.]*: /;
/** A rendered row (renderedRows) that is an error row: labelled "Code: message" or described "Click to retry" (messageNodes.ts). */
export const isErrorRow = (row) => ERROR_ROW.test(row.label) || row.description === 'Click to retry';

export class Failure extends Error {}
export function check(cond, message) {
  if (!cond) throw new Failure(message);
}
export function equal(actual, expected, what) {
  check(actual === expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
/** Polls fn until it returns something truthy; throws a Failure naming `what` after the timeout. */
export async function until(fn, what, { timeout = 20_000, interval = 200 } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Failure(`timed out after ${timeout / 1000}s waiting for ${what}${last instanceof Error ? ` (${last.message.split('\n')[0]})` : ''}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Clears every notification and waits until no toast is left: VS Code shows only a few toasts at once, so one left
 * over can keep the next one in the notification center, out of sight.
 */
export async function clearNotifications(page) {
  const toasts = page.locator('.notification-toast').filter({ visible: true });
  await until(async () => {
    await runCommand(page, 'Notifications: Clear All Notifications').catch(() => page.keyboard.press('Escape'));
    return (await toasts.count()) === 0 && (await page.locator('.notifications-center.visible').count()) === 0;
  }, 'no notification on screen', { interval: 500 });
}

/**
 * The texts of the notifications (toasts and the notification center) with an error icon, or whose text matches
 * `saying` (a warning that names a known failure).
 * @param {import('playwright-core').Page} page @param {RegExp} [saying] @returns {Promise<string[]>}
 */
export async function errorNotifications(page, saying) {
  return page.evaluate((also) => {
    const pattern = also && new RegExp(also[0], also[1]);
    return [...document.querySelectorAll('.notification-toast, .notifications-center .monaco-list-row')]
      .filter((n) => n.querySelector('.codicon-error, .codicon-notifications-error') || pattern?.test(n.textContent ?? ''))
      .map((n) => (n.querySelector('.notification-list-item-message') ?? n).innerText.trim().slice(0, 300));
  }, saying ? [saying.source, saying.flags] : null);
}

/**
 * Answers Save Backup As… with `target`: code-server's simple save dialog fills its box a moment after it opens, so
 * the path is typed until the box holds it. With `{ submit: false }` the dialog is left open with the path in it.
 */
export async function typeSavePath(page, target, { submit = true } = {}) {
  await answerQuickInput(page, 'Save Backup As', target);
  const box = quickInputBox(page);
  await until(async () => {
    await new Promise((r) => setTimeout(r, 300));
    if ((await box.inputValue()) === target) return true;
    await box.fill(target);
    return false;
  }, 'the save dialog holding the typed path', { timeout: 15_000, interval: 0 });
  if (!submit) return;
  await box.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
}

/** Download Backup… on a backup row: the public URL, saved as `target`. */
export async function downloadRow(page, row, target) {
  await contextMenu(row.locator('.label-name'), 'Download Backup…');
  await answerQuickInput(page, 'Intranet URL (only from inside the VPC)', 'Public URL');
  await quickInputBox(page).press('Enter');
  await typeSavePath(page, target);
}

/** An RDS instance's smallest downloadable backup, as the emulator lists it: its ID and BackupSize. */
export function smallestBackup(emulator, instanceId) {
  const { rdsActions } = createRequire(import.meta.url)(path.join(repoRoot, 'out/test/emulator/rds.js'));
  const { body } = rdsActions.DescribeBackups({ params: { DBInstanceId: instanceId, PageSize: '100' }, data: emulator.data, now: Date.now(), urlExpirySeconds: 3600 });
  const [smallest] = body.Items.Backup.filter((b) => b.BackupDownloadURL).sort((a, b) => a.BackupSize - b.BackupSize);
  return { id: smallest.BackupId, size: smallest.BackupSize };
}

/** Spaces as the workbench renders them (Markdown hovers use &nbsp;). */
export const normalise = (text) => text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

export const viewOf = (page) => page.locator('[id="workbench.view.extension.alibabaCloudBackups"]');

/** Waits for the extension to fill the Backups view (tree rows or its welcome view); fails at once, with the
 * extension host's error, when its activation failed. */
export async function waitForExtension(wb) {
  const content = viewOf(wb.page).locator(`${LIST_ROW}, .welcome-view-content`).filter({ visible: true });
  for (const end = Date.now() + 30_000; ;) {
    const lines = readLogs(wb.server);
    const failed = lines.findIndex((l) => /Activating extension .*alibaba-cloud-backup-explorer.* failed/i.test(l));
    if (failed >= 0) throw new Error(`the extension failed to activate:\n${lines.slice(failed, failed + 4).join('\n')}`);
    if (await content.count()) return;
    if (Date.now() > end) throw new Error('the Backups view shows neither tree rows nor a welcome view after 30 s');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Collapses every row of the Backups view with its title-bar button. */
export async function collapseAll(page) {
  await page.keyboard.press('Escape');
  // Disabled when nothing is expanded (a tree of one error row): a click would wait for it to be enabled.
  const button = page.locator('.part.sidebar .title-actions .action-label[aria-label^="Collapse All"]:not(.disabled)').first();
  if (await button.count()) await button.click({ timeout: 5_000 }).catch(() => {});
}

/** The input of the quick input shown now (whatever its prompt or validation message says). */
export const quickInputBox = (page) => page.locator('.quick-input-widget .quick-input-box input').first();
export const quickInputMessage = (page) => page.locator('.quick-input-widget .quick-input-message').first();

/** The hover shown for the element under the mouse, as text (Markdown hovers rendered by the workbench). */
export async function hoverText(page, target) {
  await page.mouse.move(5, 5);
  await target.hover();
  const hover = page.locator('.monaco-hover .rendered-markdown, .workbench-hover .rendered-markdown').last();
  await hover.waitFor({ timeout: 10_000 });
  return { text: normalise(await hover.innerText()), elements: await hover.locator('img, script, iframe, svg, a[href^="command:"]').count(), hover };
}

// ---- figures

export function writeFigures(name, figures) {
  const dir = path.join(repoRoot, 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `reliability-${name}.json`);
  fs.writeFileSync(file, JSON.stringify({ ...figures, generatedAt: new Date().toISOString() }, null, 2));
  return file;
}

export function emptyFigures(source) {
  return { source, faults: [], hostile: [], secrets: { texts: 0, needles: 0, hits: 0, where: [] }, badInput: [] };
}

// ---- what the emulator serves

/**
 * Records every `Signature=` value in any HTTP response this process sends (the emulator runs in-process), so the
 * tests know each download-URL signature the extension could have seen. Call before starting the emulator.
 * @returns {Set<string>} filled as responses go out (raw and URL-decoded forms)
 */
export function captureServedSignatures() {
  const served = new Set();
  const scan = (chunk) => {
    if (!chunk || typeof chunk === 'function') return;
    const text = Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
    for (const m of text.matchAll(/Signature=([^&"'\s\\<>]+)/g)) {
      served.add(m[1]);
      try { served.add(decodeURIComponent(m[1])); } catch { /* not encoded */ }
    }
  };
  const proto = http.ServerResponse.prototype;
  if (!proto.__signatureCapture) {
    const end = proto.end;
    const write = proto.write;
    proto.end = function (chunk, ...rest) { scan(chunk); return end.call(this, chunk, ...rest); };
    proto.write = function (chunk, ...rest) { scan(chunk); return write.call(this, chunk, ...rest); };
    proto.__signatureCapture = served;
  }
  return proto.__signatureCapture;
}

// ---- searching for secrets

function needleBuffers(needles) {
  return needles.filter((n) => n && n.length >= 4).flatMap((n) => [[n, Buffer.from(n, 'utf8')], [n, Buffer.from(n, 'utf16le')]]);
}

/**
 * Every file under `dir` (recursively, symlinks not followed), searched byte-wise for each needle in UTF-8 and UTF-16.
 * @returns {{files: number, bytes: number, hits: Array<{where: string, needle: string}>}}
 */
export function searchFolder(dir, needles, { exclude = () => false, label = dir } = {}) {
  const buffers = needleBuffers(needles);
  const result = { files: 0, bytes: 0, hits: [] };
  const walk = (d) => {
    let entries = [];
    try { entries = fs.readdirSync(d, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (exclude(full)) continue;
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) {
        let data;
        try { data = fs.readFileSync(full); } catch { continue; }
        result.files++;
        result.bytes += data.length;
        for (const [needle, buf] of buffers) {
          if (data.includes(buf)) result.hits.push({ where: `${label}/${path.relative(dir, full)}`, needle: mask(needle) });
        }
      }
    }
  };
  walk(dir);
  // One hit per file and needle, whatever the encoding.
  result.hits = [...new Map(result.hits.map((h) => [`${h.where}|${h.needle}`, h])).values()];
  return result;
}

/** Texts searched as strings. @param {Array<[string, string]>} texts */
export function searchTexts(texts, needles) {
  const hits = [];
  for (const [where, text] of texts) for (const n of needles) if (n && n.length >= 4 && text.includes(n)) hits.push({ where, needle: mask(n) });
  return hits;
}

/** A needle as it may appear in a report: enough to tell which, never the whole of it. */
export function mask(needle) {
  return needle.length <= 8 ? '****' : `${needle.slice(0, 4)}…(${needle.length})`;
}

/** Everything the page keeps in localStorage and IndexedDB, as [where, text] pairs. */
export async function browserStorage(page) {
  return page.evaluate(async () => {
    const out = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      out.push([`localStorage ${k}`, `${k}=${localStorage.getItem(k)}`]);
    }
    const decoder = new TextDecoder();
    const asText = (v) => {
      if (v === undefined || v === null) return '';
      if (typeof v === 'string') return v;
      if (v instanceof ArrayBuffer) return decoder.decode(new Uint8Array(v));
      if (ArrayBuffer.isView(v)) return decoder.decode(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      if (v instanceof Blob) return '[blob]';
      try { return JSON.stringify(v); } catch { return String(v); }
    };
    for (const d of await indexedDB.databases()) {
      const db = await new Promise((res, rej) => { const r = indexedDB.open(d.name); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      for (const store of db.objectStoreNames) {
        const tx = db.transaction(store, 'readonly');
        const [keys, values] = await Promise.all(['getAllKeys', 'getAll'].map((m) => new Promise((res) => { const r = tx.objectStore(store)[m](); r.onsuccess = () => res(r.result); r.onerror = () => res([]); })));
        keys.forEach((k, i) => out.push([`IndexedDB ${d.name}/${store}/${String(k)}`, `${String(k)}=${asText(values[i])}`]));
      }
      db.close();
    }
    return out;
  });
}

/** The DOM of the workbench and of every frame (webviews included), plus the values of its inputs. */
export async function domTexts(page) {
  const texts = [];
  for (const frame of page.frames()) {
    const name = frame === page.mainFrame() ? 'workbench' : `frame ${frame.url().slice(0, 80)}`;
    const html = await frame.content().catch(() => '');
    const values = await frame.evaluate(() => [...document.querySelectorAll('input, textarea')].map((e) => e.value).join('\n')).catch(() => '');
    const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    texts.push([`${name} HTML`, html], [`${name} input values`, values], [`${name} text`, text]);
  }
  return texts;
}

/** The row labelled `label` is selected (aria-selected) and lies wholly inside the list's visible area. */
export async function expectRevealed(view, label) {
  const row = treeRow(view, label).first();
  await until(async () => (await row.count()) > 0 && (await row.getAttribute('aria-selected')) === 'true', `the row ${label} selected`, { timeout: 30_000 });
  const [r, list] = await Promise.all([row.boundingBox(), view.locator('.monaco-list').first().boundingBox()]);
  check(r && list && r.y >= list.y - 1 && r.y + r.height <= list.y + list.height + 1, `the row ${label} is not on screen (row ${JSON.stringify(r)}, list ${JSON.stringify(list)})`);
  return row;
}
