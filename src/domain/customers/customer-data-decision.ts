import type { CustomerData } from '../../providers/provider';
import { compareCustomer, DEFAULT_MATCH_SETTINGS, type CustomerMatchSettings, type MatchField, type PersonData } from './customer-match';
import { accountRequiredMessage, mismatchMessage } from './mismatch-message';

export type CustomerDataDecision = { ok: true } | { ok: false; field: MatchField | 'account'; message: string; ours: string; theirs: string };

/**
 * Complete or decline an authorized payment that came with the provider's customer data (paysafecard's customer
 * data exchange): the site's settings say which fields are compared, the threshold, and whether an account-less
 * payment (no data) is accepted. A payment without a customer of ours has nothing to compare and is accepted.
 * A decline carries the customer-facing message with both values.
 */
export function decideCustomerData(
  site: { customerDataMatch?: Partial<CustomerMatchSettings> | null },
  customer: PersonData | null | undefined,
  providerCustomer: CustomerData | undefined,
  /** The provider's display name, as the customer knows it: the messages name it. */
  provider: string,
): CustomerDataDecision {
  const settings = { ...DEFAULT_MATCH_SETTINGS, ...(site.customerDataMatch ?? {}) };
  if (!providerCustomer) {
    return settings.acceptAccountless ? { ok: true } : { ok: false, field: 'account', message: accountRequiredMessage(provider), ours: '', theirs: '' };
  }
  // A payment made without a customer has nothing of ours to compare with; a customer without a compared field does not match.
  if (!customer) return { ok: true };
  const mismatch = compareCustomer(customer, providerCustomer, settings);
  if (!mismatch) return { ok: true };
  return { ok: false, field: mismatch.field, ours: mismatch.ours, theirs: mismatch.theirs, message: mismatchMessage(provider, mismatch.field, mismatch.theirs, mismatch.ours) };
}
