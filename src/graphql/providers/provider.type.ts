import { Field, ObjectType } from 'type-graphql';
import type { FacetDeclarations } from '../../providers/provider';
import type { ProviderSummary } from '../../providers/registry';

@ObjectType('ProviderCapabilities', { description: 'What a provider can do. Mutations it cannot serve answer the userError UNSUPPORTED_BY_PROVIDER.' })
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
  @Field({ description: 'createPaymentMethod and pay with source: { paymentMethodId }.' }) savedMethods!: boolean;
  @Field({ description: 'createPaymentMethod with charge.' }) tokenizeWithPayment!: boolean;
  @Field({ description: 'The provider runs payment schedules itself.' }) nativeScheduling!: boolean;
  @Field({ description: 'The provider quotes fees the customer pays on top.' }) fees!: boolean;
  @Field({ description: 'Card-to-card transfers.' }) transfers!: boolean;
  @Field({ description: 'Orders live at the provider and are looked up there.' }) providerOrders!: boolean;
  @Field({ description: 'The customer always completes the payment on the provider\'s page.' }) redirectPayments!: boolean;
  @Field({ description: 'The provider posts notifications to /callbacks/{key}.' }) callbacks!: boolean;
  @Field({ description: 'pay takes a card.' }) cardPayments!: boolean;
  @Field({ description: 'pay takes a US bank account (bankAccount: ACH eCheck).' }) bankAccountPayments!: boolean;
  @Field(() => [String], { nullable: true, description: 'Accepted currencies; null means any.' }) currencies!: string[] | null;

  /** Each boolean is the presence (or a limit) of one of the provider's facets. */
  static from(f: FacetDeclarations): ProviderCapabilitiesType {
    const { payments } = f;
    return {
      sale: payments.sale,
      authorizeCapture: payments.authorize && !!payments.capture,
      partialCapture: !!payments.capture?.partial,
      multipleCaptures: !!payments.capture?.multiple,
      void: !!payments.void,
      refunds: !!f.refunds,
      partialRefunds: !!f.refunds?.partial,
      multipleRefunds: !!f.refunds?.multiple,
      payouts: !!f.payouts,
      savedMethods: !!f.savedMethods,
      tokenizeWithPayment: !!f.savedMethods?.withPayment,
      nativeScheduling: !!f.scheduling,
      fees: !!f.fees,
      transfers: !!f.transfers,
      providerOrders: !!f.providerOrders,
      redirectPayments: payments.redirect,
      callbacks: !!f.callbacks,
      cardPayments: (payments.sources ?? ['card']).includes('card'),
      bankAccountPayments: !!payments.sources?.includes('bank_account'),
      currencies: payments.currencies ? [...payments.currencies] : null,
    };
  }
}

@ObjectType('Provider', { description: 'A payment provider configured on this gateway.' })
export class ProviderType {
  @Field({ description: 'The key used in inputs (provider fields of pay, createPaymentMethod, createPayout).' })
  key!: string;

  @Field()
  displayName!: string;

  @Field(() => ProviderCapabilitiesType)
  capabilities!: ProviderCapabilitiesType;

  @Field({ description: 'Whether the acting site has credentials for this provider.' })
  configuredForSite!: boolean;

  static from(summary: ProviderSummary, configuredForSite: boolean): ProviderType {
    return { key: summary.key, displayName: summary.displayName, capabilities: ProviderCapabilitiesType.from(summary.facets), configuredForSite };
  }
}
