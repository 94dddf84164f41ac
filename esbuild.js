// Bundles the extension into one minified file; `--watch` rebuilds on change, `--dev` keeps it readable.
const esbuild = require('esbuild');
const fs = require('fs');

const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');

async function main() {
  const ctx = await esbuild.context({
    // The download's CRC-64 runs on a worker thread, which loads its own file next to the extension's.
    entryPoints: { extension: 'src/extension.ts', crc64Worker: 'src/download/crc64Worker.ts' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outdir: 'dist',
    external: ['vscode'],
    // Dead weight for these JSON APIs, replaced by small files of our own (see each file's note).
    alias: {
      '@alicloud/tea-xml': './src/cloud/xmlErrorBody.ts',
      debug: './src/cloud/silentDebug.ts',
    },
    minify: !dev,
    sourcemap: dev,
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
  });
  if (watch) {
    await ctx.watch();
    return;
  }
  const result = await ctx.rebuild();
  fs.writeFileSync('dist/meta.json', JSON.stringify(result.metafile));
  await ctx.dispose();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
