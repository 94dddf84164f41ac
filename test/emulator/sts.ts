import { issueTemporaryKey, type KnownKey } from './credentials';
import { ApiError, gatewayErrors } from './errors';

/** STS, the one action a RamRoleArn profile calls (@alicloud/credentials, providers/ram_role_arn.js). */
export const STS_VERSION = '2015-04-01';

const ROLE_ARN = /^acs:ram::\d{1,20}:role\/[\w.@-]{1,64}$/i;

/**
 * AssumeRole, signed like every other action (checked before this runs): temporary credentials of the assuming
 * key's account, which the emulator then accepts. A role named `denied` is refused as the real service refuses a
 * role the key may not assume.
 */
export function assumeRole(key: KnownKey, params: Readonly<Record<string, string>>, now: number): object {
  const roleArn = params.RoleArn;
  if (!roleArn) throw gatewayErrors.missingParameter('RoleArn');
  if (!ROLE_ARN.test(roleArn)) throw new ApiError(400, 'InvalidParameter.RoleArn', 'The parameter RoleArn is wrongly formed.');
  if (roleArn.toLowerCase().endsWith(':role/denied')) {
    throw new ApiError(403, 'NoPermission', 'You are not authorized to do this action. You should be authorized by RAM.');
  }
  const seconds = Math.min(Math.max(Number(params.DurationSeconds) || 3600, 900), 43200);
  const credentials = issueTemporaryKey(key.account);
  const session = params.RoleSessionName || 'session';
  return {
    AssumedRoleUser: { Arn: `${roleArn.replace(':role/', ':assumed-role/')}/${session}`, AssumedRoleId: `3000000000000000000:${session}` },
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      AccessKeySecret: credentials.accessKeySecret,
      SecurityToken: credentials.securityToken,
      Expiration: new Date(now + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
  };
}
