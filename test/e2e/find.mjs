#!/usr/bin/env node
// Find by ID… in a real VS Code workbench (code-server + headless Chromium) against the in-process gateway emulator.
//
// Usage: node test/e2e/find.mjs [1.100.3] [1.139.1]          (no argument: both versions)
//   needs `npm run package` (the .vsix) and `npx tsc -p .` (out/test/emulator);  E2E_VSIX=path  E2E_KEEP=1
//
// One workbench per version, the emulator's key in the environment, page size 30, region cn-hangzhou, the products
// setting set to RDS, PolarDB, Tair / Redis, MongoDB and DBS. Each step runs the command from the palette:
//   1 backup-deep   a backup on page 3 of rm-bp1mysql000000001 (130 backups): its row is revealed, selected and on
//                   screen, the instance says "Filter: ID …", its details open, and no page before it was fetched
//   2 clear-filter  Clear Filter on that instance: the filter is gone and the list pages again (30 of 130)
//   3 resource      the Tair instance r-bp1tair000000001: revealed, selected, on screen, its details open
//   4 old-backup    the oldest PolarDB backup of pc-bp1mysql8000000001 (weeks before the first 7-day window): revealed
//                   under its filtered cluster
//   5 shard         the MongoDB shard node d-bp1shard0000002: revealed under its sharded cluster, its details open
//   6 not-shown     an AnalyticDB cluster, a product the settings leave out: a notification says so, details open
//   7 refused       text that is no ID is refused in the box; an unknown backup ID says what was searched
//   8 increment     the oldest binlog file of DBS plan dbsplanbig00001 (page 3 of 30 of its increments, which
//                   DescribeIncrementBackupList cannot filter by ID): revealed under its filtered plan, details open
// After every step: no error row in the tree.
// Screenshots: test-results/find-<version>-<n>-<name>.png
import { answerQuickInput, contextMenu, runCommand, scrollToRow, treeRow, waitForNotification, webviewFrame } from './workbench.mjs';
import { CATEGORY, check, equal, expectRevealed, quickInputBox, quickInputMessage, until, viewOf } from '../reliability/e2eKit.mjs';
import { prepareWalk, runWalk } from './walkRunner.mjs';

const REGION = 'cn-hangzhou';
const PAGE_SIZE = 30;

const { SAMPLE_IDS, binlogName } = prepareWalk('find');

/** Runs Find by ID… from the palette and types `text` into its box; Enter unless told not to. */
async function findById(page, text, { enter = true } = {}) {
  await runCommand(page, `${CATEGORY}: Find by ID…`);
  const input = await answerQuickInput(page, 'A backup ID', text);
  if (enter) {
    await input.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  }
}

/** The details panel shows `title`. */
async function expectDetails(page, title) {
  await webviewFrame(page).locator('#title').filter({ hasText: title }).waitFor({ timeout: 20_000 });
  equal(await webviewFrame(page).locator('#title').innerText(), title, 'details title');
}

const requestsOf = (emulator, action, product) => emulator.requests().filter((r) => r.action === action && r.product === product);

