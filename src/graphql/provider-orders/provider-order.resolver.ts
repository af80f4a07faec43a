import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { IsOptional, Length } from 'class-validator';
import { Order } from '../../domain/orders/order.entity';
import { fullProviderOrder, lookupProviderOrder, providerFees, providerSavedMethods } from '../../domain/orders/provider-orders';
import { Scope } from '../../domain/sites/api-key.entity';
import { requireScope } from '../../domain/sites/principal';
import { DomainError } from '../../kernel/errors';
import type { ProviderOrder } from '../../providers/provider';
import { toGlobalId } from '../common/global-id';
import { Money } from '../common/money.type';
import { paymentsEnvOf, type Context } from '../context';
import { FeeQuoteType, money, ProviderOrderLookupPayload, ProviderOrderPaymentType, ProviderOrderType, ProviderSavedMethodType } from './provider-order.type';

@ArgsType()
class ProviderOrderArgs {
  @Field({ description: 'Provider key, e.g. paynearme.' })
  @Length(1, 64)
  provider!: string;

  @Field(() => String, { nullable: true, description: "The provider's order id (PayNearMe pnm_order_identifier)." })
  @IsOptional()
  @Length(1, 100)
  providerOrderId?: string | null;

  @Field(() => String, { nullable: true, description: "The site's own order id at the provider (PayNearMe site_order_identifier)." })
  @IsOptional()
  @Length(1, 100)
  siteOrderId?: string | null;
}

const env = (ctx: Context) => ({ env: paymentsEnvOf(ctx.deps, ctx.em), principal: requireScope(ctx.principal, Scope.READ) });

/** The full lookup once per request, whichever expensive fields the query selects. */
function full(ctx: Context, root: ProviderOrderType): Promise<ProviderOrder | undefined> {
  const { env: e, principal } = env(ctx);
  root.full ??= e.em.findOneOrFail(Order, { id: root.orderDbId }).then((order) => fullProviderOrder(e, principal, order));
  return root.full;
}

@Resolver(() => ProviderOrderType)
export class ProviderOrderResolver {
  @Query(() => ProviderOrderLookupPayload, {
    description: "Looks an order up at the provider by its id or the site's, with the minimal call, and records it as a gateway Order. Scope READ.",
  })
  async providerOrder(@Args() args: ProviderOrderArgs, @Ctx() ctx: Context): Promise<ProviderOrderLookupPayload> {
    const { env: e, principal } = env(ctx);
    try {
      const found = await lookupProviderOrder(e, principal, { provider: args.provider, providerOrderId: args.providerOrderId ?? undefined, siteOrderId: args.siteOrderId ?? undefined });
      if (!found) return { order: null, userErrors: [{ code: 'NOT_FOUND', field: [args.providerOrderId ? 'providerOrderId' : 'siteOrderId'], message: 'the provider has no such order' }], replayed: false };
      return { order: ProviderOrderType.from(args.provider, found.order, found.facts), userErrors: [], replayed: false };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { order: null, userErrors: [{ code: error.code, field: error.field, message: error.message, providerCode: error.providerCode }], replayed: false };
    }
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => String, { nullable: true, description: 'Full lookup.' })
  async smartLink(@Root() root: ProviderOrderType, @Ctx() ctx: Context): Promise<string | null> {
    return (await full(ctx, root))?.details?.smartLink ?? null;
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => String, { nullable: true, description: 'Full lookup. The link where the customer pays by themselves.' })
  async secureSmartLink(@Root() root: ProviderOrderType, @Ctx() ctx: Context): Promise<string | null> {
    return (await full(ctx, root))?.details?.secureSmartLink ?? null;
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => [ProviderSavedMethodType], { description: 'Full lookup: the tokens it lists (use savedMethods to pay).' })
  async tokens(@Root() root: ProviderOrderType, @Ctx() ctx: Context): Promise<ProviderSavedMethodType[]> {
    const methods = (await full(ctx, root))?.details?.savedMethods ?? [];
    return methods.map((m) => Object.assign(new ProviderSavedMethodType(), { ...m, brand: m.brand ?? null, last4: m.last4 ?? null, expiry: m.expiry ?? null, paymentMethodId: null }));
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => [ProviderOrderPaymentType], { description: 'Full lookup: every payment made on the order at the provider.' })
  async paymentHistory(@Root() root: ProviderOrderType, @Ctx() ctx: Context): Promise<ProviderOrderPaymentType[]> {
    const payments = (await full(ctx, root))?.details?.payments ?? [];
    return payments.map((p) =>
      Object.assign(new ProviderOrderPaymentType(), {
        providerTransactionId: p.providerTransactionId,
        reference: p.reference ?? null,
        status: p.outcome.status,
        providerStatus: p.outcome.providerStatus ?? null,
        amount: money(p.outcome.amount),
        fee: money(p.outcome.fee),
      }),
    );
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => [ProviderSavedMethodType], { description: "The order's saved methods (/find_payment_methods), recorded as gateway PaymentMethods; inactive ones cannot pay." })
  async savedMethods(
    @Root() root: ProviderOrderType,
    @Arg('activeOnly', { defaultValue: false }) activeOnly: boolean,
    @Ctx() ctx: Context,
  ): Promise<ProviderSavedMethodType[]> {
    const { env: e, principal } = env(ctx);
    const order = await e.em.findOneOrFail(Order, { id: root.orderDbId });
    const recorded = await providerSavedMethods(e, principal, order);
    return recorded
      .filter((r) => !activeOnly || r.facts.active)
      .map(({ facts, method }) =>
        Object.assign(new ProviderSavedMethodType(), { ...facts, brand: facts.brand ?? null, last4: facts.last4 ?? null, expiry: facts.expiry ?? null, paymentMethodId: toGlobalId('PaymentMethod', method.id) }),
      );
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => [FeeQuoteType], { description: 'Fees per method type; with a channel (e.g. consumer, ivr), the channel\'s and the order\'s own pricing (no-fee states honoured).' })
  async fees(@Root() root: ProviderOrderType, @Arg('channel', () => String, { nullable: true }) channel: string | null, @Ctx() ctx: Context): Promise<FeeQuoteType[]> {
    const { env: e, principal } = env(ctx);
    const order = await e.em.findOneOrFail(Order, { id: root.orderDbId });
    const options = await providerFees(e, principal, order, channel ?? undefined);
    return options.map((o) => Object.assign(new FeeQuoteType(), { id: o.id, methodType: o.methodType ?? null, channel: o.channel ?? null, fee: Money.of(o.fee.amountMinor, o.fee.currency), label: o.label ?? null }));
  }
}
