import type { CustomerData, ProviderOutcome } from '../../providers/provider';
import { decideCustomerData } from '../customers/customer-data-decision';
import type { Customer } from '../customers/customer.entity';
import type { Transaction } from '../transactions/transaction.entity';

/** What to do with a payment the customer authorized at the provider, before any money is taken. */
export type CompletionDecision = { action: 'complete' } | { action: 'decline'; code: string; reason: string };

/**
 * The customer data exchange (docs/paysafecard.md): the provider tells who paid, and the payment is taken only
 * when that is the merchant's customer, compared under the site's settings (customers/customer-match.ts: the
 * fields, the Levenshtein threshold, whether an account-less payment is accepted). A mismatch declines the
 * payment at the provider, with the customer-facing message naming both values.
 */
export function decideCompletion(txn: Transaction, outcome: ProviderOutcome, providerName: string): CompletionDecision {
  const decision = decideCustomerData(txn.site, txn.customer, outcome.customer, providerName);
  return decision.ok ? { action: 'complete' } : { action: 'decline', code: 'CUSTOMER_DATA_MISMATCH', reason: decision.message };
}

/** The provider's details of the customer, kept on our customer (shown as Customer.providerDetails). */
export function storeProviderDetails(customer: Customer, provider: string, data: CustomerData): void {
  const details = { providerCustomerId: data.id, email: data.email, firstName: data.firstName, lastName: data.lastName, birthDate: data.birthDate, accountCreated: data.accountCreated, receivedAt: new Date().toISOString() };
  customer.providerDetails = { ...(customer.providerDetails ?? {}), [provider]: details };
}
