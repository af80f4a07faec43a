import { Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { MutationInput } from '../common/mutation';

@InputType({ description: "An access token for the merchant's mobile app, for one customer on one device." })
export class CreateAppAccessTokenInput extends MutationInput {
  @Field({ description: 'Provider key whose inbound routes the app calls (e.g. payneteasy).' })
  @Length(1, 64)
  provider!: string;

  @Field(() => ID, { description: 'The customer your server has authenticated.' })
  customerId!: string;

  @Field({ description: "The device's id as the app sends it (Payneteasy: consumer.device.serialNumber). 1–50 characters." })
  @Length(1, 50)
  deviceId!: string;
}
