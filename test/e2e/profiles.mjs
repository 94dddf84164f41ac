#!/usr/bin/env node
// Switch Profile… in a real VS Code workbench (code-server + headless Chromium) against the in-process emulator.
//
// Usage: node test/e2e/profiles.mjs [1.100.3] [1.139.1]          (no argument: both versions)
//   needs `npm run package` (the .vsix) and `npx tsc -p .` (out/test/emulator);  E2E_VSIX=path  E2E_KEEP=1
//
// No key in the environment or SecretStorage: the extension host's HOME holds a test ~/.aliyun/config.json with
// two AK profiles of two emulator accounts ("main", current; "second", which sees one AnalyticDB cluster only), an
// StsToken profile whose token the emulator calls expired, an RsaKeyPair profile the SDK cannot sign with, and a
// RamRoleArn profile whose sts_endpoint is the emulator's TLS port.
// Region cn-hangzhou, AnalyticDB only.
//   1 default       the file's current profile signs: main's clusters, the description names "main" and its masked key
//   2 picker        Switch Profile… lists the four profiles (mode, region, masked key, current marked, no secret);
//                   the RsaKeyPair one says why it cannot be used and accepting it does not close the picker
//   3 second        switching to "second": only its cluster is listed, the description says "second", every request
//                   after the switch is signed with its key
//   4 late-answers  with 3 s of latency, a switch to "main" and back to "second" while main's requests are in
//                   flight: main's late answers never reach the tree
//   5 expired       the expired-token profile: an error row with the code, nothing signed with another key
//   6 reload        after a reload of the window the profile picked last is still the one in use
//   7 file-edit     an edit of config.json (the picked profile now uses main's key) is noticed without a Refresh
//   8 ram-role      a RamRoleArn profile: main's key assumes a role at the emulator's STS (TLS, trusted through
//                   NODE_EXTRA_CA_CERTS), and the tree is listed with the temporary key
//   9 status-click  clicking the identity's status-bar item opens Switch Profile…
//  10 icon-name     a profile named "$(alert) x": the status bar and its tooltip show the name as typed, no icon
//  11 failing       that profile removed from config.json while the Explorer is shown instead of the view: the
//                   status bar follows anyway, with a warning icon, and the tooltip says why
//  12 nothing       the Default chain with no config.json left: the status-bar item goes, the welcome view stays
// Steps 1, 3, 6 and 7 also check the status-bar item wherever they check the view's description (VS Code draws
// no description while the view is alone in its container, so the status bar is where people see it).
// Screenshots: test-results/profiles-<version>-<n>-<name>.png
import fs from 'node:fs';
import path from 'node:path';
import { expandPath, openViewContainer, runCommand, treeRow } from './workbench.mjs';
import { CATEGORY, CONTAINER, ERROR_ROW, check, collapseAll, equal, normalise, until, viewOf } from '../reliability/e2eKit.mjs';
import { prepareWalk, runWalk } from './walkRunner.mjs';

const REGION = 'cn-hangzhou';
const ICON_NAME = '$(alert) x';
const ADB = 'AnalyticDB for MySQL';

const { makeTestCertificate, TEST_CREDENTIALS, SAMPLE_IDS, SECOND_ACCOUNT_IDS } = prepareWalk('profiles');
const { normal, secondAccount, sts } = TEST_CREDENTIALS;
const mask = (id) => `${id.slice(0, 4)}****${id.slice(-4)}`;
const SECRETS = [normal.accessKeySecret, secondAccount.accessKeySecret, sts.accessKeySecret, sts.securityToken, TEST_CREDENTIALS.expiredStsToken];

function cliConfig(emulator, secondKey = secondAccount, more = []) {
  return {
    current: 'main',
    profiles: [
      ...more,
      { name: 'main', mode: 'AK', access_key_id: normal.accessKeyId, access_key_secret: normal.accessKeySecret, region_id: REGION },
      { name: 'second', mode: 'AK', access_key_id: secondKey.accessKeyId, access_key_secret: secondKey.accessKeySecret, region_id: 'cn-beijing' },
      { name: 'expired', mode: 'StsToken', access_key_id: sts.accessKeyId, access_key_secret: sts.accessKeySecret, sts_token: TEST_CREDENTIALS.expiredStsToken, region_id: REGION },
      { name: 'rsa', mode: 'RsaKeyPair', key_pair_name: 'kp-test', region_id: REGION },
      { name: 'role', mode: 'RamRoleArn', access_key_id: normal.accessKeyId, access_key_secret: normal.accessKeySecret, ram_role_arn: 'acs:ram::1234567890:role/backup-reader',
        ram_session_name: 'backups', sts_endpoint: emulator.tlsEndpoint, region_id: REGION },
    ],
  };
}

