import { randomUUID } from 'node:crypto';
import type { InboundProblem, InboundReply } from '../../facets';
import type { MerchantErrorCause } from './wire';

/**
 * The merchant server's error body: `{"error":{"cause","code","message"}}`, with `invoiceId` beside it on the
 * check and notification answers. `code` is unique per error (a UUID, as Payneteasy's reference proxy does), so
 * support can find the log line.
 */
export function merchantError(status: number, cause: MerchantErrorCause, message: string, invoiceId?: string): InboundReply {
  return { status, body: { error: { cause, code: randomUUID(), message }, ...(invoiceId ? { invoiceId } : {}) } };
}

const PROBLEMS: Record<InboundProblem, [number, MerchantErrorCause, string]> = {
  unauthenticated: [401, 'INVALID_REQUEST', 'the session or access token does not match'],
  throttled: [429, 'SERVER_UNAVAILABLE', 'too many failed authentications from this address; retry later'],
  malformed: [400, 'INVALID_REQUEST', 'the request body is not valid JSON'],
  too_large: [413, 'INVALID_REQUEST', 'the request body is too large'],
  idempotency_conflict: [409, 'INVALID_REQUEST', 'this Idempotency-Key was used with another request body'],
  in_progress: [503, 'SERVER_UNAVAILABLE', 'a request with this key is still being processed; retry later'],
  internal: [500, 'SERVER_FAILED', 'the merchant server failed; retry later'],
};

export function refuse(problem: InboundProblem, request: { params: Record<string, string> }): InboundReply {
  const [status, cause, message] = PROBLEMS[problem];
  return merchantError(status, cause, message, request.params.invoiceId);
}
