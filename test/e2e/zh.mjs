#!/usr/bin/env node
// The main flows in a real VS Code workbench whose UI is in Simplified Chinese (code-server --locale zh-cn with the
// test language pack of test/vscode/zh-pack.mjs), against the in-process emulator.
//
// Usage: node test/e2e/zh.mjs [1.100.3] [1.139.1]          (no argument: both versions)
//   needs `npm run package`, `npx tsc -p .` and the pack (`bash test/vscode/install-all.sh`);  E2E_VSIX=path  E2E_KEEP=1
//
// One workbench per version, no credentials at first, region cn-hangzhou, every product:
//   1 language  the workbench runs in zh-cn (its own chrome in Chinese), the view's title from package.nls.zh-cn.json
//   2 sign-in   the welcome view and the Set Access Key… prompts (ID, secret, token), then the tree
//   3 browse    region row named in Chinese by the API (AcceptLanguage), product, instance and backup rows, their hovers
//   4 details   a backup's and an instance's details panels
//   5 health    Show Backup Health, scanned to the end
// On every surface: its text shows Chinese and no English string of ours (l10n/bundle.l10n.json keys and
// package.nls.json values, split at their placeholders; fragments of two words or more that the Chinese
// translations do not contain themselves, such as product names and "AccessKey ID"; and our one-word strings as
// whole words, but for the statuses the APIs answer with). A webview's raw API response (the cloud's JSON) is left out.
// Screenshots: test-results/zh-<version>-<n>-<name>.png
import fs from 'node:fs';
import path from 'node:path';
import { answerQuickInput, contextMenu, dismissHovers, expandPath, openViewContainer, repoRoot, runCommand, setSideBarWidth, treeRow, webviewFrame } from './workbench.mjs';
import { check, equal, hoverText, normalise, until, viewOf } from '../reliability/e2eKit.mjs';
import { prepareWalk, runWalk } from './walkRunner.mjs';

const REGION = 'cn-hangzhou';
const CONTAINER = '阿里云备份';
const CATEGORY = '阿里云备份';

const { TEST_CREDENTIALS, SAMPLE_IDS } = prepareWalk('zh');

const readJson = (file) => JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));

