import {
  ProviderError,
  type CallbackRequest,
  type CallOptions,
  type CallbacksFacet,
  type CompletionFacet,
  type PaymentsFacet,
  type PayoutsFacet,
  type RefundsFacet,
  type SavedMethodsFacet,
  type CancelRequest,
  type CaptureRequest,
  type CompleteRequest,
  type PaymentProvider,
  type PayoutRequest,
  type PayRequest,
  type ProviderContext,
  type ProviderOutcome,
  type RefundRequest,
  type StatusRequest,
  type TokenizeOutcome,
  type TokenizeRequest,
} from '../provider';
import { cardGatewayCallbackHint, parseCardGatewayCallback } from './callbacks';
import { CardGatewayClient, type Answer } from './client';
import { CARDGATEWAY_FACETS, CARDGATEWAY_KEY } from './facets';
import { operationOutcome, operationStatusFromInquiry, paymentOutcome } from './mapping';
import { deleteRegistrationRequest, registrationRequest } from './registration-requests';
import * as build from './requests';
import { resultClass } from './status-table';
import type { CardGatewayCredentials } from './requests';

const notFound = (answer: Extract<Answer, { kind: 'not_found' }>): ProviderOutcome => ({ status: 'not_found', providerStatus: answer.code, providerMessage: answer.text });

/** Backoffice calls answer 404 for an unknown paymentId: for them that is a refusal, not a question. */
function reply(answer: Answer) {
  if (answer.kind === 'not_found') throw new ProviderError('final', answer.code, `the card gateway does not know this payment: ${answer.text}`, 404);
  return answer.reply;
}

function paymentIdOf(payment: { providerTransactionId?: string }): string {
  if (!payment.providerTransactionId) throw new ProviderError('final', 'MISSING_PROVIDER_ID', 'the payment has no card gateway paymentId yet');
  return payment.providerTransactionId;
}

const { payments, refunds, payouts, savedMethods, completion } = CARDGATEWAY_FACETS;

/** The card REST gateway (Paymentz) for one site's merchant account: the facets of CARDGATEWAY_FACETS, bound to its client. */
export class CardGatewayProvider implements PaymentProvider {
  readonly key = CARDGATEWAY_KEY;
  readonly payments: PaymentsFacet;
  readonly refunds: RefundsFacet;
  readonly payouts: PayoutsFacet;
  readonly savedMethods: SavedMethodsFacet;
  readonly completion: CompletionFacet;
  readonly callbacks: CallbacksFacet;
  private readonly client: CardGatewayClient;

  constructor(
    context: ProviderContext,
    private readonly credentials: CardGatewayCredentials,
  ) {
    this.client = new CardGatewayClient(context, credentials);
    this.payments = {
      ...payments,
      pay: (r: PayRequest, o?: CallOptions) => this.pay(r, o),
      status: (r: StatusRequest, o?: CallOptions) => this.status(r, o),
      capture: { ...payments.capture, capture: (r: CaptureRequest, o?: CallOptions) => this.capture(r, o) },
      void: { ...payments.void, cancel: (r: CancelRequest, o?: CallOptions) => this.cancel(r, o) },
    };
    this.refunds = { ...refunds, refund: (r: RefundRequest, o?: CallOptions) => this.refund(r, o) };
    this.payouts = { ...payouts, payout: (r: PayoutRequest, o?: CallOptions) => this.payout(r, o) };
    this.savedMethods = {
      ...savedMethods,
      tokenize: (r: TokenizeRequest, o?: CallOptions) => this.tokenize(r, o),
      remove: (r: { token: string }, o?: CallOptions) => this.removeRegistration(r.token, o),
    };
    this.completion = { ...completion, complete: (r: CompleteRequest, o?: CallOptions) => this.complete(r, o) };
    this.callbacks = { hint: cardGatewayCallbackHint, parse: (r: CallbackRequest) => parseCardGatewayCallback(r, this.credentials.secureKey) };
  }

  private async pay(r: PayRequest, o?: CallOptions): Promise<ProviderOutcome> {
    const data = reply(await this.client.call(build.payRequest(this.credentials, r), o?.signal));
    const outcome = paymentOutcome(data, r.amount.currency);
    if (!data.registrationId || outcome.status === 'declined' || outcome.status === 'failed') return outcome;
    const card = r.source.type === 'card' ? r.source.card.summary : undefined;
    return { ...outcome, savedMethod: { token: data.registrationId, card } };
  }

