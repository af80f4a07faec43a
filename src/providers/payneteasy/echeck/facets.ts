import type { PaymentsDeclaration } from '../../provider';

/**
 * eCheck (payneteasy-sale-echeck.md): a sale from a US bank account, asynchronous (async-response, then the
 * status command or a callback). USD only (ACH); the document's amount has at most 10 characters, so "1234567.89"
 * is the largest: 7 digits before the point. No authorization, capture, void or refund command is documented for
 * eCheck, so none is declared.
 */
export const ECHECK_PAYMENTS = { sale: true, authorize: false, redirect: false, currencies: ['USD'], maxMajorDigits: 7, sources: ['bank_account'] } as const satisfies PaymentsDeclaration;
