#!/usr/bin/env node
// The backup timeline of a resource's details in a real VS Code workbench (code-server + headless Chromium) against
// the in-process gateway emulator.
//
// Usage: node test/e2e/timeline.mjs [1.100.3] [1.139.1]          (no argument: both versions)
//   needs `npm run package` (the .vsix) and `npx tsc -p .` (out/test/emulator);  E2E_VSIX=path  E2E_KEEP=1
//
// One workbench per version, the emulator's key in the environment, region cn-hangzhou, products Tair / Redis and
// ApsaraDB for MongoDB:
//   1 timeline  r-bp1standard00001 (backups 12 h apart, some failed; its 4 newest removed, so the last is 2 days
//               old): Show Details says "Loading backups…" while the emulator is slow, then the picture has one
//               mark per backup the emulator holds in the 30 days the extension asked for (same IDs), a failed
//               mark for each failed backup, a mark's <title> naming its backup, a shaded gap up to now, a tick
//               per scheduled day (the policy's 02:00Z) and a caption with the counts and the schedule
//   2 switch    while the emulator is slow, the panel moves from r-bp1tair000000001 to r-bp1standard00001: it
//               ends showing the standard instance's timeline, no mark of the Tair instance
//   3 themes    Default Dark Modern and Default High Contrast: marks painted in theme colours that differ from the
//               background and from each other; in high contrast, marks and gaps outlined
//   4 note, error  dds-bp1sharded00001 lists shard nodes: a note instead of a picture; a throttled read of
//               r-bp1tair000000001 shows Throttling.User and the RequestId of the last attempt
// Screenshots: test-results/timeline-<version>.png (the details panel down to the timeline, for the README),
// timeline-<version>-dark.png and -hc.png, and timeline-<version>-<n>-<name>.png (the workbench after each step).
import path from 'node:path';
import {
  DEFAULT_SETTINGS, contextMenu, dismissHovers, editUserSettings, expandPath, repoRoot, treeRow,
  webviewFrame,
} from './workbench.mjs';
import {
  PRODUCT_TITLES, check, collapseAll, equal, resultsDir, until, viewOf, 
} from '../reliability/e2eKit.mjs';
import { prepareWalk, runWalk } from './walkRunner.mjs';

const REGION = 'cn-hangzhou';
const DAY_MS = 86_400_000;

const { SAMPLE_IDS } = prepareWalk('timeline');
const IDS = SAMPLE_IDS.kvstore;

/** The emulator's Tair instance and the IDs of its backups whose start lies in the window a request asked for. */
function heldBackups(emulator, instanceId, request) {
  const inst = emulator.data.kvstore.instances.find((i) => i.id === instanceId);
  const fromMs = Date.parse(request.params.StartTime);
  const toMs = Date.parse(request.params.EndTime) + 59_999;
  const { indices } = inst.backups.query({ fromMs, toMs }, 0, 100_000);
  // A standard instance keeps one backup per run: run i is backup idBase + i, failed when i % 17 == 11.
  return { ids: indices.map((i) => String(inst.idBase + i)), failed: indices.filter((i) => i % 17 === 11).map((i) => String(inst.idBase + i)) };
}

/** The timeline's DescribeBackups for an instance: the one asking for 30 days (the tree asks for 7). */
function timelineRequest(emulator, instanceId) {
  return emulator.requests().filter((r) => r.action === 'DescribeBackups' && r.params.InstanceId === instanceId)
    .find((r) => Date.parse(r.params.EndTime) - Date.parse(r.params.StartTime) >= 29 * DAY_MS);
}

/** Opens a Tair / Redis or MongoDB resource's details from its row's menu and waits for its title. */
async function showDetails(page, product, id) {
  const view = viewOf(page);
  await collapseAll(page);
  await expandPath(view, [REGION, PRODUCT_TITLES[product]]);
  await contextMenu(treeRow(view, id).locator('.label-name'), 'Show Details');
  await webviewFrame(page).locator('#title').filter({ hasText: id }).waitFor({ timeout: 20_000 });
}

/** A screenshot of the details panel from its title down to the timeline's caption. */
async function shootTimeline(page, file) {
  await dismissHovers(page);
  const panel = await page.locator('iframe.webview').first().boundingBox();
  const section = await webviewFrame(page).locator('#timeline').boundingBox();
  await page.screenshot({ path: file, clip: { x: panel.x, y: panel.y, width: panel.width, height: section.y + section.height + 16 - panel.y } });
}

const markIds = (frame) => frame.locator('#timeline svg.timeline rect.mark').evaluateAll((all) => all.map((m) => m.getAttribute('data-backup-id')));

