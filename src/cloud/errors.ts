import type { ProductId } from './types';
import { redact } from './redact';

export type CloudErrorKind =
  | 'auth'
  | 'permission'
  | 'throttled'
  | 'notFound'
  | 'badParameter'
  | 'timeout'
  | 'network'
  | 'server'
  | 'malformedResponse'
  | 'responseTooLarge'
  /** The endpoint's TLS certificate was refused: asking again cannot help. */
  | 'certificate'
  /** A bounded read stopped before the list's end without finding what it looked for. */
  | 'limitReached'
  | 'noCredentials';

const RETRYABLE: ReadonlySet<CloudErrorKind> = new Set(['throttled', 'timeout', 'network', 'server', 'malformedResponse']);

export interface CloudErrorFields {
  product: ProductId;
  action: string;
  kind: CloudErrorKind;
  code: string;
  message: string;
  requestId?: string;
  httpStatus?: number;
}

/** The one error type the cloud layer throws: what failed, why, and the ids support will ask for. */
export class CloudError extends Error {
  readonly product: ProductId;
  readonly action: string;
  readonly kind: CloudErrorKind;
  readonly code: string;
  readonly requestId?: string;
  readonly httpStatus?: number;

  constructor(fields: CloudErrorFields) {
    const message = redact(fields.message);
    super(message);
    this.name = 'CloudError';
    this.product = fields.product;
    this.action = fields.action;
    this.kind = fields.kind;
    // The code and RequestId come from the response too: as untrusted as the message.
    this.code = redact(fields.code);
    this.requestId = fields.requestId === undefined ? undefined : redact(fields.requestId);
    this.httpStatus = fields.httpStatus;
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }

  /** One line for people and logs: code, message and RequestId, never a secret. */
  describe(): string {
    const id = this.requestId ? ` (RequestId ${this.requestId})` : '';
    return `${this.product} ${this.action}: ${this.code}: ${this.message}${id}`;
  }
}

/** Thrown when the caller gave up (refresh, closed view); never shown as a failure. */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}
