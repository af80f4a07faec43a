import { Field, ID, ObjectType } from 'type-graphql';
import type { Order } from '../../domain/orders/order.entity';
import type { ProviderOrder } from '../../providers/provider';
import { toGlobalId } from '../common/global-id';
import { Money } from '../common/money.type';
import { MutationPayload } from '../common/user-error.type';

const money = (m: { amountMinor: bigint; currency: string } | undefined) => (m ? Money.of(m.amountMinor, m.currency as never) : null);

@ObjectType('ProviderSavedMethod', { description: 'A payment token the provider holds for the order (PayNearMe payment_method_identifier).' })
export class ProviderSavedMethodType {
  @Field({ description: "The provider's token." })
  token!: string;

  @Field({ description: 'Only an active method can pay.' })
  active!: boolean;

  @Field({ description: "The provider's method type, e.g. credit_card, debit_card." })
  type!: string;

  @Field(() => String, { nullable: true })
  brand!: string | null;

  @Field(() => String, { nullable: true })
  last4!: string | null;

  @Field(() => String, { nullable: true, description: 'MM/YYYY as the provider gives it.' })
  expiry!: string | null;

  @Field(() => ID, { nullable: true, description: 'The gateway PaymentMethod recording it: pay with it (pay.source.paymentMethodId).' })
  paymentMethodId!: string | null;
}

@ObjectType('ProviderOrderPayment', { description: "One entry of the order's payment history at the provider." })
export class ProviderOrderPaymentType {
  @Field()
  providerTransactionId!: string;

  @Field(() => String, { nullable: true, description: 'Our reference, when the gateway made the payment.' })
  reference!: string | null;

  @Field({ description: "The outcome in the gateway's words: succeeded, declined, cancelled, processing." })
  status!: string;

  @Field(() => String, { nullable: true, description: "The provider's own status." })
  providerStatus!: string | null;

  @Field(() => Money, { nullable: true })
  amount!: Money | null;

  @Field(() => Money, { nullable: true })
  fee!: Money | null;
}

@ObjectType('FeeQuote', { description: 'A fee the customer pays on top, per method type and channel: choose one with pay.feeOptionId.' })
export class FeeQuoteType {
  @Field(() => ID, { description: 'Give it as pay.feeOptionId.' })
  id!: string;

  @Field(() => String, { nullable: true })
  methodType!: string | null;

  @Field(() => String, { nullable: true })
  channel!: string | null;

  @Field(() => Money)
  fee!: Money;

  @Field(() => String, { nullable: true })
  label!: string | null;
}

@ObjectType('ProviderOrder', {
  description:
    'An order that lives at a provider, as its minimal lookup found it. smartLink, secureSmartLink, tokens and paymentHistory ' +
    "ask for the provider's full, expensive lookup, made only when the query selects them (once per request).",
})
export class ProviderOrderType {
  /** The gateway order recording it. */
  orderDbId!: string;

  /** Memo of the full lookup, shared by the fields that need it. */
  full?: Promise<ProviderOrder | undefined>;

  @Field()
  provider!: string;

  @Field()
  providerOrderId!: string;

  @Field(() => String, { nullable: true, description: "The merchant's id for it (PayNearMe site_order_identifier)." })
  siteOrderId!: string | null;

  @Field(() => String, { nullable: true, description: "The provider's customer id." })
  customerId!: string | null;

  @Field(() => String, { nullable: true, description: "The provider's word for its state: open, paid, cancelled." })
  status!: string | null;

  @Field(() => Money, { nullable: true })
  amount!: Money | null;

  @Field(() => Money, { nullable: true, description: 'Still owed; null when the order takes any amount.' })
  amountDue!: Money | null;

  @Field({ description: 'Global id of the gateway Order recording it: pay against it with pay.orderId.' })
  orderId!: string;

  static from(provider: string, order: Order, facts: ProviderOrder): ProviderOrderType {
    return Object.assign(new ProviderOrderType(), {
      orderDbId: order.id,
      orderId: toGlobalId('Order', order.id),
      provider,
      providerOrderId: facts.providerOrderId,
      siteOrderId: facts.siteOrderId ?? null,
      customerId: facts.customerId ?? null,
      status: facts.status ?? null,
      amount: money(facts.amount),
      amountDue: money(facts.amountDue),
    });
  }
}

@ObjectType()
export class ProviderOrderLookupPayload extends MutationPayload {
  @Field(() => ProviderOrderType, { nullable: true, description: 'Null when the provider has no such order (with a NOT_FOUND userError).' })
  order?: ProviderOrderType | null;
}

export { money };
