import { randomBytes } from 'crypto';

/**
 * Fixed, obviously fake key pairs the emulator accepts. None of them starts with `LTAI` so that secret scanners
 * and humans never mistake them for real Alibaba Cloud keys.
 */

export interface TestKeyPair {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

export interface TestStsCredentials extends TestKeyPair {
  readonly securityToken: string;
}

export const TEST_CREDENTIALS = {
  normal: { accessKeyId: 'EMULATOR_TEST_KEY_ID', accessKeySecret: 'emulator-test-secret-3f9a' },
  sts: {
    accessKeyId: 'STS.EMULATOR_TEST_ID',
    accessKeySecret: 'emulator-sts-secret-77c1',
    securityToken: 'emulator-sts-token-5d2e',
  },
  /** A token the emulator knows for the `sts` AccessKey but treats as expired. */
  expiredStsToken: 'emulator-sts-token-expired',
  inactive: { accessKeyId: 'EMULATOR_INACTIVE_KEY_ID', accessKeySecret: 'emulator-inactive-secret' },
  noPermission: { accessKeyId: 'EMULATOR_NOPERM_KEY_ID', accessKeySecret: 'emulator-noperm-secret' },
  /** Another account: it sees the second dataset (createSecondAccountDataset), not the sample one. */
  secondAccount: { accessKeyId: 'EMULATOR_SECOND_ACCOUNT_ID', accessKeySecret: 'emulator-second-secret-8b4d' },
} as const satisfies {
  normal: TestKeyPair;
  sts: TestStsCredentials;
  expiredStsToken: string;
  inactive: TestKeyPair;
  noPermission: TestKeyPair;
  secondAccount: TestKeyPair;
};

export type KeyState = 'active' | 'inactive' | 'noPermission';

export interface KnownKey {
  readonly accessKeyId: string;
  readonly secret: string;
  readonly state: KeyState;
  /** Present for STS keys: the valid token and the tokens known to be expired. */
  readonly sts?: { readonly validToken: string; readonly expiredTokens: readonly string[] };
  /** The account whose resources the key sees; absent: the main one (the emulator's dataset). */
  readonly account?: 'second';
}

const KEYS: readonly KnownKey[] = [
  { accessKeyId: TEST_CREDENTIALS.normal.accessKeyId, secret: TEST_CREDENTIALS.normal.accessKeySecret, state: 'active' },
  {
    accessKeyId: TEST_CREDENTIALS.sts.accessKeyId,
    secret: TEST_CREDENTIALS.sts.accessKeySecret,
    state: 'active',
    sts: { validToken: TEST_CREDENTIALS.sts.securityToken, expiredTokens: [TEST_CREDENTIALS.expiredStsToken] },
  },
  { accessKeyId: TEST_CREDENTIALS.inactive.accessKeyId, secret: TEST_CREDENTIALS.inactive.accessKeySecret, state: 'inactive' },
  {
    accessKeyId: TEST_CREDENTIALS.noPermission.accessKeyId,
    secret: TEST_CREDENTIALS.noPermission.accessKeySecret,
    state: 'noPermission',
  },
  { accessKeyId: TEST_CREDENTIALS.secondAccount.accessKeyId, secret: TEST_CREDENTIALS.secondAccount.accessKeySecret, state: 'active', account: 'second' },
];

/** Temporary keys handed out by AssumeRole (sts.ts), accepted like the fixed ones until the process ends. */
const issued: KnownKey[] = [];

export function findKey(accessKeyId: string): KnownKey | undefined {
  return KEYS.find((k) => k.accessKeyId === accessKeyId) ?? issued.find((k) => k.accessKeyId === accessKeyId);
}

/** A new STS key of `account` (the assuming key's), with its token; the emulator accepts it from now on. */
export function issueTemporaryKey(account: KnownKey['account']): TestStsCredentials {
  const n = issued.length + 1;
  const key: TestStsCredentials = {
    accessKeyId: `STS.EMULATOR_ASSUMED_${String(n).padStart(4, '0')}`,
    accessKeySecret: `emulator-assumed-secret-${randomBytes(6).toString('hex')}`,
    securityToken: `emulator-assumed-token-${randomBytes(12).toString('hex')}`,
  };
  issued.push({ accessKeyId: key.accessKeyId, secret: key.accessKeySecret, state: 'active', account, sts: { validToken: key.securityToken, expiredTokens: [] } });
  return key;
}
