import { CloudClient, type CallRecord, type CloudSettings } from '../../src/cloud/client';
import { CredentialSource, type AccessKey } from '../../src/cloud/credentials';
import { startEmulator, type RunningEmulator, type StartOptions } from '../emulator';
import { TEST_CREDENTIALS } from '../emulator/credentials';

export const TEST_KEY: AccessKey = TEST_CREDENTIALS.normal;

export interface Harness {
  emulator: RunningEmulator;
  calls: CallRecord[];
  client(options?: { key?: AccessKey; settings?: Partial<CloudSettings> }): CloudClient;
}

/** Starts an emulator for the suite and builds real signing clients pointed at it (fast retries, short waits). */
export function useEmulator(options: StartOptions = {}): Harness {
  const harness = { calls: [] as CallRecord[] } as Harness;
  before(async () => {
    harness.emulator = await startEmulator(options);
  });
  after(async () => {
    await harness.emulator.close();
  });
  beforeEach(() => {
    harness.emulator.clearFaults();
    harness.emulator.clearRequests();
    harness.emulator.resetStats();
    harness.emulator.setLatency(options.latencyMs ?? 0);
    harness.calls.length = 0;
  });
  harness.client = ({ key = TEST_KEY, settings = {} } = {}) => {
    const url = harness.emulator.url;
    return new CloudClient(
      {
        endpointOverrides: { adb: url, dds: url, dbs: url },
        timeoutMs: 2000,
        maxConcurrentRequests: 8,
        retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
        ...settings,
      },
      new CredentialSource(key),
      (record) => harness.calls.push(record),
    );
  };
  return harness;
}

/** Runs a promise that must fail and returns its error. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure, got a result');
}
