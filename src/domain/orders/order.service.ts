import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CustomerService } from '../customers/customer.service';
import { InvalidInputError } from '../../kernel/errors';
import type { Money } from '../../kernel/money';
import { Order } from './order.entity';
import { actingSite } from '../tenancy';

export interface NewOrder {
  reference: string;
  amount: Money;
  /** Database id of the customer, already decoded; undefined when the caller sent an id that isn't one. */
  customerId?: string;
  /** True when the caller named a customer at all (so an undecodable id is "not found", not "no customer"). */
  customerGiven: boolean;
  description?: string;
  metadata?: Record<string, string>;
}

/** Order writes, inside the caller's transaction on an EntityManager scoped to the acting site (tenancy.ts). */
export class OrderService {
  constructor(private readonly em: EntityManager) {}

  async create(input: NewOrder): Promise<Order> {
    const customer = input.customerGiven
      ? await new CustomerService(this.em).findOwn(input.customerId, ['input', 'customerId'])
      : undefined;
    const taken = await this.em.findOne(Order, { reference: input.reference }, { fields: ['id'] });
    if (taken) throw duplicateReference();
    const order = this.em.create(Order, {
      site: actingSite(this.em),
      customer,
      reference: input.reference,
      amountMinor: input.amount.amountMinor,
      currency: input.amount.currency,
      description: input.description,
      metadata: input.metadata ?? {},
    });
    try {
      await this.em.persist(order).flush();
    } catch (error) {
      // A concurrent request inserted the same reference between our check and this insert.
      if (error instanceof UniqueConstraintViolationException) throw duplicateReference();
      throw error;
    }
    return order;
  }
}

function duplicateReference(): InvalidInputError {
  return new InvalidInputError('DUPLICATE_REFERENCE', 'this site already has an order with this reference', ['input', 'reference']);
}
