import type { Context } from '../context';
import type { Node } from '../common/node';
import { CustomerType } from '../customers/customer.type';
import { OrderType } from '../orders/order.type';
import { PaymentMethodType } from '../payment-methods/payment-method.type';
import { PayoutType } from '../payouts/payout.type';
import { RefundType } from '../refunds/refund.type';
import { ScheduledPaymentType } from '../scheduled-payments/scheduled-payment.type';
import { SiteType } from '../sites/site.type';
import { TransactionEventType } from '../transactions/transaction-event.type';
import { TransactionType } from '../transactions/transaction.type';
import { loadRelated } from './read-helpers';

type NodeLoader = (ctx: Context, id: string) => Promise<Node | null>;

/** Every type node(id) can fetch, by the type name inside the global id. Loaders keep each to the acting site. */
export const NODE_LOADERS: Readonly<Record<string, NodeLoader>> = {
  Customer: (ctx, id) => loadRelated(ctx.loaders.customer, id, CustomerType.from),
  Order: (ctx, id) => loadRelated(ctx.loaders.order, id, OrderType.from),
  PaymentMethod: (ctx, id) => loadRelated(ctx.loaders.paymentMethod, id, PaymentMethodType.from),
  Transaction: (ctx, id) => loadRelated(ctx.loaders.transaction, id, TransactionType.from),
  Refund: (ctx, id) => loadRelated(ctx.loaders.refund, id, RefundType.from),
  Payout: (ctx, id) => loadRelated(ctx.loaders.payout, id, PayoutType.from),
  ScheduledPayment: (ctx, id) => loadRelated(ctx.loaders.scheduledPayment, id, ScheduledPaymentType.from),
  TransactionEvent: async (ctx, id) => {
    const event = await ctx.loaders.transactionEvent.load(id);
    const tx = event && (await ctx.loaders.transaction.load(event.transaction.id));
    return event && tx ? TransactionEventType.from(event, tx.currency) : null;
  },
  // A site sees itself and, for a partner, the site it acts for; never other sites.
  Site: async (ctx, id) => {
    if (id !== ctx.principal.siteId && id !== ctx.principal.actingSiteId) return null;
    return loadRelated(ctx.loaders.site, id, (site) => Object.assign(new SiteType(), SiteType.from(site)));
  },
};
