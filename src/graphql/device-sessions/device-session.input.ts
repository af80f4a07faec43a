import { Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { MoneyInput } from '../common/money.type';
import { MutationInput } from '../common/mutation';

/** Base of the three; never used directly, so it is not emitted into the schema. */
@InputType('DeviceSessionInputBase')
export abstract class DeviceSessionInput extends MutationInput {
  @Field({ description: 'Provider key whose mobile API the app calls (payneteasy).' })
  @Length(1, 64)
  provider!: string;

  @Field({ description: "The app's access token (createAppAccessToken), which the session's signature covers." })
  @Length(16, 128)
  accessToken!: string;

  @Field({ description: 'The device the access token was issued for (Payneteasy: consumer.device.serialNumber).' })
  @Length(1, 50)
  deviceId!: string;
}

@InputType({ description: "Starts a card verification the app performs with the provider: the card is checked and saved (a clientCardId) without a payment." })
export class StartCardVerificationInput extends DeviceSessionInput {
  @Field({ description: 'ISO 4217 code of a currency with two decimals, e.g. EUR.' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be three upper-case letters' })
  currency!: string;
}

@InputType({ description: 'Starts a sale the app performs with the provider: by a new card, or again by a saved card (sourcePaymentMethodId).' })
export class StartDeviceSaleInput extends DeviceSessionInput {
  @Field(() => MoneyInput, { description: 'In a currency with two decimals (the provider counts centis).' })
  amount!: MoneyInput;

  @Field(() => ID, { nullable: true, description: "Repeat sale: the customer's saved card to pay from; the app sends its clientCardId." })
  sourcePaymentMethodId?: string | null;
}

@InputType({ description: 'Starts a card-to-card transfer the app performs with the provider; either card may be a saved one.' })
export class StartDeviceTransferInput extends DeviceSessionInput {
  @Field(() => MoneyInput)
  amount!: MoneyInput;

  @Field(() => ID, { nullable: true, description: 'Repeat transfer: the saved card the money comes from (not a receive-only card).' })
  sourcePaymentMethodId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Repeat transfer: the saved card that receives the money.' })
  destinationPaymentMethodId?: string | null;
}
