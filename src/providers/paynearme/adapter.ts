import { parseCurrency } from '../../kernel/money';
import {
  ProviderError,
  type CallOptions,
  type FeesFacet,
  type PaymentProvider,
  type PaymentsFacet,
  type PayRequest,
  type ProviderContext,
  type ProviderOrdersFacet,
  type ProviderOutcome,
  type RefundRequest,
  type RefundsFacet,
  type SavedMethodsFacet,
  type SchedulingFacet,
  type StatusRequest,
  type TokenizeOutcome,
  type TokenizeRequest,
} from '../provider';
import { PayNearMeClient } from './client';
import { proxyKeys, type ProxyKeys } from './credentials';
import { PAYNEARME_FACETS, PAYNEARME_KEY } from './facets';
import { cancellationOutcome, paymentOutcome } from './mapping';
import { feesFacet, ordersFacet, schedulingFacet } from './order-facets';
import * as build from './requests';
import { createPaymentMethodReply, findOrdersReply, paymentReply, type WireOrder } from './wire';

const USD = parseCurrency('USD');
const { payments, refunds, savedMethods } = PAYNEARME_FACETS;

/** The channel of a fee option ("credit_card@ivr"): PayNearMe prices by it, so the payment names it (site_channel). */
function channelOf(feeOptionId: string | undefined): string | undefined {
  return feeOptionId?.split('@')[1] || undefined;
}

function orderOf(r: { providerOrderId?: string }): string {
  if (!r.providerOrderId) throw new ProviderError('final', 'ORDER_REQUIRED', 'a PayNearMe payment is made against an order: pay with an order that has a PayNearMe order id');
  return r.providerOrderId;
}

/** PayNearMe API 3.0 for one client site, through its 3PPP's keys: the facets of PAYNEARME_FACETS. */
export class PayNearMeProvider implements PaymentProvider {
  readonly key = PAYNEARME_KEY;
  readonly payments: PaymentsFacet;
  readonly refunds: RefundsFacet;
  readonly savedMethods: SavedMethodsFacet;
  readonly providerOrders: ProviderOrdersFacet;
  readonly fees: FeesFacet;
  readonly scheduling: SchedulingFacet;
  /** Whether a partner (not the site itself) signs these calls: recorded on the transactions it makes. */
  readonly viaPartner: boolean;
  private readonly client: PayNearMeClient;

  constructor(context: ProviderContext, keys: ProxyKeys = proxyKeys(context)) {
    this.viaPartner = keys.viaPartner;
    this.client = new PayNearMeClient(context, keys);
    this.payments = { ...payments, pay: (r: PayRequest, o?: CallOptions) => this.pay(r, o), status: (r: StatusRequest, o?: CallOptions) => this.status(r, o) };
    this.refunds = { ...refunds, refund: (r: RefundRequest, o?: CallOptions) => this.cancel(r, o) };
    this.savedMethods = { ...savedMethods, tokenize: (r: TokenizeRequest, o?: CallOptions) => this.tokenize(r, o) };
    this.providerOrders = ordersFacet(this.client);
    this.fees = feesFacet(this.client);
    this.scheduling = schedulingFacet(this.client);
  }

  /** A saved token: /make_payment. A card: /create_payment_method saving it and paying in one step. */
  private async pay(r: PayRequest, o?: CallOptions): Promise<ProviderOutcome> {
    const order = { providerOrderId: orderOf(r) };
    const channel = channelOf(r.feeOptionId);
    if (r.source.type === 'token') {
      const reply = await this.client.call(build.makePayment(order, r.source.token, r.amount, r.reference, channel), paymentReply, o?.signal);
      return paymentOutcome(reply.payment, USD);
    }
    if (r.source.type === 'card') {
      const charge = { amount: r.amount, capture: true, returnUrl: r.returnUrl, notificationUrl: r.notificationUrl };
      const { payment } = await this.charged({ reference: r.reference, card: r.source.card, providerOrderId: order.providerOrderId, charge }, channel, o);
      if (!payment) throw new ProviderError('indeterminate', 'BAD_RESPONSE', 'PayNearMe saved the card but did not report the payment');
      return payment;
    }
    throw new ProviderError('final', 'UNSUPPORTED_SOURCE', 'PayNearMe pays with a card or a saved payment method');
  }

