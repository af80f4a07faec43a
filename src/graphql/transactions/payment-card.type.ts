import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('PaymentCard', { description: 'The card a payment used, as a receipt shows it: never the number.' })
export class PaymentCardType {
  @Field({ description: 'VISA, MASTERCARD, AMEX, DISCOVER, JCB, DINERS, UNIONPAY, MAESTRO or UNKNOWN.' })
  brand!: string;

  @Field()
  last4!: string;

  @Field(() => Int)
  expMonth!: number;

  @Field(() => Int)
  expYear!: number;
}