const signers = (emulator) => [...new Set(emulator.requests().map((r) => r.accessKeyId))];
const sidebar = (page) => page.locator('.part.sidebar');

/** The view's description (TreeView.description) says `text` (read from the side bar as workspace.mjs does). */
async function expectDescription(page, text) {
  await until(async () => ((await sidebar(page).textContent()) ?? '').includes(text), `the view description "${text}"`, { timeout: 30_000 });
}

/** The status-bar item StatusBarItem id `alibabaCloudBackups.identity` draws (its DOM id ends with it). */
const identityItem = (page) => page.locator('.part.statusbar .statusbar-item[id$="alibabaCloudBackups.identity" i]');
/** What the item reads as: an icon draws no text, and the zero-width space that keeps `$(` inert is not seen. */
const identityText = async (page) => normalise((await identityItem(page).textContent({ timeout: 1_000 }).catch(() => '')) ?? '').replace(/\u200b/g, '');

/** The status-bar item names the identity: `text` is the whole of what it shows. */
async function expectStatus(page, text) {
  await until(async () => {
    const shown = await identityText(page);
    if (shown !== text) throw new Error(`it says "${shown}"`);
    return true;
  }, `the status bar saying "${text}"`, { timeout: 30_000 });
}

/** The status-bar item's tooltip as text, and how many elements it drew (icons, links, images). */
async function statusTooltip(page) {
  await page.mouse.move(5, 5);
  await identityItem(page).hover();
  const hover = page.locator('.workbench-hover, .monaco-hover:not(.hidden)').filter({ visible: true }).last();
  await hover.waitFor({ timeout: 10_000 });
  const result = { text: normalise(await hover.innerText()), elements: await hover.locator('.codicon, a, img, svg, script, iframe').count() };
  await page.mouse.move(5, 5);
  return result;
}

/** The AnalyticDB clusters the tree lists under cn-hangzhou, expanded afresh. */
async function clusterRows(page) {
  const view = viewOf(page);
  await collapseAll(page).catch(() => {});
  await expandPath(view, [REGION, ADB], { timeout: 30_000 });
  const rows = view.locator('.monaco-list-row .label-name');
  await until(async () => (await rows.allInnerTexts()).some((t) => t.startsWith('am-')), 'cluster rows under AnalyticDB', { timeout: 30_000 });
  return (await rows.allInnerTexts()).filter((t) => t.startsWith('am-'));
}

async function openPicker(page) {
  await runCommand(page, `${CATEGORY}: Switch Profile…`);
  const widget = page.locator('.quick-input-widget');
  // The palette's own rows linger a moment: wait for the picker's last item.
  await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'Default chain' }).first().waitFor({ timeout: 15_000 });
  return widget;
}

