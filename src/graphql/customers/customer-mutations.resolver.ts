import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Customer } from '../../domain/customers/customer.entity';
import { CustomerService, type CustomerFields } from '../../domain/customers/customer.service';
import { Scope } from '../../domain/sites/api-key.entity';
import { idOf } from '../common/global-id';
import { parseMetadata } from '../common/metadata-input';
import { loadWritten, runMutation } from '../common/mutation';
import type { Context } from '../context';
import { CreateCustomerInput, UpdateCustomerInput } from './customer.input';
import { CreateCustomerPayload, UpdateCustomerPayload } from './customer.payload';
import { CustomerType } from './customer.type';

@Resolver()
export class CustomerMutationsResolver {
  @Mutation(() => CreateCustomerPayload, { nullable: true, description: 'Scope PAY.' })
  async createCustomer(@Arg('input') input: CreateCustomerInput, @Ctx() ctx: Context): Promise<CreateCustomerPayload> {
    const result = await runMutation(ctx, { operation: 'createCustomer', scope: Scope.PAY, input }, async (tx) => {
      const customer = await new CustomerService(tx).create(fieldsOf(input));
      return { customerId: customer.id };
    });
    return { customer: await loadWritten(ctx, Customer, result.customerId, CustomerType.from), userErrors: [], replayed: result.replayed };
  }

  @Mutation(() => UpdateCustomerPayload, { nullable: true, description: 'Scope PAY. Another site\'s customer is NOT_FOUND.' })
  async updateCustomer(@Arg('input') input: UpdateCustomerInput, @Ctx() ctx: Context): Promise<UpdateCustomerPayload> {
    const result = await runMutation(ctx, { operation: 'updateCustomer', scope: Scope.PAY, input }, async (tx) => {
      const service = new CustomerService(tx);
      const customer = await service.update(idOf(input.id, 'Customer'), fieldsOf(input));
      return { customerId: customer.id };
    });
    return { customer: await loadWritten(ctx, Customer, result.customerId, CustomerType.from), userErrors: [], replayed: result.replayed };
  }
}

function fieldsOf(input: CreateCustomerInput | UpdateCustomerInput): CustomerFields {
  const { externalId, email, firstName, middleName, lastName, birthDate, phone } = input;
  const metadata = input.metadata === null ? {} : parseMetadata(input.metadata, ['input', 'metadata']);
  return { externalId, email, firstName, middleName, lastName, birthDate, phone, metadata };
}
