import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  PaymentMethodStatus,
  PaymentMethodType as MethodType,
  type PaymentMethod,
} from '../../domain/payment-methods/payment-method.entity';
import { ConnectionType } from '../common/connection';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';

registerEnumType(MethodType, { name: 'PaymentMethodType', description: 'What kind of method: card, bank account or wallet.' });
registerEnumType(PaymentMethodStatus, { name: 'PaymentMethodStatus' });

@ObjectType('PaymentMethod', {
  implements: Node,
  description: 'A saved payment method: brand, first six, last four and expiry, never the card number or CVV.',
})
export class PaymentMethodType extends Node {
  /** Database ids, kept off the schema; field resolvers load relations by them. */
  dbId!: string;
  customerDbId!: string | null;

  @Field({ description: 'Provider key that holds the token, e.g. cardgateway.' })
  provider!: string;

  @Field(() => MethodType)
  type!: MethodType;

  @Field(() => PaymentMethodStatus)
  status!: PaymentMethodStatus;

  @Field(() => String, { nullable: true, description: 'Card brand, e.g. VISA.' })
  brand!: string | null;

  @Field(() => String, { nullable: true, description: 'First six digits of the card number (BIN).' })
  first6!: string | null;

  @Field(() => String, { nullable: true })
  last4!: string | null;

  @Field(() => Int, { nullable: true })
  expMonth!: number | null;

  @Field(() => Int, { nullable: true })
  expYear!: number | null;

  @Field(() => String, { nullable: true })
  holderName!: string | null;

  @Field(() => Date, { nullable: true })
  removedAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  static from(method: PaymentMethod): PaymentMethodType {
    return Object.assign(new PaymentMethodType(), {
      id: toGlobalId('PaymentMethod', method.id),
      dbId: method.id,
      customerDbId: method.customer?.id ?? null,
      provider: method.provider,
      type: method.type,
      status: method.status,
      brand: method.brand ?? null,
      first6: method.first6?.trim() ?? null,
      last4: method.last4?.trim() ?? null,
      expMonth: method.expMonth ?? null,
      expYear: method.expYear ?? null,
      holderName: method.holderName ?? null,
      removedAt: method.removedAt ?? null,
      createdAt: method.createdAt,
      updatedAt: method.updatedAt,
    });
  }
}

export const PaymentMethodConnection = ConnectionType(PaymentMethodType, 'PaymentMethod');
