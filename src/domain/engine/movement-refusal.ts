import { codeOfRefusal, type UserErrorCodeValue } from '../../kernel/user-error-code';
import type { RefusalField } from '../../providers/provider';

/** A refund or payout row as far as its refusal goes. */
export interface RefusableRow {
  status: string;
  step?: string | null;
  failureCode?: string | null;
  failureReason?: string | null;
  failureField?: string | null;
}

/** Where each part of the request sits in the mutation's input; `request` is the fallback. */
export type RefusalFields = Partial<Record<RefusalField, string[]>> & { request: string[] };

export interface RefusalError {
  code: UserErrorCodeValue;
  field: string[];
  message: string;
  providerCode?: string;
}

/**
 * A movement the provider checks before it moves money (validate, then capture: engine/validated-steps.ts) and
 * that it refused at either step moved nothing: the caller is answered with the refusal as an expected failure
 * (code, the input field it concerns, the provider's text), while the row stays DECLINED with the same code for
 * the record. A code the gateway has not named (paysafecard's PAYSAFECARD_<number>) is PROVIDER_REFUSED with the
 * row's code as providerCode. A one-call decline stays a result with no userError (a decline is a result, not an
 * error). Read from the row, so a replay under the idempotency key, or an answer after recovery, says the same.
 */
export function refusalErrors(row: RefusableRow | null | undefined, fields: RefusalFields): RefusalError[] {
  if (!row || row.status !== 'DECLINED' || !row.step) return [];
  const field = fields[row.failureField as RefusalField] ?? fields.request;
  return [{ ...codeOfRefusal(row.failureCode), field, message: row.failureReason ?? 'the provider refused it' }];
}
