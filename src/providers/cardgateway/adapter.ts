import {
  ProviderError,
  type CancelRequest,
  type CaptureRequest,
  type ContinueRequest,
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
import { CARDGATEWAY_CAPABILITIES, CARDGATEWAY_KEY } from './capabilities';
import { parseCardGatewayCallback } from './callbacks';
import { CardGatewayClient, type Answer } from './client';
import { operationOutcome, operationStatusFromInquiry, paymentOutcome } from './mapping';
import * as build from './requests';
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

/** The card REST gateway (Paymentz) for one site's merchant account. */
export class CardGatewayProvider implements PaymentProvider {
  readonly key = CARDGATEWAY_KEY;
  readonly capabilities = CARDGATEWAY_CAPABILITIES;
  private readonly client: CardGatewayClient;

  constructor(
    private readonly context: ProviderContext,
    private readonly credentials: CardGatewayCredentials,
  ) {
    this.client = new CardGatewayClient(context, credentials);
  }

  async pay(r: PayRequest): Promise<ProviderOutcome> {
    const data = reply(await this.client.call(build.payRequest(this.credentials, r), r.signal));
    const outcome = paymentOutcome(data, r.amount.currency);
    if (!data.registrationId || outcome.status === 'declined' || outcome.status === 'failed') return outcome;
    const card = r.source.type === 'card' ? r.source.card.summary : undefined;
    return { ...outcome, savedMethod: { token: data.registrationId, card } };
  }

  async capture(r: CaptureRequest): Promise<ProviderOutcome> {
    const data = reply(await this.client.call(build.captureRequest(this.credentials, paymentIdOf(r.payment), r.amount), r.signal));
    return operationOutcome(data, 'capture', r.amount.currency);
  }

  async cancel(r: CancelRequest): Promise<ProviderOutcome> {
    const data = reply(await this.client.call(build.reverseRequest(this.credentials, paymentIdOf(r.payment)), r.signal));
    return operationOutcome(data, 'cancel', r.amount.currency);
  }

  async refund(r: RefundRequest): Promise<ProviderOutcome> {
    const data = reply(await this.client.call(build.refundRequest(this.credentials, paymentIdOf(r.payment), r.amount), r.signal));
    return operationOutcome(data, 'refund', r.amount.currency);
  }

  async payout(r: PayoutRequest): Promise<ProviderOutcome> {
    return paymentOutcome(reply(await this.client.call(build.payoutRequest(this.credentials, r), r.signal)), r.amount.currency);
  }

  /** IN by paymentId when known, else by our merchantTransactionId: how a lost response is found again. */
  async status(r: StatusRequest): Promise<ProviderOutcome> {
    const own = r.operation === 'payment' || r.operation === 'payout';
    const subject = own ? { paymentId: r.providerTransactionId, reference: r.reference } : r.payment && { paymentId: r.payment.providerTransactionId, reference: r.payment.reference };
    if (!subject) throw new ProviderError('final', 'MISSING_PAYMENT', `a ${r.operation} status needs the payment it belongs to`);
    const answer = await this.client.call(build.inquiryRequest(this.credentials, subject), r.signal);
    if (answer.kind === 'not_found') return notFound(answer);
    if (r.operation === 'payment' || r.operation === 'payout') return paymentOutcome(answer.reply, r.amount.currency);
    return operationStatusFromInquiry(answer.reply, r.operation, r.amount.currency);
  }

  /** Back from the ACS: the inquiry, not the browser's parameters, says how the payment ended. */
  async continuePayment(r: ContinueRequest): Promise<ProviderOutcome> {
    return this.status({ operation: 'payment', reference: r.reference, providerTransactionId: r.providerTransactionId, amount: r.amount, signal: r.signal });
  }

  async tokenize(r: TokenizeRequest): Promise<TokenizeOutcome> {
    if (r.charge) {
      const { amount, capture, returnUrl, notificationUrl } = r.charge;
      const payment = await this.pay({ reference: r.reference, amount, capture, returnUrl, notificationUrl, saveMethod: true, source: { type: 'card', card: r.card }, customer: r.customer, signal: r.signal });
      if (!payment.savedMethod) throw registrationFailed(payment);
      return { token: payment.savedMethod.token, card: r.card.summary, payment };
    }
    const data = reply(await this.client.call(build.registrationRequest(this.credentials, r.reference, r.card, r.customer), r.signal));
    if (!data.registrationId) throw new ProviderError('final', data.resultCode, `the card could not be saved: ${data.resultText}`);
    return { token: data.registrationId, card: r.card.summary };
  }

  parseCallback = (request: Parameters<NonNullable<PaymentProvider['parseCallback']>>[0]) => parseCardGatewayCallback(request, this.credentials.secureKey);
}

function registrationFailed(payment: ProviderOutcome): ProviderError {
  const detail = payment.status === 'declined' || payment.status === 'failed' ? `${payment.code} ${payment.reason}` : payment.status;
  return new ProviderError('final', 'REGISTRATION_FAILED', `the card could not be saved: ${detail}`);
}
