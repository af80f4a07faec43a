import type { MatchField } from './customer-match';

/**
 * The messages the customer must see on a declined payment (docs/paysafecard.md "Error message for the
 * customer"), with both values. The document's date-of-birth text says "your data or birth"; it is written
 * "your date of birth" here.
 */
const LABEL: Record<MatchField, { noun: string; label: string }> = {
  firstName: { noun: 'the first name', label: 'First name' },
  lastName: { noun: 'the last name', label: 'Last name' },
  birthDate: { noun: 'your date of birth', label: 'Date of birth' },
};

/** `provider` is the provider's display name (the document's text says "paysafecard"). */
export function mismatchMessage(provider: string, field: MatchField, theirs: string, ours: string): string {
  const { noun, label } = LABEL[field];
  const lower = label.toLowerCase();
  return (
    `Your transaction got declined. The reason is that during the data comparison with ${provider}, ${noun} was not matching. ` +
    `The ${lower} must match in both systems. ${label} at ${provider}: ${theirs}. ${label} to compare: ${ours}. ` +
    `Please change your ${lower} here and retry the payment.`
  );
}

/** Not prescribed by the document: an account-less payment where the site asks for an account (paysafecard: "my paysafecard"). */
export const accountRequiredMessage = (provider: string) =>
  `Your transaction got declined. The payment must be made with a my ${provider} account, so that your data can be compared with ours. Please log in to my ${provider} and retry the payment.`;