  private async capture(r: CaptureRequest, o?: CallOptions): Promise<ProviderOutcome> {
    const data = reply(await this.client.call(build.captureRequest(this.credentials, paymentIdOf(r.payment), r.amount), o?.signal));
    return operationOutcome(data, 'capture', r.amount.currency);
  }

  private async cancel(r: CancelRequest, o?: CallOptions): Promise<ProviderOutcome> {
    const data = reply(await this.client.call(build.reverseRequest(this.credentials, paymentIdOf(r.payment)), o?.signal));
    return operationOutcome(data, 'cancel', r.amount.currency);
  }

  private async refund(r: RefundRequest, o?: CallOptions): Promise<ProviderOutcome> {
    const data = reply(await this.client.call(build.refundRequest(this.credentials, paymentIdOf(r.payment), r.amount), o?.signal));
    return operationOutcome(data, 'refund', r.amount.currency);
  }

  private async payout(r: PayoutRequest, o?: CallOptions): Promise<ProviderOutcome> {
    return paymentOutcome(reply(await this.client.call(build.payoutRequest(this.credentials, r), o?.signal)), r.amount.currency);
  }

  /** IN by paymentId when known, else by our merchantTransactionId: how a lost response is found again. */
  private async status(r: StatusRequest, o?: CallOptions): Promise<ProviderOutcome> {
    const own = r.operation === 'payment' || r.operation === 'payout';
    const subject = own ? { paymentId: r.providerTransactionId, reference: r.reference } : r.payment && { paymentId: r.payment.providerTransactionId, reference: r.payment.reference };
    if (!subject) throw new ProviderError('final', 'MISSING_PAYMENT', `a ${r.operation} status needs the payment it belongs to`);
    const answer = await this.client.call(build.inquiryRequest(this.credentials, subject), o?.signal);
    if (answer.kind === 'not_found') return notFound(answer);
    if (r.operation === 'payment' || r.operation === 'payout') return paymentOutcome(answer.reply, r.amount.currency);
    return operationStatusFromInquiry(answer.reply, r.operation, r.amount.currency);
  }

  /** Back from the ACS: the inquiry, not the browser's parameters, says how the payment ended. */
  private complete(r: CompleteRequest, o?: CallOptions): Promise<ProviderOutcome> {
    return this.status({ operation: 'payment', reference: r.reference, providerTransactionId: r.providerTransactionId, amount: r.amount }, o);
  }

  private async tokenize(r: TokenizeRequest, o?: CallOptions): Promise<TokenizeOutcome> {
    if (r.charge) {
      const { amount, capture, returnUrl, notificationUrl } = r.charge;
      const payment = await this.pay({ reference: r.reference, amount, capture, returnUrl, notificationUrl, saveMethod: true, source: { type: 'card', card: r.card }, customer: r.customer }, o);
      if (!payment.savedMethod) throw registrationFailed(payment);
      return { token: payment.savedMethod.token, card: r.card.summary, payment };
    }
    const data = reply(await this.client.call(registrationRequest(this.credentials, r.reference, r.card, r.customer), o?.signal));
    if (!data.savedCardId) throw new ProviderError('final', data.resultCode, `the card could not be saved: ${data.resultText}`);
    return { token: data.savedCardId, card: r.card.summary };
  }

  /** DL on the registration: the platform forgets the card, and later payments with it are refused. */
  private async removeRegistration(registrationId: string, o?: CallOptions): Promise<void> {
    const data = reply(await this.client.call(deleteRegistrationRequest(this.credentials, registrationId), o?.signal));
    if (resultClass(data.resultCode) !== 'success') throw new ProviderError('final', data.resultCode, `the card gateway did not delete the saved card: ${data.resultText}`);
  }
}

function registrationFailed(payment: ProviderOutcome): ProviderError {
  const detail = payment.status === 'declined' || payment.status === 'failed' ? `${payment.code} ${payment.reason}` : payment.status;
  return new ProviderError('final', 'REGISTRATION_FAILED', `the card could not be saved: ${detail}`);
}