function makeSteps(emulator) {
  const rds = emulator.data.rds.instances.find((i) => i.id === SAMPLE_IDS.rds.mysql);
  // Newest first: position 80 of 130 is on the third page of 30.
  const position = 80;
  const deepId = String(rds.backups.id(rds.backups.count - 1 - position));
  const polardb = emulator.data.polardb.find((c) => c.id === SAMPLE_IDS.polardb.mysql);
  const oldestPolardb = String(polardb.backups.id(0));
  const plan = emulator.data.findDbsPlan(SAMPLE_IDS.dbs.big);
  const oldestIncrement = binlogName(plan, 0);
  return [
    {
      n: 1, name: 'backup-deep', run: async ({ page, log }) => {
        const view = viewOf(page);
        emulator.clearRequests();
        await findById(page, deepId);
        const row = await expectRevealed(view, deepId);
        check(Math.floor(position / PAGE_SIZE) >= 2, 'the backup is on page 3 or later');
        const instance = treeRow(view, SAMPLE_IDS.rds.mysql).first();
        await until(async () => (await instance.locator('.label-description').innerText()).includes(`Filter: ID ${deepId}`), `the instance saying "Filter: ID ${deepId}"`);
        equal(await row.getAttribute('aria-level'), '4', 'the backup row sits under region, product and instance');
        await expectDetails(page, `Backup ${deepId}`);
        const asked = requestsOf(emulator, 'DescribeBackups', 'rds').filter((r) => r.params.DBInstanceId === SAMPLE_IDS.rds.mysql);
        check(asked.some((r) => r.params.BackupId === deepId), 'no DescribeBackups with BackupId');
        check(asked.every((r) => r.params.BackupId === deepId && r.params.PageNumber === '1'), `pages of the whole list were fetched: ${asked.map((r) => r.params.PageNumber).join(',')}`);
        log(`backup ${deepId} (position ${position + 1} of 130) revealed and selected; ${asked.length} DescribeBackups, all with BackupId`);
      },
    },
    {
      n: 2, name: 'clear-filter', keepTree: true, run: async ({ page, log }) => {
        const view = viewOf(page);
        const instance = treeRow(view, SAMPLE_IDS.rds.mysql).first();
        await contextMenu(instance.locator('.label-name'), 'Clear Filter');
        await until(async () => !(await instance.locator('.label-description').innerText()).includes('Filter:'), 'the filter gone from the instance');
        if ((await instance.getAttribute('aria-expanded')) !== 'true') await instance.locator('.monaco-tl-twistie').click();
        await until(async () => (await treeRow(view, /^\d+$/).count()) > 0, 'the instance\'s backups listed');
        await scrollToRow(view, treeRow(view, `Load more… (${PAGE_SIZE} of 130)`), { timeout: 20_000 });
        log('Clear Filter: the instance lists its backups page by page again');
      },
    },
    {
      n: 3, name: 'resource', run: async ({ page, log }) => {
        const view = viewOf(page);
        const id = SAMPLE_IDS.kvstore.tair;
        emulator.clearRequests();
        await findById(page, id);
        const row = await expectRevealed(view, id);
        equal(await row.getAttribute('aria-level'), '3', 'the instance row sits under region and product');
        await expectDetails(page, `Instance ${id}`);
        const lookups = requestsOf(emulator, 'DescribeInstances', 'r-kvstore').filter((r) => r.params.InstanceIds === id);
        check(lookups.length > 0, 'no DescribeInstances with InstanceIds');
        log(`Tair instance ${id} revealed and selected after ${lookups.length} lookups by InstanceIds`);
      },
    },
    {
      n: 4, name: 'old-backup', run: async ({ page, log }) => {
        const view = viewOf(page);
        await findById(page, oldestPolardb);
        await expectRevealed(view, oldestPolardb);
        const cluster = treeRow(view, SAMPLE_IDS.polardb.mysql).first();
        await until(async () => (await cluster.locator('.label-description').innerText()).includes(`Filter: ID ${oldestPolardb}`), 'the cluster saying "Filter: ID …"');
        await expectDetails(page, `Backup ${oldestPolardb}`);
        log(`PolarDB backup ${oldestPolardb}, ${Math.round((Date.now() - polardb.backups.startMs(0)) / 86_400_000)} days old, revealed under its filtered cluster`);
      },
    },
    {
      n: 5, name: 'shard', run: async ({ page, log }) => {
        const view = viewOf(page);
        const [, id] = SAMPLE_IDS.dds.shardNodes;
        await findById(page, id);
        const row = await expectRevealed(view, id);
        equal(await row.getAttribute('aria-level'), '4', 'the shard row sits under region, product and sharded cluster');
        equal(await treeRow(view, SAMPLE_IDS.dds.sharded).first().getAttribute('aria-expanded'), 'true', 'its sharded cluster expanded');
        await expectDetails(page, `Shard node ${id}`);
        log(`shard node ${id} revealed under ${SAMPLE_IDS.dds.sharded}`);
      },
    },
    {
      n: 6, name: 'not-shown', run: async ({ page, log }) => {
        const id = SAMPLE_IDS.adb.big;
        await findById(page, id);
        const toast = await waitForNotification(page, 'does not show this product', { timeout: 30_000 });
        check(!(await toast.innerText()).includes(id), 'the notification repeats an ID from the cloud');
        await expectDetails(page, `Cluster ${id}`);
        await runCommand(page, 'Notifications: Clear All Notifications').catch(() => page.keyboard.press('Escape'));
        log(`AnalyticDB cluster ${id}: the notification says the view does not show its product; details open`);
      },
    },
    {
      n: 7, name: 'refused', run: async ({ page, log }) => {
        await findById(page, 'not an id', { enter: false });
        // The validation message takes the prompt's place, so the box is found by its widget from here on.
        const input = quickInputBox(page);
        await until(async () => (await quickInputMessage(page).innerText()).includes('letters, digits'), 'the box refusing text that is no ID');
        await input.press('Enter');
        check(await page.locator('.quick-input-widget').isVisible(), 'Enter closed the box on text that is no ID');
        await input.fill('hello-world');
        await until(async () => (await quickInputMessage(page).innerText()).includes('No product here has IDs like this'), 'the box refusing an ID of no known shape');
        await input.fill('4242424242424');
        await input.press('Enter');
        const toast = await waitForNotification(page, /No backup 4242424242424 in \d+ resources of 6 products in \d+ regions\./, { timeout: 60_000 });
        log(`refused "not an id" and "hello-world"; unknown ID: ${(await toast.innerText()).split('\n')[0]}`);
      },
    },
    {
      n: 8, name: 'increment', run: async ({ page, log }) => {
        const view = viewOf(page);
        emulator.clearRequests();
        await findById(page, oldestIncrement);
        const row = await expectRevealed(view, oldestIncrement);
        equal(await row.getAttribute('aria-level'), '4', 'the increment row sits under region, product and plan');
        const planRow = treeRow(view, plan.id).first();
        await until(async () => (await planRow.locator('.label-description').innerText()).includes(`Filter: ID ${oldestIncrement}`), `the plan saying "Filter: ID ${oldestIncrement}"`);
        await expectDetails(page, `Backup ${oldestIncrement}`);
        const asked = requestsOf(emulator, 'DescribeIncrementBackupList', 'dbs').filter((r) => r.params.BackupPlanId === plan.id);
        const pages = asked.map((r) => r.params.PageNum);
        check(Math.ceil(plan.increments.count / PAGE_SIZE) === 3 && pages.includes('2'), `the plan's increments not read to page 3: PageNum ${pages.join(',')}`);
        check(asked.every((r) => r.params.BackupSetId === undefined && r.params.PageSize === String(PAGE_SIZE)), 'DescribeIncrementBackupList asked with a BackupSetId or another page size');
        const full = requestsOf(emulator, 'DescribeFullBackupList', 'dbs').filter((r) => r.params.BackupSetId === oldestIncrement);
        equal(full.length, 0, 'DescribeFullBackupList requests for a binlog name');
        log(`DBS increment ${oldestIncrement} (the oldest of ${plan.increments.count}) revealed under its filtered plan; ${asked.length} DescribeIncrementBackupList pages read (PageNum ${pages.join(',')})`);
      },
    },
  ];
}

await runWalk({
  name: 'find',
  settings: {
    'alibabaCloudBackups.regions': [REGION],
    'alibabaCloudBackups.products': ['rds', 'polardb', 'r-kvstore', 'dds', 'dbs'],
    'alibabaCloudBackups.pageSize': PAGE_SIZE,
  },
  region: REGION,
  sideBarWidth: 700,
  tidyTree: true,
  steps: ({ emulator }) => makeSteps(emulator),
});
