// Open as JSON in the real extension host: one read-only document per product, region and ID, whose text is
// dropped once the document closes.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Backup } from '../../src/cloud/models';
import { heldJsonDocuments, openAsJson } from '../../src/webview/jsonDocument';

function backupIn(region: string): Backup {
  return { product: 'adb', region, resourceId: 'am-bp1same000000001', id: '3001000001', status: 'success', raw: { BackupId: '3001000001', Region: region } };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const end = Date.now() + timeoutMs; !condition(); ) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

describe('Open as JSON documents', () => {
  it('the same backup ID in two regions opens two documents, each with its own region', async () => {
    const hangzhou = await openAsJson({ kind: 'backup', backup: backupIn('cn-hangzhou') });
    const beijing = await openAsJson({ kind: 'backup', backup: backupIn('cn-beijing') });
    assert.notStrictEqual(hangzhou.document.uri.toString(), beijing.document.uri.toString());
    assert.match(hangzhou.document.getText(), /"Region": "cn-hangzhou"/);
    assert.match(beijing.document.getText(), /"Region": "cn-beijing"/);
    assert.strictEqual(hangzhou.document.isDirty, false);
  });

  it('closing the documents lets their texts go', async () => {
    assert.ok(heldJsonDocuments() >= 1);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.ok(await until(() => heldJsonDocuments() === 0, 15_000), `${heldJsonDocuments()} JSON texts are still held after their editors closed`);
  });
});
