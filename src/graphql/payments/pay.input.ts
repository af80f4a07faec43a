import { IsIP, IsOptional, IsUrl, Length, MaxLength, ValidateNested } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import type { PayCommand } from '../../domain/payments/pay-command';
import { parseMetadata } from '../common/metadata-input';
import { parseMoneyInput } from '../common/money-input';
import { MoneyInput } from '../common/money.type';
import { MutationInput } from '../common/mutation';
import { toRawBankAccount } from './bank-account.input';
import { toRawCard } from './card.input';
import { dbId } from './payments-context';
import { PaymentSourceInput } from './payment-source.input';
import { registerArgsCheck } from '../common/validate-args';
import { payInputPasses } from './pay-input-check';

@InputType({ description: 'A payment: from a card, a bank account or a saved method (source), a sale or an authorization to capture later.' })
export class PayInput extends MutationInput {
  @Field(() => String, { nullable: true, description: 'Provider key (see the providers query). Defaults to the saved method\'s or the order\'s provider.' })
  @IsOptional()
  @Length(1, 64)
  provider?: string | null;

  @Field(() => MoneyInput)
  @ValidateNested()
  amount!: MoneyInput;

  @Field(() => ID, { nullable: true, description: 'The order this pays; the currency must be the order\'s.' })
  orderId?: string | null;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => PaymentSourceInput, {
    nullable: true,
    description: "What pays: a card, a bank account or a payment method (exactly one). Leave it out only for providers whose customer pays on the provider's page (paysafecard).",
  })
  @IsOptional()
  @ValidateNested()
  source?: PaymentSourceInput | null;

  @Field({ defaultValue: false, description: 'true: authorize only; capture later with capturePayment.' })
  captureLater!: boolean;

  @Field({ defaultValue: false, description: 'Save the card for later payments (returned as paymentMethod).' })
  saveMethod!: boolean;

  @Field(() => String, { nullable: true, description: 'Where to send the customer after 3-D Secure or a wallet page; gets ?transactionId=…&status=….' })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'returnUrl must be an http(s) URL' })
  returnUrl?: string | null;

  @Field(() => ID, { nullable: true, description: "The fee option the customer chose (providerOrder.fees id, e.g. credit_card@ivr): the provider charges the amount plus that fee, recorded as the transaction's fee." })
  @IsOptional()
  @Length(1, 64)
  feeOptionId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(255)
  description?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  metadata?: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'The paying customer\'s IP address (IPv4 or IPv6), sent to the provider for its risk checks; not stored.' })
  @IsOptional()
  @IsIP(undefined, { message: 'customerIp must be an IPv4 or IPv6 address' })
  customerIp?: string | null;
}

// The common card sale skips class-validator when this synchronous check of the same rules passes.
registerArgsCheck(PayInput, payInputPasses);

export function toPayCommand(input: PayInput): PayCommand {
  return {
    provider: input.provider ?? undefined,
    amount: parseMoneyInput(input.amount, ['input', 'amount']),
    orderId: dbId(input.orderId, 'Order', ['input', 'orderId']),
    customerId: dbId(input.customerId, 'Customer', ['input', 'customerId']),
    // source is @oneOf: GraphQL validation let through at most one of these.
    card: input.source?.card ? toRawCard(input.source.card) : undefined,
    bankAccount: input.source?.bankAccount ? toRawBankAccount(input.source.bankAccount) : undefined,
    paymentMethodId: dbId(input.source?.paymentMethodId, 'PaymentMethod', ['input', 'source', 'paymentMethodId']),
    capture: !input.captureLater,
    saveMethod: input.saveMethod,
    returnUrl: input.returnUrl ?? undefined,
    feeOptionId: input.feeOptionId ?? undefined,
    description: input.description ?? undefined,
    metadata: parseMetadata(input.metadata, ['input', 'metadata']),
    customerIp: input.customerIp ?? undefined,
  };
}
