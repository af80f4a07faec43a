import { parseCurrency, type Money } from '../../kernel/money';
import {
  ProviderError,
  type CallOptions,
  type FeeOption,
  type FeesFacet,
  type ProviderOrder,
  type ProviderOrdersFacet,
  type ProviderSavedMethod,
  type ScheduledPaymentFacts,
  type SchedulingFacet,
  type ScheduleRequest,
} from '../provider';
import type { PayNearMeClient } from './client';
import { paymentOutcome, usdMinor } from './mapping';
import * as build from './requests';
import { findOrdersReply, findPaymentMethodsReply, findScheduledReply, getFeesReply, scheduleReply, type WireOrder, type WireScheduled } from './wire';
import type { z } from 'zod';
import type { methodGroup } from './wire';

const USD = parseCurrency('USD');
const usd = (decimal: string | undefined): Money | undefined => {
  const minor = usdMinor(decimal, USD);
  return minor === undefined ? undefined : { amountMinor: minor, currency: USD };
};

function savedMethodsOf(groups: z.infer<typeof methodGroup>[]): ProviderSavedMethod[] {
  return groups.flatMap((g) =>
    g.accounts.map((a) => ({ token: a.payment_method_identifier, active: a.status === 'active', type: g.type, brand: a.card_brand, last4: a.number, expiry: a.expiration_date })),
  );
}

function orderFacts(o: WireOrder, full: boolean): ProviderOrder {
  const due = o.order_amount_due !== undefined && o.order_amount_due !== '0.00' ? usd(o.order_amount_due) : undefined;
  const facts: ProviderOrder = {
    providerOrderId: o.pnm_order_identifier,
    siteOrderId: o.site_order_identifier,
    customerId: o.pnm_customer_identifier,
    status: o.order_status,
    amount: usd(o.order_amount),
    amountDue: due,
    payLink: o.secure_smart_link,
  };
  if (!full) return facts;
  const electronic = o.electronic_payments ?? { payments: [], payment_methods: [] };
  return {
    ...facts,
    details: {
      smartLink: o.smart_link,
      secureSmartLink: o.secure_smart_link,
      savedMethods: savedMethodsOf(electronic.payment_methods),
      payments: electronic.payments.map((p) => ({
        providerTransactionId: p.pnm_payment_identifier,
        reference: p.site_payment_identifier,
        token: p.payment_method_identifier,
        madeAt: p.payment_date,
        providerScheduleId: p.pnm_scheduled_payment_identifier,
        outcome: paymentOutcome(p, USD),
      })),
    },
  };
}

/** "Order not found …" is an answer for a lookup, not a failure. */
async function unlessNotFound<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ProviderError && error.code === 'ORDER_NOT_FOUND') return undefined;
    throw error;
  }
}

export function ordersFacet(client: PayNearMeClient): ProviderOrdersFacet {
  return {
    async find(query, options?: CallOptions) {
      const full = !!query.full;
      const reply = await unlessNotFound(client.call(build.findOrders(query, full), findOrdersReply, options?.signal));
      return reply && orderFacts(reply.orders[0]!, full);
    },
    async savedMethods(query, options?: CallOptions) {
      const reply = await client.call(build.findPaymentMethods(query), findPaymentMethodsReply, options?.signal);
      return savedMethodsOf(reply.payment_methods);
    },
  };
}

export function feesFacet(client: PayNearMeClient): FeesFacet {
  return {
    async quote(request, options?: CallOptions): Promise<FeeOption[]> {
      const reply = await client.call(build.getFees(request, request.channel), getFeesReply, options?.signal);
      const channel = reply.site_channel ?? request.channel;
      return reply.fees.map((f) => ({
        id: channel ? `${f.payment_method_type}@${channel}` : f.payment_method_type,
        fee: usd(f.fee_amount)!,
        label: channel ? `${f.payment_method_type.replace('_', ' ')} via ${channel}` : f.payment_method_type.replace('_', ' '),
        methodType: f.payment_method_type,
        channel,
      }));
    },
  };
}

function scheduledFacts(s: WireScheduled): ScheduledPaymentFacts {
  const net = usd(s.net_payment_amount ?? s.payment_amount)!;
  const gross = usd(s.payment_amount);
  return {
    providerScheduleId: s.pnm_scheduled_payment_identifier,
    paymentDate: s.payment_date,
    amount: net,
    ...(gross ? { fee: { amountMinor: gross.amountMinor - net.amountMinor, currency: USD } } : {}),
    status: s.scheduled_payment_status,
    token: s.payment_method_identifier,
  };
}

export function schedulingFacet(client: PayNearMeClient): SchedulingFacet {
  const upcoming = async (providerOrderId: string, options?: CallOptions) =>
    (await client.call(build.findScheduledPayment({ providerOrderId }), findScheduledReply, options?.signal)).scheduled_payments.map(scheduledFacts);
  return {
    byDay: true,
    async schedule(r: ScheduleRequest, options?: CallOptions) {
      if (r.source.type !== 'token') throw new ProviderError('final', 'TOKEN_REQUIRED', 'PayNearMe schedules payments with a saved payment method');
      const order = { providerOrderId: r.providerOrderId };
      const reply = await client.call(build.schedulePayment(order, r.source.token, r.amount, r.paymentDate, r.channel), scheduleReply, options?.signal);
      return scheduledFacts(reply.scheduled_payment);
    },
    findNext: async (query, options) => (await upcoming(query.providerOrderId, options))[0],
    findUpcoming: (query, options) => upcoming(query.providerOrderId, options),
    async cancel(request, options?: CallOptions) {
      const reply = await client.call(build.cancelScheduledPayment(request.providerScheduleId), scheduleReply, options?.signal);
      return scheduledFacts(reply.scheduled_payment);
    },
  };
}
