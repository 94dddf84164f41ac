// Run by profileRoles.test.ts in a process of its own, because NODE_EXTRA_CA_CERTS (the trust of the emulator's
// TLS port, which STS needs) is read only when Node starts: lists cn-hangzhou's AnalyticDB clusters signed as the
// aliyun CLI profile argv[3], against the emulator at argv[2], and prints what happened as one JSON line.
import { CloudClient } from '../../src/cloud/client';
import { CredentialSource, CredentialSourceError } from '../../src/cloud/credentials';
import { CloudError } from '../../src/cloud/errors';
import { fetchPage } from '../../src/cloud/paging';
import { adbClusters } from '../../src/products/adb';

async function main(): Promise<void> {
  const [url, profile] = process.argv.slice(2);
  const source = new CredentialSource(undefined, false, { kind: 'cliProfile', name: profile });
  const client = new CloudClient({ endpointOverrides: { adb: url }, timeoutMs: 5000, maxConcurrentRequests: 2, retry: { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 5 } }, source);
  try {
    const page = await fetchPage(client, adbClusters, { region: 'cn-hangzhou' }, 0, 30);
    const { accessKeyId } = await source.resolve();
    console.log(JSON.stringify({ ids: page.items.map((c) => c.id), accessKeyId }));
  } catch (err) {
    const kind = err instanceof CredentialSourceError ? 'source' : err instanceof CloudError ? 'cloud' : 'other';
    console.log(JSON.stringify({ error: kind, message: err instanceof Error ? err.message : String(err) }));
  }
}

void main();