/** Switch Profile… and the row labelled `name` (the picker filters on what is typed). */
async function switchTo(page, name) {
  const widget = await openPicker(page);
  const input = widget.locator('.quick-input-box input').first();
  await input.fill(name);
  // The names are unique in the test file: once filtered, the one row left (and active) is the profile.
  const rows = widget.locator('.quick-input-list .monaco-list-row');
  await until(async () => (await rows.filter({ hasText: name }).count()) === 1, `the picker narrowed to "${name}"`, { timeout: 10_000 });
  await input.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Whether the workbench's IndexedDB holds the extension's globalState with `name` picked. */
function pickStored(page, name) {
  return page.evaluate(async (wanted) => {
    const read = (request) => new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    for (const { name: dbName } of await indexedDB.databases()) {
      const db = await read(indexedDB.open(dbName));
      try {
        for (const store of db.objectStoreNames) {
          const values = await read(db.transaction(store, 'readonly').objectStore(store).getAll());
          if (values.some((v) => typeof v === 'string' && v.includes('alibabaCloudBackups.profile') && v.includes(`"name":"${wanted}"`))) return true;
        }
      } finally {
        db.close();
      }
    }
    return false;
  }, name);
}

function makeSteps(emulator, wb) {
  const configFile = path.join(wb.scratch, 'cs-home', '.aliyun', 'config.json');
  return [
    {
      n: 1, name: 'default', run: async ({ page, log }) => {
        await expectDescription(page, `aliyun CLI profile main ${mask(normal.accessKeyId)}`);
        await expectStatus(page, 'Alibaba Cloud: main');
        const tooltip = await statusTooltip(page);
        for (const want of ['aliyun CLI profile "main" (AK) in ~/.aliyun/config.json', `AccessKey ID: ${mask(normal.accessKeyId)}`, 'Click to switch profile.']) {
          check(tooltip.text.includes(want), `the status tooltip does not say "${want}": ${tooltip.text}`);
        }
        for (const secret of [...SECRETS, normal.accessKeyId]) check(!tooltip.text.includes(secret), 'a secret or a whole key ID in the status tooltip');
        const ids = await clusterRows(page);
        check(ids.includes(SAMPLE_IDS.adb.big) && !ids.includes(SECOND_ACCOUNT_IDS.adb), `main's clusters, not ${ids.join(', ')}`);
        equal(JSON.stringify(signers(emulator)), JSON.stringify([normal.accessKeyId]), 'keys that signed');
        log(`the file's current profile "main" signs: ${ids.length} clusters, description and status bar name it; tooltip "${tooltip.text}"`);
      },
    },
    {
      n: 2, name: 'picker', run: async ({ page, log }) => {
        const widget = await openPicker(page);
        const text = await widget.innerText();
        for (const want of ['main', 'second', 'expired', 'rsa', 'role', 'Default chain', 'RamRoleArn', `AK · ${REGION} · ${mask(normal.accessKeyId)}`, `AK · cn-beijing · ${mask(secondAccount.accessKeyId)}`, 'aliyun CLI current']) {
          check(text.includes(want), `the picker does not show "${want}": ${text}`);
        }
        for (const secret of SECRETS) check(!text.includes(secret), 'a secret in the picker');
        check(!text.includes(normal.accessKeyId), 'a whole key ID in the picker');
        await widget.locator('.quick-input-box input').first().fill('rsa');
        const rsa = widget.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'rsa' }).first();
        await until(async () => (await rsa.innerText()).includes('Cannot be used'), 'the RsaKeyPair profile saying why it cannot be used');
        const detail = (await rsa.innerText()).split('\n').find((l) => l.includes('Cannot be used'));
        await widget.locator('.quick-input-box input').first().press('Enter');
        await page.waitForTimeout(500);
        check(await widget.isVisible(), 'accepting the unusable profile closed the picker');
        await page.keyboard.press('Escape');
        await widget.waitFor({ state: 'hidden', timeout: 5_000 });
        log(`five profiles with mode, region and masked key; rsa: "${detail?.trim()}"; accepting it keeps the picker open`);
      },
    },
    {
      n: 3, name: 'second', run: async ({ page, log }) => {
        emulator.clearRequests();
        await switchTo(page, 'second');
        await expectDescription(page, `aliyun CLI profile second ${mask(secondAccount.accessKeyId)}`);
        await expectStatus(page, 'Alibaba Cloud: second');
        const ids = await clusterRows(page);
        equal(JSON.stringify(ids), JSON.stringify([SECOND_ACCOUNT_IDS.adb]), 'clusters after the switch');
        equal(JSON.stringify(signers(emulator)), JSON.stringify([secondAccount.accessKeyId]), 'keys that signed after the switch');
        log(`"second" in use: the tree lists ${ids.join(', ')} only, the description says ${mask(secondAccount.accessKeyId)}, the status bar "second"`);
      },
    },
    {
      n: 4, name: 'late-answers', run: async ({ page, log }) => {
        await collapseAll(page).catch(() => {});
        emulator.clearRequests();
        emulator.setLatency(3000);
        try {
          await switchTo(page, 'main');
          await until(async () => emulator.requests().length > 0 || emulator.stats().inFlight > 0, 'a request of main in flight', { timeout: 10_000 });
          await switchTo(page, 'second');
          await expectDescription(page, `aliyun CLI profile second ${mask(secondAccount.accessKeyId)}`);
          const ids = await clusterRows(page);
          // main's answers arrive in the meantime (3 s each): give them every chance to land.
          await page.waitForTimeout(4000);
          const after = await viewOf(page).locator('.monaco-list-row .label-name').allInnerTexts();
          equal(JSON.stringify(after.filter((t) => t.startsWith('am-'))), JSON.stringify([SECOND_ACCOUNT_IDS.adb]), 'clusters once main\'s late answers came');
          const mainCalls = emulator.requests().filter((r) => r.accessKeyId === normal.accessKeyId);
          check(mainCalls.length > 0, 'main never sent a request, so nothing was late');
          log(`${mainCalls.length} of main's requests answered late; the tree shows ${ids.join(', ')} only`);
        } finally {
          emulator.setLatency(0);
        }
      },
    },
    {
      n: 5, name: 'expired', run: async ({ page, log }) => {
        await collapseAll(page).catch(() => {});
        emulator.clearRequests();
        await switchTo(page, 'expired');
        const row = treeRow(viewOf(page), ERROR_ROW).first();
        await row.waitFor({ timeout: 30_000 });
        const label = await row.locator('.label-name').innerText();
        check(label.includes('InvalidSecurityToken.Expired'), `the error row does not give the code: ${label}`);
        equal(await treeRow(viewOf(page), REGION).count(), 0, `rows for ${REGION} with the expired profile`);
        equal(JSON.stringify(signers(emulator)), JSON.stringify([sts.accessKeyId]), 'keys that signed (no fall-through)');
        log(`error row "${label}"; only ${mask(sts.accessKeyId)} was tried`);
      },
    },
    {
      n: 6, name: 'reload', run: async ({ page, log }) => {
        await switchTo(page, 'second');
        await expectDescription(page, `aliyun CLI profile second ${mask(secondAccount.accessKeyId)}`);
        // The web workbench writes globalState to IndexedDB a moment after the extension stored it; a reload sooner
        // than a person would make loses the write (desktop VS Code writes it at shutdown).
        await until(() => pickStored(page, 'second'), 'the pick of "second" written to the browser\'s storage', { timeout: 15_000 });
        emulator.clearRequests();
        await page.reload();
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        await openViewContainer(page, CONTAINER);
        await expectDescription(page, `aliyun CLI profile second ${mask(secondAccount.accessKeyId)}`);
        await expectStatus(page, 'Alibaba Cloud: second');
        const ids = await clusterRows(page);
        equal(JSON.stringify(ids), JSON.stringify([SECOND_ACCOUNT_IDS.adb]), 'clusters after the reload');
        equal(JSON.stringify(signers(emulator)), JSON.stringify([secondAccount.accessKeyId]), 'keys that signed after the reload');
        log('after a reload "second" is still in use (globalState), in the description and the status bar');
      },
    },
    {
      n: 7, name: 'file-edit', run: async ({ page, log }) => {
        emulator.clearRequests();
        fs.writeFileSync(configFile, JSON.stringify(cliConfig(emulator, normal), null, 2));
        await expectDescription(page, `aliyun CLI profile second ${mask(normal.accessKeyId)}`);
        await expectStatus(page, 'Alibaba Cloud: second');
        const tooltip = await statusTooltip(page);
        check(tooltip.text.includes(`AccessKey ID: ${mask(normal.accessKeyId)}`), `the status tooltip does not give main's masked key: ${tooltip.text}`);
        const ids = await clusterRows(page);
        check(ids.includes(SAMPLE_IDS.adb.big), `main's clusters after the edit, not ${ids.join(', ')}`);
        log(`config.json edited ("second" now holds main's key): the view and the status tooltip followed without a Refresh (${ids.length} clusters)`);
      },
    },
    {
      n: 8, name: 'ram-role', run: async ({ page, log }) => {
        await collapseAll(page).catch(() => {});
        emulator.clearRequests();
        await switchTo(page, 'role');
        await expectDescription(page, 'aliyun CLI profile role STS.****');
        const ids = await clusterRows(page);
        check(ids.includes(SAMPLE_IDS.adb.big), `main's clusters through the role, not ${ids.join(', ')}`);
        const calls = emulator.requests();
        const assume = calls.filter((r) => r.action === 'AssumeRole');
        check(assume.length >= 1 && assume.every((r) => r.accessKeyId === normal.accessKeyId && r.status === 200), `AssumeRole signed with main's key: ${JSON.stringify(assume.map((r) => [r.accessKeyId, r.status]))}`);
        const listing = calls.filter((r) => r.action !== 'AssumeRole');
        check(listing.length > 0 && listing.every((r) => /^STS\.EMULATOR_ASSUMED_\d{4}$/.test(r.accessKeyId ?? '') && r.status === 200), `the tree listed with the temporary key: ${JSON.stringify(listing.map((r) => [r.action, r.accessKeyId, r.status]))}`);
        log(`AssumeRole at ${emulator.tlsEndpoint} (TLS) signed with ${mask(normal.accessKeyId)}; ${listing.length} listing requests signed with ${mask(listing[0].accessKeyId)}`);
      },
    },
    {
      n: 9, name: 'status-click', run: async ({ page, log }) => {
        await expectStatus(page, 'Alibaba Cloud: role');
        await identityItem(page).click();
        const widget = page.locator('.quick-input-widget');
        await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'Default chain' }).first().waitFor({ timeout: 15_000 });
        const text = await widget.innerText();
        check(text.includes('Switch Profile') && text.includes('second'), `the status bar click did not open Switch Profile…: ${text}`);
        await page.keyboard.press('Escape');
        await widget.waitFor({ state: 'hidden', timeout: 5_000 });
        log('a click on "Alibaba Cloud: role" opened the Switch Profile picker');
      },
    },
    {
      n: 10, name: 'icon-name', run: async ({ page, log }) => {
        fs.writeFileSync(configFile, JSON.stringify(cliConfig(emulator, secondAccount, [{ ...cliConfig(emulator).profiles[0], name: ICON_NAME }]), null, 2));
        await switchTo(page, 'alert');
        await expectStatus(page, `Alibaba Cloud: ${ICON_NAME}`);
        equal(await identityItem(page).locator('.codicon').count(), 0, 'icons drawn in the status-bar item');
        const tooltip = await statusTooltip(page);
        check(tooltip.text.includes(`aliyun CLI profile "${ICON_NAME}" (AK)`), `the tooltip does not name the profile as typed: ${tooltip.text}`);
        equal(tooltip.elements, 0, 'icons, links or images drawn in the status tooltip');
        log(`status bar "${await identityText(page)}" with no icon; tooltip "${tooltip.text}"`);
      },
    },
    {
      n: 11, name: 'failing', run: async ({ page, log }) => {
        // The view out of sight: its tree does not reload, the status bar must follow on its own.
        await runCommand(page, 'View: Show Explorer');
        await page.locator('.part.sidebar .composite.title', { hasText: /explorer/i }).waitFor({ timeout: 10_000 });
        fs.writeFileSync(configFile, JSON.stringify(cliConfig(emulator), null, 2));
        await until(async () => (await identityItem(page).locator('.codicon-warning').count()) === 1, 'a warning icon in the status-bar item', { timeout: 30_000 });
        const text = await identityText(page);
        equal(text, `Alibaba Cloud: ${ICON_NAME}`, 'the status bar of the failing profile');
        equal(await identityItem(page).locator('.codicon').count(), 1, 'icons drawn in the status-bar item (the warning only)');
        const tooltip = await statusTooltip(page);
        check(tooltip.text.includes(`aliyun CLI profile "${ICON_NAME}" in ~/.aliyun/config.json could not be used`), `the tooltip does not say why: ${tooltip.text}`);
        await openViewContainer(page, CONTAINER);
        log(`with the Explorer shown: status bar "$(warning) ${text}"; tooltip "${tooltip.text}"`);
      },
    },
    {
      n: 12, name: 'nothing', run: async ({ page, log }) => {
        await switchTo(page, 'Default chain');
        await expectStatus(page, 'Alibaba Cloud: main');
        fs.rmSync(configFile);
        await until(async () => !(await identityItem(page).isVisible()), 'the status-bar item hidden', { timeout: 30_000 });
        await sidebar(page).getByText('Set Access Key').first().waitFor({ timeout: 15_000 });
        log('Default chain with no config.json: no status-bar item, the welcome view offers Set Access Key');
      },
    },
  ];
}

// The emulator's TLS port serves STS, trusted by the extension host through NODE_EXTRA_CA_CERTS.
const certificate = makeTestCertificate();

await runWalk({
  name: 'profiles',
  emulator: { tls: certificate },
  // No key in the environment: the aliyun CLI profiles sign.
  signedIn: false,
  env: { NODE_EXTRA_CA_CERTS: certificate.certFile },
  settings: {
    'alibabaCloudBackups.regions': [REGION],
    'alibabaCloudBackups.products': ['adb'],
    // VS Code's proxy agent otherwise hands https requests the OS store and Node's built-in roots as their only
    // CAs, which leaves out NODE_EXTRA_CA_CERTS (people trust a private STS's CA through the OS store instead).
    'http.systemCertificates': false,
  },
  // The profiles file is in place before the view opens (and the extension reads it).
  steps: ({ emulator, wb }) => {
    const configFile = path.join(wb.scratch, 'cs-home', '.aliyun', 'config.json');
    fs.mkdirSync(path.dirname(configFile), { recursive: true });
    fs.writeFileSync(configFile, JSON.stringify(cliConfig(emulator), null, 2));
    return makeSteps(emulator, wb);
  },
  region: REGION,
  sideBarWidth: 700,
});
