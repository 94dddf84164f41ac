import { randomUUID } from 'crypto';

export type Product = 'adb' | 'dds' | 'dbs' | 'rds' | 'polardb' | 'r-kvstore';

/** An error answered in the gateway's JSON envelope. Handlers and the auth layer throw it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra top-level body fields, e.g. AccessDeniedDetail. */
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  /** Diagnostics for the request log only (e.g. the server's canonical request); never sent to the client. */
  detail?: string;
}

/** Upper-case UUID, the shape of Alibaba Cloud request IDs. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

/** The hosts the public endpoints resolve to; used as HostId the way the real gateway reports its own name. */
export const PRODUCT_HOSTS: Readonly<Record<Product, string>> = {
  adb: 'adb.aliyuncs.com',
  polardb: 'polardb.aliyuncs.com',
  dds: 'mongodb.aliyuncs.com',
  dbs: 'dbs-api.cn-hangzhou.aliyuncs.com',
  rds: 'rds.aliyuncs.com',
  'r-kvstore': 'r-kvstore.aliyuncs.com',
};

/** Product codes as the troubleshooting site spells them. */
const TROUBLESHOOT_PRODUCT: Readonly<Record<Product, string>> = { adb: 'adb', polardb: 'polardb', dds: 'Dds', dbs: 'Dbs', rds: 'Rds', 'r-kvstore': 'R-kvstore' };

export function errorBody(err: ApiError, requestId: string, product: Product | undefined, hostHeader: string): object {
  const hostId = product ? PRODUCT_HOSTS[product] : hostHeader;
  const p = product ? TROUBLESHOOT_PRODUCT[product] : '';
  const recommend =
    `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}` +
    `&product=${encodeURIComponent(p)}&requestId=${encodeURIComponent(requestId)}`;
  return { RequestId: requestId, HostId: hostId, Code: err.code, Message: err.message, Recommend: recommend, ...err.extra };
}

// Messages follow the public gateway where it is known (see docs/alibaba-api-contract.md, section 4).
export const gatewayErrors = {
  incompleteSignature: (detail?: string) =>
    new ApiError(
      400,
      'IncompleteSignature',
      'The request signature does not conform to Aliyun standards.' + (detail ? ` ${detail}` : ''),
    ),
  signatureMismatch: () => new ApiError(400, 'SignatureDoesNotMatch', 'Specified signature does not match our calculation.'),
  accessKeyNotFound: () => new ApiError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.'),
  accessKeyInactive: () => new ApiError(400, 'InvalidAccessKeyId.Inactive', 'Specified access key is disabled.'),
  timestampExpired: (value: string) =>
    new ApiError(400, 'InvalidTimeStamp.Expired', `Specified time stamp or date value is expired. The value is ${value}.`),
  timestampFormat: (value: string) =>
    new ApiError(400, 'InvalidTimeStamp.Format', `Specified time stamp or date value is not well formatted: ${value}.`),
  nonceUsed: () => new ApiError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.'),
  tokenMissing: () => new ApiError(400, 'InvalidSecurityToken.Malformed', 'Specified SecurityToken is malformed.'),
  tokenMismatch: () =>
    new ApiError(400, 'InvalidSecurityToken.MismatchWithAccessKey', 'Specified SecurityToken mismatch with the AccessKey.'),
  tokenExpired: () => new ApiError(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.'),
  missingParameter: (name: string) =>
    new ApiError(
      400,
      'MissingParameter',
      `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    ),
  invalidVersion: () => new ApiError(400, 'InvalidVersion', 'Specified parameter Version is not valid.'),
  actionNotFound: () =>
    new ApiError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.'),
  unsupportedMethod: () => new ApiError(400, 'UnsupportedHTTPMethod', 'This http method is not supported.'),
  throttled: () => new ApiError(400, 'Throttling.User', 'Request was denied due to user flow control.'),
  unavailable: () =>
    new ApiError(503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.'),
  internal: () =>
    new ApiError(500, 'InternalError', 'The request processing has failed due to some unknown error, exception or failure.'),
  invalidRegion: () => new ApiError(400, 'InvalidRegionId.NotFound', 'The specified region does not exist.'),
};

/** The 403 a key without RAM permission gets; adb/dds answer Forbidden.RAM, DBS its own Request.Forbidden. */
export function forbidden(product: Product, action: string, accessKeyId: string): ApiError {
  if (product === 'dbs') {
    return new ApiError(403, 'Request.Forbidden', 'Have no Permissions');
  }
  return new ApiError(
    403,
    'Forbidden.RAM',
    "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
    {
      AccessDeniedDetail: {
        AuthAction: `${product}:${action}`,
        AuthPrincipalType: 'SubUser',
        AuthPrincipalDisplayName: `emulator-user(${accessKeyId})`,
        AuthPrincipalOwnerId: '1234567890123456',
        PolicyType: 'AccountLevelIdentityBasedPolicy',
        NoPermissionType: 'ImplicitDeny',
        EncodedDiagnosticMessage: Buffer.from(`emulator: no policy allows ${product}:${action}`).toString('base64'),
      },
    },
  );
}
