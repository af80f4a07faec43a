import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage, type NonEmptyArray } from 'type-graphql';
import { BoundedDateTimeISO } from './common/date-time.scalar';
import { ErrorsMiddleware } from './common/errors-middleware';
import { scopeChecker } from './common/scope-checker';
import { ViewerResolver } from './viewer/viewer.resolver';
import { ApiKeyMutationsResolver } from './api-keys/api-key-mutations.resolver';
import { ApiKeyResolver } from './api-keys/api-key.resolver';
import { CustomerMutationsResolver } from './customers/customer-mutations.resolver';
import { OrderMutationsResolver } from './orders/order-mutations.resolver';
import { PartnerGrantMutationsResolver } from './partner-grants/partner-grant-mutations.resolver';
import { PartnerGrantResolver } from './partner-grants/partner-grant.resolver';
import { CustomerResolver } from './customers/customer.resolver';
import { NodeResolver } from './node/node.resolver';
import { OrderResolver } from './orders/order.resolver';
import { PaymentMethodResolver } from './payment-methods/payment-method.resolver';
import { PayoutResolver } from './payouts/payout.resolver';
import { PayoutLimitsResolver } from './payouts/payout-limits.resolver';
import { RefundResolver } from './refunds/refund.resolver';
import { ScheduledPaymentResolver } from './scheduled-payments/scheduled-payment.resolver';
import { ScheduledPaymentMutationsResolver } from './scheduled-payments/scheduled-payment-mutations.resolver';
import { TransactionResolver } from './transactions/transaction.resolver';
import { MoneyMovementMutationsResolver } from './payments/money-movement-mutations.resolver';
import { PaymentMutationsResolver } from './payments/payment-mutations.resolver';
import { NextActionResolver } from './payments/next-action.resolver';
import { ProvidersResolver } from './providers/providers.resolver';
import { ProviderOrderResolver } from './provider-orders/provider-order.resolver';
import { ClientTokenMutationsResolver } from './client-tokens/client-token-mutations.resolver';
import { AppAccessTokenMutationsResolver } from './app-access-tokens/app-access-token-mutations.resolver';
import { SiteSettingsResolver } from './sites/site-settings.resolver';
import { DeviceSessionMutationsResolver } from './device-sessions/device-session-mutations.resolver';
import { SubscriptionResolver, TransactionEventFeedItemResolver } from './subscriptions/subscription.resolver';
import { noPubSub } from './subscriptions/subscription-context';
import { applyOneOfDirectives } from './common/one-of';
import { validateArgs } from './common/validate-args';
import { leanFieldResolvers } from './common/lean-field-resolvers';
import { WebhookEndpointMutationsResolver } from './webhooks/webhook-endpoint-mutations.resolver';
import { WebhookResolver } from './webhooks/webhook.resolver';

/** Every resolver of the API. A new feature adds its resolver here. */
export const resolvers: NonEmptyArray<Function> = [
  ViewerResolver,
  CustomerMutationsResolver,
  OrderMutationsResolver,
  ApiKeyResolver,
  ApiKeyMutationsResolver,
  PartnerGrantResolver,
  PartnerGrantMutationsResolver,
  NodeResolver,
  CustomerResolver,
  OrderResolver,
  PaymentMethodResolver,
  TransactionResolver,
  RefundResolver,
  PayoutResolver,
  ScheduledPaymentResolver,
  ScheduledPaymentMutationsResolver,
  PaymentMutationsResolver,
  NextActionResolver,
  MoneyMovementMutationsResolver,
  ProvidersResolver,
  ProviderOrderResolver,
  AppAccessTokenMutationsResolver,
  DeviceSessionMutationsResolver,
  PayoutLimitsResolver,
  SiteSettingsResolver,
  SubscriptionResolver,
  TransactionEventFeedItemResolver,
  WebhookEndpointMutationsResolver,
  WebhookResolver,
  ClientTokenMutationsResolver,
];

export async function createSchema(): Promise<GraphQLSchema> {
  // A plain data field reads a property, which can't throw, so only resolvers need the errors middleware.
  // Wrapping every field made each one a promise chain: a 50-order nested page has some 4,500 fields.
  for (const type of getMetadataStorage().objectTypes) type.simpleResolvers ??= true;
  const schema = await buildSchema({
    resolvers,
    globalMiddlewares: [ErrorsMiddleware],
    scalarsMap: [{ type: Date, scalar: BoundedDateTimeISO }],
    authChecker: scopeChecker,
    authMode: 'error',
    validate: { forbidUnknownValues: false },
    validateFn: validateArgs,
    emitSchemaFile: false,
    pubSub: noPubSub,
  });
  leanFieldResolvers(schema, { resolvers, authChecker: scopeChecker, validateFn: validateArgs });
  return applyOneOfDirectives(schema);
}
