import { CloudError, type CloudErrorKind } from './errors';
import { ResponseTooLargeError } from './responseCap';
import { isRawObject, type ProductId, type RawObject, type RawValue } from './types';

/** The fields of the client's ResponseError that we read (it throws one for every 4xx/5xx with a JSON body). */
interface ClientResponseError {
  code: string;
  statusCode?: number;
  data?: RawObject;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/** OpenSSL's and Node's codes for a certificate that was not accepted (self-signed, unknown CA, expired, other host). */
const CERTIFICATE_CODES = /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET_ISSUER_CERT(_LOCALLY)?|VERIFY_LEAF_SIGNATURE)|CERT_[A-Z_]+|ERR_TLS_CERT_ALTNAME_INVALID)$/;

/** Whether Node's error code says a TLS certificate was refused: asking again cannot help. */
export function isCertificateCode(code: string | undefined): boolean {
  return code !== undefined && CERTIFICATE_CODES.test(code);
}

function isClientResponseError(err: unknown): err is ClientResponseError {
  return err instanceof Error && typeof (err as Partial<ClientResponseError>).code === 'string' && isRawObject((err as { data?: RawValue }).data);
}

function text(value: RawValue | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Classifies an API error Code (with its HTTP status as a fallback) into what a person can act on. */
export function kindOfCode(code: string, status: number | undefined): CloudErrorKind {
  if (/^Throttling/i.test(code)) return 'throttled';
  if (/^(SignatureDoesNotMatch|IncompleteSignature|InvalidAccessKeyId|InvalidSecurityToken|InvalidTimeStamp|SignatureNonceUsed|InvalidCredentials)/.test(code)) return 'auth';
  if (/Forbidden|NoPermission|CheckFailed/i.test(code) || status === 403) return 'permission';
  if (/NotFound$/.test(code) || status === 404) return 'notFound';
  if (code === 'InternalError' || code === 'ServiceUnavailable' || (status !== undefined && status >= 500)) return 'server';
  return 'badParameter';
}

/** Turns whatever the client or Node threw into a CloudError; the raw error text is never passed on unredacted. */
export function toCloudError(err: unknown, product: ProductId, action: string): CloudError {
  if (err instanceof CloudError) return err;
  const base = { product, action };
  if (err instanceof ResponseTooLargeError) {
    return new CloudError({ ...base, kind: 'responseTooLarge', code: 'ResponseTooLarge', message: err.message });
  }
  if (isClientResponseError(err)) {
    const data = err.data ?? {};
    const status = err.statusCode;
    const code = err.code && err.code !== 'undefined' ? err.code : `HTTP${status ?? ''}`;
    return new CloudError({
      ...base,
      kind: kindOfCode(code, status),
      code,
      message: text(data.Message) ?? text(data.message) ?? `HTTP ${status ?? '?'}`,
      requestId: text(data.RequestId) ?? text(data.requestId),
      httpStatus: status,
    });
  }
  if (err instanceof SyntaxError) {
    // The client parses every body as JSON: an HTML gateway page or a cut-off body surfaces only as this.
    const html = /Unexpected token '?</.test(err.message);
    return new CloudError({
      ...base,
      kind: html ? 'server' : 'malformedResponse',
      code: html ? 'HtmlErrorPage' : 'MalformedResponse',
      message: html ? 'The gateway answered with an HTML error page instead of JSON.' : 'The response was not valid JSON (it may have been cut off).',
    });
  }
  if (err instanceof Error) {
    const nodeCode = (err as NodeJS.ErrnoException).code;
    if (err.name === 'RequestTimeoutError' || /Timeout/.test(err.name)) {
      return new CloudError({ ...base, kind: 'timeout', code: 'RequestTimeout', message: 'The request timed out.' });
    }
    if ((nodeCode && NETWORK_CODES.has(nodeCode)) || /socket hang up/i.test(err.message)) {
      const code = nodeCode ?? 'ECONNRESET';
      return new CloudError({ ...base, kind: 'network', code, message: `The endpoint could not be reached (${code}).` });
    }
    if (nodeCode && isCertificateCode(nodeCode)) {
      // Node's own words come with the URL appended by the HTTP layer: the code says it, the message says what to do.
      return new CloudError({
        ...base,
        kind: 'certificate',
        code: nodeCode,
        message: "The endpoint's TLS certificate was not accepted. If a proxy or gateway re-signs TLS, add its certificate authority to the operating system's store.",
      });
    }
    return new CloudError({ ...base, kind: 'malformedResponse', code: err.name || 'Error', message: err.message });
  }
  return new CloudError({ ...base, kind: 'malformedResponse', code: 'Unknown', message: String(err) });
}

/** DBS answers some failures with HTTP 200 and `Success:false`; the client does not throw for those. */
export function checkSuccessBody(body: RawObject, product: ProductId, action: string): void {
  if (body.Success !== false) return;
  const code = text(body.ErrCode) ?? text(body.Code) ?? 'UnknownError';
  const status = typeof body.HttpStatusCode === 'number' ? body.HttpStatusCode : undefined;
  throw new CloudError({
    product,
    action,
    kind: kindOfCode(code, status),
    code,
    message: text(body.ErrMessage) ?? text(body.Message) ?? 'The request failed.',
    requestId: text(body.RequestId),
    httpStatus: status,
  });
}
