// Tree tooltips show API strings: they are redacted like every other field that reaches the screen.
import '../reliability/vscodeStub';
import * as assert from 'assert';
import { fieldsTooltip } from '../../src/explorer/presentation';
import type { MarkdownPiece } from '../reliability/vscodeStub';

describe('tree tooltips', () => {
  it('redacts the title and every value, escaped or not', () => {
    const sig = 'VG9vbHRpcFNpZ25hdHVyZQ';
    const md = fieldsTooltip(`Backup x?Signature=${sig}`, [
      ['Status', `failed: https://b/x?Expires=1&amp;Signature=${sig}`],
      ['Type', `{"SecurityToken":"plaintoken0005"}`],
      ['Name', 'nightly "full" & weekly'],
    ]) as unknown as { pieces: MarkdownPiece[]; value: string };
    const all = JSON.stringify(md.pieces);
    assert.ok(!all.includes(sig) && !all.includes('plaintoken0005'), all);
    assert.ok(md.pieces.some((p) => p.kind === 'text' && p.value === 'nightly "full" & weekly'), 'innocent values unchanged');
  });
});
