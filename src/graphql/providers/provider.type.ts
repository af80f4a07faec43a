import { Field, ObjectType } from 'type-graphql';
import type { ProviderSummary } from '../../providers/registry';

@ObjectType({ description: 'What a provider can do. Mutations it cannot serve answer the userError UNSUPPORTED_BY_PROVIDER.' })
export class ProviderCapabilitiesType {
  @Field({ description: 'Authorize and capture in one call.' }) sale!: boolean;
  @Field({ description: 'Authorize now (captureLater), capture later.' }) authorizeCapture!: boolean;
  @Field() partialCapture!: boolean;
  @Field({ description: 'Several captures against one authorization, up to its amount.' }) multipleCaptures!: boolean;
  @Field({ description: 'cancelPayment of an uncaptured authorization.' }) void!: boolean;
  @Field() refunds!: boolean;
  @Field() partialRefunds!: boolean;
  @Field({ description: 'More than one refund per payment.' }) multipleRefunds!: boolean;
  @Field() payouts!: boolean;
  @Field({ description: 'createPaymentMethod and pay with paymentMethodId.' }) savedMethods!: boolean;
  @Field({ description: 'createPaymentMethod with charge.' }) tokenizeWithPayment!: boolean;
  @Field() nativeScheduling!: boolean;
  @Field() fees!: boolean;
  @Field() transfers!: boolean;
  @Field() providerOrders!: boolean;
  @Field({ description: 'The customer always completes the payment on the provider\'s page.' }) redirectPayments!: boolean;
  @Field() threeDSecure!: boolean;
  @Field() callbacks!: boolean;
  @Field() statusByReference!: boolean;
  @Field(() => [String], { nullable: true, description: 'Accepted currencies; null means any.' }) currencies!: string[] | null;
}

@ObjectType('Provider', { description: 'A payment provider configured on this gateway.' })
export class ProviderType {
  @Field({ description: 'The key used in inputs, e.g. cardgateway.' })
  key!: string;

  @Field()
  displayName!: string;

  @Field(() => ProviderCapabilitiesType)
  capabilities!: ProviderCapabilitiesType;

  @Field({ description: 'Whether the acting site has credentials for this provider.' })
  configuredForSite!: boolean;

  static from(summary: ProviderSummary, configuredForSite: boolean): ProviderType {
    const { currencies, ...flags } = summary.capabilities;
    return {
      key: summary.key,
      displayName: summary.displayName,
      capabilities: { ...flags, currencies: currencies ? [...currencies] : null },
      configuredForSite,
    };
  }
}