  private tokenize(r: TokenizeRequest, o?: CallOptions): Promise<TokenizeOutcome> {
    return this.charged(r, undefined, o);
  }

  /** /create_payment_method, with send_payment when the request charges: the new token and the payment. */
  private async charged(r: TokenizeRequest, siteChannel: string | undefined, o?: CallOptions): Promise<TokenizeOutcome> {
    const order = { providerOrderId: orderOf(r) };
    const charge = r.charge ? { amount: r.charge.amount, sitePaymentId: r.reference, siteChannel } : undefined;
    const reply = await this.client.call(build.createPaymentMethod(order, { card: r.card, zip: r.customer?.address?.postalCode, payment: charge }), createPaymentMethodReply, o?.signal);
    const last4 = r.card.summary.last4;
    const accounts = reply.order.electronic_payments?.payment_methods.flatMap((g) => g.accounts) ?? [];
    const token = reply.payment_method?.payment_method_identifier ?? accounts.filter((a) => a.number === last4).at(-1)?.payment_method_identifier;
    if (!token) throw new ProviderError('indeterminate', 'BAD_RESPONSE', 'PayNearMe did not say which payment method it created');
    const made = charge ? reply.order.electronic_payments?.payments.find((p) => p.site_payment_identifier === r.reference) : undefined;
    const payment = made ? paymentOutcome(made, USD) : undefined;
    return { token, card: r.card.summary, ...(payment ? { payment: { ...payment, savedMethod: { token, card: r.card.summary } } } : {}) };
  }

  /** /cancel_payment by PayNearMe's payment id: the whole payment, recorded as a full refund. */
  private async cancel(r: RefundRequest, o?: CallOptions): Promise<ProviderOutcome> {
    if (!r.payment.providerTransactionId) throw new ProviderError('final', 'MISSING_PROVIDER_ID', 'the payment has no PayNearMe payment id yet');
    if (r.amount.amountMinor !== r.payment.amount.amountMinor) throw new ProviderError('final', 'PARTIAL_CANCEL', 'PayNearMe cancels a payment whole');
    const reply = await this.client.call(build.cancelPayment(r.payment.providerTransactionId), paymentReply, o?.signal);
    return cancellationOutcome(reply.payment, USD);
  }

  /** The order's payment history (the full /find_orders) holds every payment with our site_payment_identifier. */
  private async status(r: StatusRequest, o?: CallOptions): Promise<ProviderOutcome> {
    const order = await this.historyOf(r, o);
    if (!order) return { status: 'not_found', providerMessage: 'the order is not found at PayNearMe' };
    const history = order.electronic_payments?.payments ?? [];
    const own = r.operation === 'payment' ? { reference: r.reference, id: r.providerTransactionId } : { reference: r.payment?.reference, id: r.payment?.providerTransactionId };
    const found = history.find((p) => (own.id && p.pnm_payment_identifier === own.id) || (own.reference && p.site_payment_identifier === own.reference));
    if (!found) return { status: 'not_found' };
    if (r.operation === 'payment') return paymentOutcome(found, USD);
    if (r.operation === 'refund') return ['canceled', 'cancelled'].includes(found.payment_status) ? cancellationOutcome(found, USD) : { status: 'not_found' };
    throw new ProviderError('final', 'UNSUPPORTED_OPERATION', `PayNearMe has no ${r.operation}`);
  }

  private async historyOf(r: StatusRequest, o?: CallOptions): Promise<WireOrder | undefined> {
    const call = build.findOrders({ providerOrderId: orderOf(r) }, true);
    try {
      return (await this.client.call(call, findOrdersReply, o?.signal)).orders[0];
    } catch (error) {
      if (error instanceof ProviderError && error.code === 'ORDER_NOT_FOUND') return undefined;
      throw error;
    }
  }
}
