/**
 * Runs the emulator as a process for e2e tests and demos:
 *   node out/test/emulator/cli.js [--port 4010] [--host 127.0.0.1] [--latency 0] [--large] [--url-expiry 3600] [--downloads]
 * Stays up until SIGINT/SIGTERM. Steer it through the HTTP control API under /__emulator/.
 */
import { createLargeDataset, createSampleDataset, startEmulator, TEST_CREDENTIALS } from './index';

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function numberOption(args: readonly string[], name: string, fallback: number): number {
  const raw = option(args, name);
  if (raw === undefined) {
    return fallback;
  }
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    throw new Error(`${name} needs a non-negative number, got ${raw}`);
  }
  return n;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log('usage: cli.js [--port 4010] [--host 127.0.0.1] [--latency MS] [--large] [--url-expiry SECONDS] [--downloads]');
    return;
  }
  const large = args.includes('--large');
  const emu = await startEmulator({
    port: numberOption(args, '--port', 4010),
    host: option(args, '--host'),
    latencyMs: numberOption(args, '--latency', 0),
    urlExpirySeconds: numberOption(args, '--url-expiry', 3600),
    dataset: large ? createLargeDataset() : createSampleDataset(),
    downloads: args.includes('--downloads'),
  });
  const { accessKeyId, accessKeySecret } = TEST_CREDENTIALS.normal;
  const overrides = { adb: emu.url, dds: emu.url, dbs: emu.url };
  console.log(`Alibaba Cloud API emulator listening on ${emu.url} (${large ? 'large' : 'sample'} dataset)`);
  console.log(`AccessKey ID:     ${accessKeyId}`);
  console.log(`AccessKey secret: ${accessKeySecret}`);
  console.log(`"alibabaCloudBackups.endpointOverrides": ${JSON.stringify(overrides)}`);
  console.log(`Control API: ${emu.url}/__emulator/health`);
  if (args.includes('--downloads')) console.log(`Backup files: served at the download URLs, under ${emu.url}/__files/`);

  const stop = (signal: string) => {
    console.log(`${signal}: shutting down`);
    void emu.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
