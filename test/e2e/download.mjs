#!/usr/bin/env node
// Download Backup… in a real VS Code workbench (code-server + headless Chromium) against the in-process emulator,
// which serves the backup files at the download URLs it hands out (`downloads: true`).
//
// Usage: node test/e2e/download.mjs [1.100.3] [1.139.1]          (no argument: both versions)
//   needs `npm run package` (the .vsix) and `npx tsc -p .` (out/test/emulator)
//
// One workbench per version, the emulator's key in the environment, region cn-hangzhou, RDS only, page size 100,
// code-server's simple file dialog (a quick input that takes a typed path):
//   1 download-reset  on rm-bp1mysql000000001's smallest backup (about 360 MiB) Download Backup… from the context
//                     menu, Public URL, a path typed into the save dialog; the emulator drops the connection after
//                     100 MB and then sends slowly (so the progress shows): the notification reports completion, the
//                     file has the backup's BackupSize and the SHA-256 of the bytes the emulator made, no .part is
//                     left, and the emulator saw exactly one Range request, after the reset, from where the file ended
//                     (the extension's log says where: at most the 100 MB sent, less what Node still had queued)
// Screenshots: test-results/download-<version>-<n>-<name>[-progress].png
import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { expandPath, readChannelLog, scrollToRow, treeRow } from './workbench.mjs';
import { CHANNEL, PRODUCT_TITLES, check, equal, smallestBackup, downloadRow, until, viewOf } from '../reliability/e2eKit.mjs';
import { prepareWalk, runWalk } from './walkRunner.mjs';

const REGION = 'cn-hangzhou';
const RESET_AFTER = 100_000_000;

const { SAMPLE_IDS } = prepareWalk('download');

function sha256(file) {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    fs.createReadStream(file).on('data', (c) => hash.update(c)).on('end', () => resolve(hash.digest('hex'))).on('error', reject);
  });
}

function makeSteps(emulator, wb) {
  return [
    {
      n: 1, name: 'download-reset', run: async ({ page, log, shot }) => {
        const view = viewOf(page);
        const instance = SAMPLE_IDS.rds.mysql;
        const backup = smallestBackup(emulator, instance);
        const target = path.join(wb.server.folder, `backup-${backup.id}.tar.gz`);
        await expandPath(view, [REGION, PRODUCT_TITLES.rds, instance]);
        const row = await scrollToRow(view, treeRow(view, backup.id), { timeout: 20_000 });
        emulator.clearRequests();
        emulator.injectFault({ kind: 'resetMidFile', afterBytes: RESET_AFTER, times: 1 });
        emulator.injectFault({ kind: 'slowLink', bytesPerSecond: 48 * 1024 * 1024, times: 1 });
        await downloadRow(page, row, target);
        const progress = page.locator('.notification-toast', { hasText: 'Downloading backup' }).first();
        await until(async () => /\d+% ?\)/.test(await progress.innerText().catch(() => '')), 'the progress notification with a percentage', { timeout: 60_000 });
        await shot('progress');
        const done = page.locator('.notification-toast', { hasText: 'Backup downloaded' }).first();
        await done.waitFor({ timeout: 180_000 });
        check((await done.innerText()).includes('size and CRC-64 checksum match.'), `the completion does not say size and CRC-64 were checked: ${await done.innerText()}`);
        equal(fs.statSync(target).size, backup.size, 'size of the file on disk');
        // The Range request starts where the file ended when the connection broke, as the extension's log says.
        const ended = readChannelLog(wb.server, CHANNEL).map((l) => /Backup \d+: The connection failed at byte (\d+) /.exec(l)?.[1]).find(Boolean);
        check(ended && Number(ended) <= RESET_AFTER, `the log does not say where the file ended after the reset (${ended})`);
        const gets = emulator.requests().filter((r) => r.action === 'GetObject');
        equal(gets.map((r) => `${r.status} ${r.params.Range ?? '-'} ${r.code ?? '-'}`).join(' | '), `200 - resetMidFile | 206 bytes=${ended}- slowLink`, 'the GetObject requests');
        const expected = emulator.fileSha256(`${emulator.url}/__files/${gets[0].params.object}`);
        equal(await sha256(target), expected, 'SHA-256 of the file against the bytes the emulator made');
        const left = fs.readdirSync(wb.server.folder).filter((f) => f.endsWith('.part'));
        equal(left.join(','), '', '.part files left');
        log(`backup ${backup.id}: ${backup.size} bytes, reset after ${RESET_AFTER}, one Range request from ${ended}, SHA-256 and CRC-64 match`);
        fs.rmSync(target);
      },
    },
  ];
}

await runWalk({
  name: 'download',
  emulator: { downloads: true },
  settings: {
    'alibabaCloudBackups.regions': [REGION],
    'alibabaCloudBackups.products': ['rds'],
    'alibabaCloudBackups.pageSize': 100,
    'files.simpleDialog.enable': true,
  },
  region: REGION,
  sideBarWidth: 700,
  tidyTree: true,
  steps: ({ emulator, wb }) => makeSteps(emulator, wb),
});
