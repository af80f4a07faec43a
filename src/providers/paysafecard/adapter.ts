import {
  ProviderError,
  type CallbackRequest,
  type CallOptions,
  type CallbacksFacet,
  type CompleteRequest,
  type CompletionFacet,
  type CustomerDataFacet,
  type PaymentProvider,
  type PaymentsFacet,
  type PayoutCaptureRequest,
  type PayoutRequest,
  type PayoutsFacet,
  type PayRequest,
  type ProviderContext,
  type ProviderOutcome,
  type RefundCaptureRequest,
  type RefundRequest,
  type RefundsFacet,
  type StatusRequest,
} from '../provider';
import { paysafecardCallbackHint, parsePaysafecardCallback } from './callbacks';
import { numberOf, PaysafecardClient, read, refusedForGood, type Answer } from './client';
import { PAYSAFECARD_FACETS, PAYSAFECARD_KEY } from './facets';
import { paymentOutcome, payoutLimitsOf } from './mapping';
import { PayoutMovements, RefundMovements } from './movements';
import * as build from './requests';
import { paymentResponse, payoutLimitsResponse, type PayoutLimitsResponse } from './wire';

const { payments, refunds, payouts, completion } = PAYSAFECARD_FACETS;

/** paysafecard for one site's account: the facets of PAYSAFECARD_FACETS, bound to its client. */
export class PaysafecardProvider implements PaymentProvider {
  readonly key = PAYSAFECARD_KEY;
  readonly payments: PaymentsFacet;
  readonly refunds: RefundsFacet;
  readonly payouts: PayoutsFacet;
  readonly completion: CompletionFacet;
  readonly customerData: CustomerDataFacet;
  readonly callbacks: CallbacksFacet;
  private readonly client: PaysafecardClient;
  private readonly refundCalls: RefundMovements;
  private readonly payoutCalls: PayoutMovements;

  constructor(
    context: ProviderContext,
    private readonly credentials: build.PaysafecardCredentials,
  ) {
    this.client = new PaysafecardClient(context, credentials);
    const refundCalls = (this.refundCalls = new RefundMovements(this.client, (id, o) => this.retrieve(id, o)));
    const payoutCalls = (this.payoutCalls = new PayoutMovements(this.client, credentials));
    this.payments = { ...payments, pay: (r: PayRequest, o?: CallOptions) => this.pay(r, o), status: (r: StatusRequest, o?: CallOptions) => this.status(r, o) };
    this.refunds = {
      ...refunds,
      refund: (r: RefundRequest, o?: CallOptions) => refundCalls.refund(r, o),
      validate: (r: RefundRequest, o?: CallOptions) => refundCalls.validate(r, o),
      capture: (r: RefundCaptureRequest, o?: CallOptions) => refundCalls.capture(r, o),
    };
    this.payouts = {
      ...payouts,
      payout: (r: PayoutRequest, o?: CallOptions) => payoutCalls.payout(r, o),
      validate: (r: PayoutRequest, o?: CallOptions) => payoutCalls.validate(r, o),
      capture: (r: PayoutCaptureRequest, o?: CallOptions) => payoutCalls.capture(r, o),
      limits: async (currency, o) => payoutLimitsOf(await this.payoutLimits(currency, o), currency),
    };
    this.completion = { ...completion, complete: (r: CompleteRequest, o?: CallOptions) => this.capture(r, o) };
    // paysafecard names a payment by its own id, which the create answer gave (the engine stores it before this step).
    this.customerData = { decline: (r, o) => this.decline(r.providerTransactionId ?? r.reference, o) };
    this.callbacks = { hint: paysafecardCallbackHint, parse: async (r: CallbackRequest) => parsePaysafecardCallback(r) };
  }

  /** Creates the payment; the customer pays at auth_url (requires_action). Only the customer's own step is possible. */
  private async pay(r: PayRequest, o?: CallOptions): Promise<ProviderOutcome> {
    if (r.source.type !== 'redirect') throw new ProviderError('final', 'UNSUPPORTED_SOURCE', 'paysafecard payments are made by the customer at paysafecard, without a card or token');
    const answer = await this.client.call(build.payRequest(this.credentials, r), o?.signal);
    if (answer.kind === 'refused') throw refusedForGood(answer);
    return paymentOutcome(read(paymentResponse, answer));
  }

  /** GET /payments/{id}; by our reference when the create answer was lost (the id holds our Correlation-ID). */
  private async status(r: StatusRequest, o?: CallOptions): Promise<ProviderOutcome> {
    const currency = r.amount.currency;
    if (r.operation === 'payout') return this.payoutCalls.status(r, o);
    if (r.operation === 'refund') return this.refundCalls.status(r, o);
    const subject = r.operation === 'payment' ? r : (r.payment ?? r);
    const id = subject.providerTransactionId ?? build.paymentIdFor(this.credentials, subject.reference, currency);
    const answer = await this.client.call(build.retrieveRequest(id), o?.signal);
    if (answer.kind === 'refused' && answer.http === 404) return { status: 'not_found', providerStatus: String(numberOf(answer.error) ?? answer.error.code) };
    if (answer.kind === 'refused') throw refusedForGood(answer);
    return paymentOutcome(read(paymentResponse, answer));
  }

  private async retrieve(id: string, o?: CallOptions) {
    const answer = await this.client.call(build.retrieveRequest(id), o?.signal);
    if (answer.kind === 'refused') throw refusedForGood(answer);
    return read(paymentResponse, answer);
  }

  /** The money step after AUTHORIZED. 2017 (not AUTHORIZED any more: captured, declined, expired): the payment's own status answers. */
  private async capture(r: CompleteRequest, o?: CallOptions): Promise<ProviderOutcome> {
    const id = r.providerTransactionId ?? build.paymentIdFor(this.credentials, r.reference, r.amount.currency);
    return this.afterStateChange(await this.client.call(build.captureRequest(id), o?.signal), id, o);
  }

  /** DELETE /payments/{id}: the customer data exchange's decline (status CANCELED_MERCHANT). */
  private async decline(id: string, o?: CallOptions): Promise<ProviderOutcome> {
    return this.afterStateChange(await this.client.call(build.deleteRequest(id), o?.signal), id, o);
  }

  private async afterStateChange(answer: Answer, id: string, o?: CallOptions): Promise<ProviderOutcome> {
    if (answer.kind === 'ok') return paymentOutcome(read(paymentResponse, answer));
    if (numberOf(answer.error) === 2017) return paymentOutcome(await this.retrieve(id, o));
    throw refusedForGood(answer);
  }

  /** GET /payouts/limits/{currency}: the merchant's payout limits as paysafecard answers them. */
  async payoutLimits(currency: string, o?: CallOptions): Promise<PayoutLimitsResponse> {
    const answer = await this.client.call(build.payoutLimitsRequest(currency), o?.signal);
    if (answer.kind === 'refused') throw refusedForGood(answer);
    return read(payoutLimitsResponse, answer);
  }
}
