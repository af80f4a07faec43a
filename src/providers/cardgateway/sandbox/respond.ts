import { shortStatus, type Result } from './codes';
import type { SandboxPayment } from './state';

/** A processed request: what to answer, and whether the answer is lost on the way (knobs, test cards). */
export interface Processed {
  http: number;
  body: Record<string, unknown>;
  delayMs?: number;
  loseResponse?: boolean;
}

/** The payment response body (docs/cardgateway.md "Payments", "Callback payload"). */
export function paymentBody(payment: SandboxPayment, extra: { paymentType?: string; amount?: string; result?: Result } = {}): Record<string, unknown> {
  return {
    paymentId: payment.paymentId,
    paymentType: extra.paymentType ?? payment.paymentType,
    paymentBrand: payment.card.brand,
    paymentMode: 'CC',
    status: payment.status,
    transactionStatus: shortStatus(payment.status),
    amount: extra.amount ?? payment.amount,
    currency: payment.currency,
    merchantTransactionId: payment.merchantTransactionId,
    result: extra.result ?? payment.result,
    card: payment.card,
    ...(payment.registrationId ? { registrationId: payment.registrationId } : {}),
    timestamp: new Date().toISOString(),
  };
}
