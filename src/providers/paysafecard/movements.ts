import { ProviderError, type CallOptions, type PayoutCaptureRequest, type PayoutRequest, type ProviderOutcome, type RefundCaptureRequest, type RefundRequest, type StatusRequest } from '../provider';
import { numberOf, read, type Answer, type PaysafecardClient } from './client';
import { refusalOf } from './error-codes';
import { movementOutcome } from './mapping';
import * as build from './requests';
import { payoutResponse, refundResponse, type PaymentResponse } from './wire';

export type Refused = (answer: Extract<Answer, { kind: 'refused' }>) => ProviderOutcome;

/**
 * A refund or payout refusal is a decline with paysafecard's number mapped (error-codes.ts), never a throw. The
 * reason keeps paysafecard's own code, number and text, which the caller sees as the userError's message.
 */
const declinedBy: Refused = (answer) => {
  const number = numberOf(answer.error);
  const { code, reasonCode, field } = refusalOf(number);
  const text = answer.error.message ? `: ${answer.error.message}` : '';
  const reason = `paysafecard refused it (${answer.error.code}${number === undefined ? '' : `, ${number}`})${text}`;
  return { status: 'declined', code, reason, reasonCode, field, providerStatus: String(number ?? answer.error.code) };
};

const outcomeOf = (answer: Answer, schema: typeof refundResponse | typeof payoutResponse): ProviderOutcome =>
  answer.kind === 'refused' ? declinedBy(answer) : movementOutcome(read(schema, answer));

function paymentIdOf(payment: { providerTransactionId?: string }): string {
  if (!payment.providerTransactionId) throw new ProviderError('final', 'MISSING_PROVIDER_ID', 'the payment has no paysafecard id yet');
  return payment.providerTransactionId;
}

/**
 * Refunds (docs/paysafecard.md "Refunds"): validated with capture:false, then captured by the refund's id. The
 * refund goes to the my paysafecard account that paid, so its customer id and e-mail are read from the payment
 * (an account-less payment has no e-mail, and paysafecard refuses its refund).
 */
export class RefundMovements {
  constructor(
    private readonly client: PaysafecardClient,
    private readonly retrieve: (id: string, o?: CallOptions) => Promise<PaymentResponse>,
  ) {}

  async validate(r: RefundRequest, o?: CallOptions): Promise<ProviderOutcome> {
    const paymentId = paymentIdOf(r.payment);
    const customer = await this.customer(paymentId, o);
    return outcomeOf(await this.client.call(build.refundRequest(paymentId, r.amount, customer, false, r.reason), o?.signal), refundResponse);
  }

  async capture(r: RefundCaptureRequest, o?: CallOptions): Promise<ProviderOutcome> {
    const paymentId = paymentIdOf(r.payment);
    if (!r.providerTransactionId) throw new ProviderError('final', 'MISSING_PROVIDER_ID', 'the refund has no paysafecard id from its validation');
    const customer = await this.customer(paymentId, o);
    return outcomeOf(await this.client.call(build.refundRequest(paymentId, r.amount, customer, true, undefined, r.providerTransactionId), o?.signal), refundResponse);
  }

  /** One call for an engine that does not step: validate, then capture what the validation accepted. */
  async refund(r: RefundRequest, o?: CallOptions): Promise<ProviderOutcome> {
    const validated = await this.validate(r, o);
    if (validated.status !== 'authorized') return validated;
    return this.capture({ reference: r.reference, providerTransactionId: validated.providerTransactionId, payment: r.payment, amount: r.amount }, o);
  }

  /** From the payment's refunds[]; without the refund's id we cannot tell which it is, so it is still open, never "not found". */
  async status(r: StatusRequest, o?: CallOptions): Promise<ProviderOutcome> {
    if (!r.payment?.providerTransactionId || !r.providerTransactionId) return { status: 'processing' };
    const payment = await this.retrieve(r.payment.providerTransactionId, o);
    const refund = payment.refunds?.find((x) => x.id === r.providerTransactionId);
    return refund ? movementOutcome(refund) : { status: 'not_found' };
  }

  private async customer(paymentId: string, o?: CallOptions): Promise<{ id: string; email: string }> {
    const payment = await this.retrieve(paymentId, o);
    return { id: payment.customer?.id ?? '', email: payment.customer?.email ?? '' };
  }
}

/** Payouts (docs/paysafecard.md "Payouts"): to the my paysafecard account with the customer's e-mail, names and birth date. */
export class PayoutMovements {
  constructor(
    private readonly client: PaysafecardClient,
    private readonly credentials: build.PaysafecardCredentials,
  ) {}

  async validate(r: PayoutRequest, o?: CallOptions): Promise<ProviderOutcome> {
    return outcomeOf(await this.client.call(build.payoutRequest(r, false), o?.signal), payoutResponse);
  }

  async capture(r: PayoutCaptureRequest, o?: CallOptions): Promise<ProviderOutcome> {
    const id = r.providerTransactionId ?? build.payoutIdFor(this.credentials, r.reference, r.amount.currency);
    return outcomeOf(await this.client.call(build.payoutCaptureRequest(id), o?.signal), payoutResponse);
  }

  async payout(r: PayoutRequest, o?: CallOptions): Promise<ProviderOutcome> {
    return outcomeOf(await this.client.call(build.payoutRequest(r, true), o?.signal), payoutResponse);
  }

  async status(r: StatusRequest, o?: CallOptions): Promise<ProviderOutcome> {
    const id = r.providerTransactionId ?? build.payoutIdFor(this.credentials, r.reference, r.amount.currency);
    const answer = await this.client.call(build.payoutRetrieveRequest(id), o?.signal);
    if (answer.kind === 'refused' && answer.http === 404) return { status: 'not_found' };
    return outcomeOf(answer, payoutResponse);
  }
}
