import type { CustomerData, ProviderOutcome } from '../../providers/provider';
import type { Transaction } from '../transactions/transaction.entity';

/** What to do with a payment the customer authorized at the provider, before any money is taken. */
export type CompletionDecision = { action: 'complete' } | { action: 'decline'; code: string; reason: string };

const FIELDS = [
  { field: 'firstName', label: 'first name' },
  { field: 'lastName', label: 'last name' },
  { field: 'birthDate', label: 'date of birth' },
] as const;

const normalized = (value: string) => value.trim().toLowerCase();

/**
 * The customer data exchange (docs/provider-documents.md "paysafecard"): the provider tells who paid, and the
 * payment is taken only when that is the merchant's customer. A field both sides know and that differs
 * declines the payment at the provider; a field either side lacks is not compared.
 */
export function decideCompletion(txn: Transaction, outcome: ProviderOutcome): CompletionDecision {
  const theirs: CustomerData | undefined = outcome.customer;
  const ours = txn.customer;
  if (!theirs || !ours) return { action: 'complete' };
  for (const { field, label } of FIELDS) {
    const a = ours[field];
    const b = theirs[field];
    if (a && b && normalized(a) !== normalized(b)) {
      return { action: 'decline', code: 'CUSTOMER_DATA_MISMATCH', reason: `the ${label} at the provider ("${b}") is not the customer's ("${a}")` };
    }
  }
  return { action: 'complete' };
}