/** The English fragments that must not be shown: see the header. */
function englishFragments() {
  const bundleZh = readJson('l10n/bundle.l10n.zh-cn.json');
  const nlsEn = readJson('package.nls.json');
  const nlsZh = readJson('package.nls.zh-cn.json');
  const text = (v) => (typeof v === 'string' ? v : v.message);
  const pairs = [
    ...Object.keys(readJson('l10n/bundle.l10n.json')).map((k) => [k, text(bundleZh[k] ?? '')]),
    ...Object.entries(nlsEn).map(([k, v]) => [text(v), text(nlsZh[k] ?? '')]),
  ];
  const allChinese = pairs.map(([, zh]) => zh).join('\n');
  const fragments = new Set();
  for (const [en] of pairs) {
    for (const part of en.split(/\{\d+\}|\]\([^)]*\)|[[\]\n`*]/)) {
      const f = part.trim().replace(/^[\s,.:;·()"'“”-]+|[\s,.:;·()"'“”-]+$/g, '');
      if ((f.match(/[A-Za-z]{2,}/g) ?? []).length >= 2 && !allChinese.includes(f)) fragments.add(f);
    }
  }
  return [...fragments];
}
const ENGLISH = englishFragments();
// Our one-word strings ("Retention", "Verdict"), as whole words; not those the APIs answer with themselves (a
// backup's or instance's status is the cloud's value, shown as it is) nor those the translations keep.
const API_WORDS = new Set(['Failed', 'Running', 'Succeeded', 'Paused', 'Pending', 'Success', 'Unknown']);
const ENGLISH_WORDS = Object.keys(readJson('l10n/bundle.l10n.json'))
  .filter((k) => /^[A-Z][a-z]{3,}$/.test(k) && !API_WORDS.has(k) && !Object.values(readJson('l10n/bundle.l10n.zh-cn.json')).some((zh) => zh.includes(k)))
  .map((k) => new RegExp(`\\b${k}\\b`));
const CJK = /[\u4e00-\u9fff]/;

/** Checks one surface's text: Chinese in it, none of our English. */
function checkSurface(where, text, seen) {
  const t = normalise(text);
  check(CJK.test(t), `${where}: no Chinese in "${t.slice(0, 200)}"`);
  const left = [...ENGLISH.filter((f) => t.includes(f)), ...ENGLISH_WORDS.filter((w) => w.test(t)).map((w) => w.source)];
  check(left.length === 0, `${where}: English left: ${left.map((f) => JSON.stringify(f)).join(', ')} in "${t.slice(0, 400)}"`);
  seen.push(`${where} (${t.length} chars)`);
}

/** A webview's text without the raw API response (the cloud's own JSON keys are not ours to translate). */
const pageText = (frame) => frame.locator('body').evaluate((body) => {
  const raw = [...body.querySelectorAll('pre')];
  for (const e of raw) e.style.display = 'none';
  const text = body.innerText;
  for (const e of raw) e.style.display = '';
  return text;
});

const quickInputText = async (page) => {
  const widget = page.locator('.quick-input-widget');
  const placeholder = await widget.locator('input').first().getAttribute('placeholder').catch(() => '');
  return `${await widget.innerText()} ${placeholder ?? ''}`;
};

/** The steps of one version; `seen` collects the surfaces checked, for the last step's summary. */
function makeSteps() {
  const instance = SAMPLE_IDS.rds.mysql;
  const seen = [];
  return [
    {
      n: 1, name: 'language', run: async ({ page, log }) => {
        equal(await page.evaluate(() => globalThis._VSCODE_NLS_LANGUAGE), 'zh-cn', 'the workbench\'s language');
        const explorer = page.locator('.activitybar .action-item a[aria-label^="资源管理器"], .activitybar .action-item[aria-label^="资源管理器"]');
        check(await explorer.count() > 0, 'the activity bar has no "资源管理器" (Explorer): the workbench chrome is not in Chinese');
        const sidebar = await openViewContainer(page, CONTAINER);
        checkSurface('side bar title', await sidebar.locator('.composite.title').innerText(), seen);
        await setSideBarWidth(page, 560).catch(() => {});
        log('workbench in zh-cn: activity bar "资源管理器", view container "阿里云备份"');
      },
    },
    {
      n: 2, name: 'sign-in', run: async ({ page, log }) => {
        const view = viewOf(page);
        const welcome = view.locator('.welcome-view-content');
        const button = welcome.locator('.monaco-button', { hasText: '设置 AccessKey…' });
        await button.waitFor({ timeout: 30_000 });
        checkSurface('welcome view', await welcome.innerText(), seen);
        await button.click();
        const key = TEST_CREDENTIALS.normal;
        const idBox = await answerQuickInput(page, 'AccessKey ID', key.accessKeyId);
        checkSurface('AccessKey ID prompt', await quickInputText(page), seen);
        await idBox.press('Enter');
        const secretBox = await answerQuickInput(page, 'AccessKey Secret', key.accessKeySecret);
        checkSurface('AccessKey secret prompt', await quickInputText(page), seen);
        await secretBox.press('Enter');
        const tokenBox = await answerQuickInput(page, 'STS 安全令牌', '');
        checkSurface('STS token prompt', await quickInputText(page), seen);
        await tokenBox.press('Enter');
        await treeRow(view, REGION).waitFor({ timeout: 30_000 });
        const stored = page.locator('.part.statusbar .statusbar-item', { hasText: '已保存 AccessKey' }).first();
        await stored.waitFor({ timeout: 10_000 });
        checkSurface('status bar confirmation', await stored.innerText(), seen);
        log('welcome view, the three prompts and the confirmation in Chinese; the tree shows the region');
      },
    },
    {
      n: 3, name: 'browse', run: async ({ page, log }) => {
        const view = viewOf(page);
        const region = treeRow(view, REGION).first();
        await until(async () => (await region.locator('.label-description').innerText()) === '华东1（杭州）', 'the region named 华东1（杭州） (AcceptLanguage zh-CN)');
        const product = await expandPath(view, [REGION, '云数据库 RDS', instance]);
        const backup = treeRow(view, /^\d+$/).first();
        await backup.waitFor({ timeout: 20_000 });
        checkSurface('Backups view', await view.innerText(), seen);
        const backupId = (await backup.locator('.label-name').innerText()).trim();
        for (const [what, row, id] of [['instance', product, instance], ['backup', backup, backupId]]) {
          const hover = await until(async () => {
            const { text } = await hoverText(page, row.locator('.label-name'));
            return text.includes(id) && text;
          }, `the hover of ${what} ${id}`);
          checkSurface(`${what} hover`, hover, seen);
        }
        log(`${REGION} named 华东1（杭州）; 云数据库 RDS › ${instance} › backups; hovers in Chinese`);
      },
    },
    {
      n: 4, name: 'details', run: async ({ page, log }) => {
        const view = viewOf(page);
        const backup = treeRow(view, /^\d+$/).first();
        const id = (await backup.locator('.label-name').innerText()).trim();
        await contextMenu(backup.locator('.label-name'), '显示详情');
        const frame = webviewFrame(page);
        await frame.locator('#title').filter({ hasText: `备份 ${id}` }).waitFor({ timeout: 20_000 });
        checkSurface('backup details', await pageText(frame), seen);
        await contextMenu(treeRow(view, instance).first().locator('.label-name'), '显示详情');
        await frame.locator('#title').filter({ hasText: `实例 ${instance}` }).waitFor({ timeout: 20_000 });
        await page.waitForTimeout(1_000); // the timeline section loads after the page
        checkSurface('instance details', await pageText(frame), seen);
        await dismissHovers(page); // the screenshot (README's) shows the tree and the panel, no hover over them
        log(`details of backup ${id} and of instance ${instance} in Chinese`);
      },
    },
    {
      n: 5, name: 'health', run: async ({ page, log }) => {
        await runCommand(page, `${CATEGORY}: 显示备份健康状况`);
        const frame = page.frameLocator('iframe.webview.ready:visible').first().frameLocator('iframe#active-frame');
        await frame.locator('#status-text').filter({ hasText: /检查 \d+ 个资源/ }).waitFor({ timeout: 90_000 });
        checkSurface('health panel', await pageText(frame), seen);
        const tab = page.locator('.tabs-container .tab').filter({ hasText: '备份健康状况' });
        check(await tab.count() > 0, 'no editor tab titled 备份健康状况');
        log(`health scan finished: ${normalise(await frame.locator('#status-text').innerText())}`);
        log(`surfaces checked against ${ENGLISH.length} English fragments and ${ENGLISH_WORDS.length} words: ${seen.join('; ')}`);
      },
    },
  ];
}

await runWalk({
  name: 'zh',
  // No credentials at first: step 2 signs in through the Chinese welcome view.
  signedIn: false,
  locale: 'zh-cn',
  // Step 1 opens the view by its Chinese name.
  openView: false,
  settings: { 'alibabaCloudBackups.regions': [REGION] },
  steps: makeSteps,
  // Each step builds on the one before.
  fatal: () => true,
});
