import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import type { Customer } from '../../domain/customers/customer.entity';
import { ConnectionType } from '../common/connection';
import { Node } from '../common/node';
import { RecordNode, recordNode } from '../common/record-node.type';

@ObjectType('ProviderCustomerDetails', { description: "What a provider holds about the customer (paysafecard's customer data exchange), as last received." })
export class ProviderCustomerDetailsType {
  @Field() provider!: string;
  @Field(() => String, { nullable: true, description: "The provider's id of the customer (paysafecard customer id)." }) providerCustomerId!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) firstName!: string | null;
  @Field(() => String, { nullable: true }) lastName!: string | null;
  @Field(() => String, { nullable: true, description: 'As the provider sent it (paysafecard: yyyy-MM-dd).' }) birthDate!: string | null;
  @Field(() => String, { nullable: true, description: "When the customer's account at the provider was created, as sent." }) accountCreated!: string | null;
  @Field() receivedAt!: Date;
}

@ObjectType('Customer', { implements: Node, description: 'A customer of the acting merchant site.' })
export class CustomerType extends RecordNode {
  @Field(() => String, { nullable: true, description: "The merchant's own id for this customer." })
  externalId!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  firstName!: string | null;

  @Field(() => String, { nullable: true })
  middleName!: string | null;

  @Field(() => String, { nullable: true })
  lastName!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601 date, e.g. "1990-04-30".' })
  birthDate!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'String key/value pairs set by the merchant.' })
  metadata!: Record<string, string>;

  @Field(() => [ProviderCustomerDetailsType], { description: 'What each provider returned about this customer.' })
  providerDetails!: ProviderCustomerDetailsType[];

  static from(customer: Customer): CustomerType {
    const node = recordNode(CustomerType, 'Customer', customer);
    node.externalId = customer.externalId ?? null;
    node.email = customer.email ?? null;
    node.firstName = customer.firstName ?? null;
    node.middleName = customer.middleName ?? null;
    node.lastName = customer.lastName ?? null;
    node.birthDate = customer.birthDate ?? null;
    node.phone = customer.phone ?? null;
    node.metadata = customer.metadata ?? {};
    node.providerDetails = Object.entries(customer.providerDetails ?? {}).map(([provider, d]) => ({
      provider,
      providerCustomerId: d.providerCustomerId ?? null,
      email: d.email ?? null,
      firstName: d.firstName ?? null,
      lastName: d.lastName ?? null,
      birthDate: d.birthDate ?? null,
      accountCreated: d.accountCreated ?? null,
      receivedAt: new Date(d.receivedAt),
    }));
    return node;
  }
}

export const CustomerConnection = ConnectionType(CustomerType, 'Customer');