function makeSteps(emulator) {
  return [
    {
      n: 1, name: 'timeline', run: async ({ page, log, version }) => {
        const frame = webviewFrame(page);
        const id = IDS.standard;
        emulator.data.removeBackups('r-kvstore', id, 4);
        await expandPath(viewOf(page), [REGION, PRODUCT_TITLES['r-kvstore']]);
        emulator.clearRequests();
        // Slow enough that the page is up (a first webview takes a while) before the backups are.
        emulator.setLatency(4000);
        await showDetails(page, 'r-kvstore', id);
        await frame.locator('#timeline .timeline-loading').filter({ hasText: 'Loading backups…' }).waitFor({ timeout: 5_000 });
        emulator.setLatency(0);
        await frame.locator('#timeline svg.timeline').waitFor({ timeout: 20_000 });
        await frame.locator('#timeline .timeline-caption').filter({ hasText: 'Schedule:' }).waitFor({ timeout: 20_000 });

        const request = timelineRequest(emulator, id);
        check(request, 'no 30-day DescribeBackups for the timeline in the emulator\'s log');
        const held = heldBackups(emulator, id, request);
        const shown = await markIds(frame);
        equal(shown.length, held.ids.length, `marks in the timeline (the emulator holds ${held.ids.length} backups from ${request.params.StartTime} to ${request.params.EndTime})`);
        equal([...shown].sort().join(), [...held.ids].sort().join(), 'the backups the marks stand for');
        const failed = await frame.locator('#timeline svg.timeline rect.mark-failed').evaluateAll((all) => all.map((m) => m.getAttribute('data-backup-id')));
        check(failed.length > 0, 'no failed mark');
        equal([...failed].sort().join(), [...held.failed].sort().join(), 'the failed marks');

        const mark = frame.locator(`#timeline rect.mark[data-backup-id="${failed[0]}"]`);
        const title = (await mark.locator('title').textContent()).split('\n');
        equal(title[0], failed[0], 'the first line of a failed mark\'s title');
        check(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC[+-]\d{2}:\d{2}$/.test(title[1]) && title[3] === 'Failed', `the failed mark's title: ${title.join(' | ')}`);
        const newest = frame.locator(`#timeline rect.mark[data-backup-id="${held.ids[0]}"] title`);
        check(/^\d+(\.\d)? (MB|GB)$/.test((await newest.textContent()).split('\n')[2]), 'the newest mark\'s title gives no size');

        const gaps = await frame.locator('#timeline svg.timeline rect.gap').evaluateAll((all) => all.map((g) => parseFloat(g.getAttribute('x')) + parseFloat(g.getAttribute('width'))));
        check(gaps.some((end) => Math.abs(end - 100) < 0.01), `no gap shaded up to now (gaps end at ${gaps.join(', ')}%)`);
        equal(await frame.locator('#timeline svg.timeline rect.expected').count(), 30, 'scheduled-time ticks (every day at 02:00Z)');
        const caption = (await frame.locator('#timeline .timeline-caption').innerText()).trim();
        check(caption.startsWith(`${held.ids.length} backups, ${held.failed.length} failed`) && caption.includes('Schedule: Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday at 02:00Z-03:00Z'),
          `the caption: ${caption}`);

        const file = path.join(resultsDir, `timeline-${version}.png`);
        await shootTimeline(page, file);
        log(`${shown.length} marks = the emulator's backups in ${request.params.StartTime} – ${request.params.EndTime}, ${failed.length} failed, ${gaps.length} gap(s); ${path.relative(repoRoot, file)}`);
      },
    },
    {
      n: 2, name: 'switch', run: async ({ page, log }) => {
        const frame = webviewFrame(page);
        emulator.clearRequests();
        emulator.setLatency(2000);
        await showDetails(page, 'r-kvstore', IDS.tair);
        await frame.locator('#timeline .timeline-loading').waitFor({ timeout: 5_000 });
        // The panel follows the selection: clicking the other instance's row moves it on while Tair is read.
        await treeRow(viewOf(page), IDS.standard).locator('.label-name').click();
        await frame.locator('#title').filter({ hasText: IDS.standard }).waitFor({ timeout: 20_000 });
        emulator.setLatency(0);
        await frame.locator('#timeline svg.timeline').waitFor({ timeout: 20_000 });
        // Long enough for the Tair instance's answer (2 s behind) to have come if it were going to be shown.
        await page.waitForTimeout(3_000);
        const request = timelineRequest(emulator, IDS.standard);
        const held = heldBackups(emulator, IDS.standard, request);
        const shown = await markIds(frame);
        equal([...shown].sort().join(), [...held.ids].sort().join(), `marks after moving from ${IDS.tair} to ${IDS.standard}`);
        equal((await frame.locator('#title').innerText()).trim(), `Instance ${IDS.standard}`, 'the panel\'s title');
        log(`moved on while ${IDS.tair} was read: ${shown.length} marks, all of ${IDS.standard}`);
      },
    },
    {
      n: 3, name: 'themes', run: async ({ page, log, version, settings }) => {
        const frame = webviewFrame(page);
        const seen = [];
        for (const [theme, suffix] of [['Default Dark Modern', 'dark'], ['Default High Contrast', 'hc']]) {
          // Editing settings.json closes the editor in front, the panel: it is opened again in the new theme.
          await editUserSettings(page, { ...DEFAULT_SETTINGS, ...settings, 'workbench.colorTheme': theme });
          await showDetails(page, 'r-kvstore', IDS.standard);
          await frame.locator('#timeline svg.timeline').waitFor({ timeout: 20_000 });
          await until(() => frame.locator('body').evaluate((b, hc) => b.classList.contains(hc ? 'vscode-high-contrast' : 'vscode-dark'), suffix === 'hc'), `the panel in ${theme}`);
          const look = await frame.locator('#timeline svg.timeline').evaluate((svg) => {
            const style = (selector) => { const el = svg.querySelector(selector); const s = el && getComputedStyle(el); return s && { fill: s.fill, stroke: s.stroke }; };
            return { background: getComputedStyle(document.body).backgroundColor, success: style('.mark-success'), failed: style('.mark-failed'), gap: style('.gap') };
          });
          const painted = (c) => /^rgb/.test(c ?? '') && c !== look.background;
          check(painted(look.success?.fill) && painted(look.failed?.fill) && look.success.fill !== look.failed.fill, `${theme}: marks not painted apart (${JSON.stringify(look)})`);
          if (suffix === 'hc') check(painted(look.success.stroke) && painted(look.gap.stroke), `${theme}: marks and gaps have no outline (${JSON.stringify(look)})`);
          await shootTimeline(page, path.join(resultsDir, `timeline-${version}-${suffix}.png`));
          seen.push(`${suffix}: succeeded ${look.success.fill}, failed ${look.failed.fill}${suffix === 'hc' ? `, outline ${look.success.stroke}` : ''}`);
        }
        await editUserSettings(page, { ...DEFAULT_SETTINGS, ...settings });
        log(seen.join('; '));
      },
    },
    {
      n: 4, name: 'note-error', run: async ({ page, log }) => {
        const frame = webviewFrame(page);
        const cluster = SAMPLE_IDS.dds.sharded;
        await showDetails(page, 'dds', cluster);
        const shards = emulator.data.findDdsInstance(cluster).shards.length;
        await frame.locator('#timeline .timeline-note').filter({ hasText: `Backups are kept by the ${shards} nodes listed under it` }).waitFor({ timeout: 20_000 });
        equal(await frame.locator('#timeline svg').count(), 0, `pictures in the details of ${cluster}`);

        emulator.clearRequests();
        emulator.injectFault({ kind: 'throttle', product: 'r-kvstore', action: 'DescribeBackups' });
        try {
          await showDetails(page, 'r-kvstore', IDS.tair);
          const error = frame.locator('#timeline .timeline-error');
          await error.waitFor({ timeout: 30_000 });
          const attempts = emulator.requests().filter((r) => r.action === 'DescribeBackups' && r.params.InstanceId === IDS.tair);
          const text = (await error.innerText()).trim();
          check(text.startsWith('Could not read the backups: Throttling.User: ') && text.endsWith(`RequestId: ${attempts.at(-1).requestId}`), `the error line: ${text}`);
          log(`${cluster}: note for ${shards} shard nodes; throttled read: "${text.split('\n')[0].slice(0, 60)}…" with the last attempt's RequestId`);
        } finally {
          emulator.clearFaults();
        }
      },
    },
  ];
}

await runWalk({
  name: 'timeline',
  // Step 1 removes backups, and the Tair series count back from the emulator's start.
  emulatorPerVersion: true,
  settings: {
    'alibabaCloudBackups.regions': [REGION],
    'alibabaCloudBackups.products': ['dds', 'r-kvstore'],
  },
  region: REGION,
  sideBarWidth: 380,
  steps: ({ emulator }) => makeSteps(emulator),
  afterStep: async ({ emulator }) => emulator.setLatency(0),
});
