import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-error.type';
import { TransactionType } from '../transactions/transaction.type';

@ObjectType('DeviceSession', {
  description:
    "What the app needs for its direct call to the provider (Payneteasy: POST /paynet/dapi/v1/{flow}/{endpointId}/{invoiceId} with session.nonce and session.signature). Valid until expiresAt.",
})
export class DeviceSessionType {
  @Field()
  endpointId!: string;

  @Field({ description: "The invoice: the transaction's reference for a sale or transfer." })
  invoiceId!: string;

  @Field()
  nonce!: string;

  @Field({ description: 'HMAC-SHA1 (uppercase hex) the provider checks.' })
  signature!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => String, { nullable: true, description: 'The saved card to pay from, as the app names it (clientCardId).' })
  sourceClientCardId!: string | null;

  @Field(() => String, { nullable: true, description: 'The saved card that receives a transfer (clientCardId).' })
  destinationClientCardId!: string | null;
}

@ObjectType()
export class StartDeviceSessionPayload extends MutationPayload {
  @Field(() => DeviceSessionType, { nullable: true })
  session?: DeviceSessionType | null;

  @Field(() => TransactionType, { nullable: true, description: 'The sale or transfer, PENDING until the provider reports it (null for a verification).' })
  transaction?: TransactionType | null;
}
