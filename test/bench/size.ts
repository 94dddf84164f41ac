// Figure 4: what users download and load: the bundle, the .vsix, and which modules fill the bundle (esbuild's
// metafile, written by esbuild.js).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Report } from './report';

const KB = 1024;

interface Metafile {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
}

/** node_modules/@scope/name/… → @scope/name; src/… stays src (the extension's own code). */
function packageOf(file: string): string {
  const parts = file.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return parts[0];
  return parts[at + 1].startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
}

export function sizeFigures(report: Report, root: string): void {
  const bundle = path.join(root, 'dist/extension.js');
  const vsix = path.join(root, 'dist/alibaba-cloud-backup-explorer.vsix');
  const meta = path.join(root, 'dist/meta.json');
  if (!fs.existsSync(bundle) || !fs.existsSync(meta)) throw new Error('dist/extension.js or dist/meta.json is missing: run `npm run build`');
  // A package older than the bundle measures old code: package again (`npm run package` also rebuilds).
  if (!fs.existsSync(vsix) || fs.statSync(vsix).mtimeMs < fs.statSync(bundle).mtimeMs) {
    const run = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) {
      const why = `${run.stdout}\n${run.stderr}`.split('\n').find((l) => /error/i.test(l))?.trim() ?? `exit code ${run.status}`;
      report.error('.vsix', new Error(`npm run package failed: ${why}`));
    }
  }
  report.target('dist/extension.js', fs.statSync(bundle).size / KB, 'KiB', '≤', 250);
  if (fs.existsSync(vsix) && fs.statSync(vsix).mtimeMs >= fs.statSync(bundle).mtimeMs) {
    report.target('.vsix', fs.statSync(vsix).size / KB, 'KiB', '≤', 250);
  }

  const output = (JSON.parse(fs.readFileSync(meta, 'utf8')) as Metafile).outputs['dist/extension.js'];
  if (!output) throw new Error('dist/meta.json has no output dist/extension.js');
  const inputs = Object.entries(output.inputs).map(([file, { bytesInOutput }]) => ({ file, bytes: bytesInOutput }));
  const total = inputs.reduce((sum, i) => sum + i.bytes, 0);
  const share = (bytes: number): string => `${((100 * bytes) / total).toFixed(1)} % of module bytes`;
  for (const { file, bytes } of [...inputs].sort((a, b) => b.bytes - a.bytes).slice(0, 10)) {
    report.info(`module ${file.replace(/^node_modules\//, '')}`, bytes / KB, 'KiB', share(bytes));
  }
  const packages = new Map<string, number>();
  for (const { file, bytes } of inputs) packages.set(packageOf(file), (packages.get(packageOf(file)) ?? 0) + bytes);
  for (const [name, bytes] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
    report.info(`package ${name}`, bytes / KB, 'KiB', share(bytes));
  }
}
