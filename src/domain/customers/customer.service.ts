import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { InvalidInputError, NotFoundError } from '../../kernel/errors';
import { Customer } from './customer.entity';
import { actingSite } from '../tenancy';

/** The writable fields; `null` clears a field on update, `undefined` leaves it as it is. */
export interface CustomerFields {
  externalId?: string | null;
  email?: string | null;
  firstName?: string | null;
  middleName?: string | null;
  lastName?: string | null;
  birthDate?: string | null;
  phone?: string | null;
  metadata?: Record<string, string>;
}

const WRITABLE = ['externalId', 'email', 'firstName', 'middleName', 'lastName', 'birthDate', 'phone', 'metadata'] as const;

/** Customer writes, inside the caller's transaction on an EntityManager scoped to the acting site (tenancy.ts). */
export class CustomerService {
  constructor(private readonly em: EntityManager) {}

  async create(fields: CustomerFields): Promise<Customer> {
    await this.validate(fields);
    const customer = this.em.create(Customer, { site: actingSite(this.em), metadata: {} });
    this.assign(customer, fields);
    await this.save(customer);
    return customer;
  }

  async update(customerId: string | undefined, fields: CustomerFields): Promise<Customer> {
    const customer = await this.findOwn(customerId, ['input', 'id']);
    await this.validate(fields, customer.id);
    this.assign(customer, fields);
    await this.save(customer);
    return customer;
  }

  /** Another site's customer, a malformed id and a missing row all look the same: not found. */
  async findOwn(customerId: string | undefined, field: string[]): Promise<Customer> {
    const customer = customerId ? await this.em.findOne(Customer, { id: customerId }) : null;
    if (!customer) throw new NotFoundError('customer', field);
    return customer;
  }

  /** Runs before anything is assigned: the ORM flushes pending changes before each query. */
  private async validate(fields: CustomerFields, ownId?: string): Promise<void> {
    if (fields.birthDate) assertBirthDate(fields.birthDate);
    if (!fields.externalId) return;
    const where = { externalId: fields.externalId, ...(ownId ? { id: { $ne: ownId } } : {}) };
    if (await this.em.findOne(Customer, where, { fields: ['id'] })) throw duplicateExternalId();
  }

  private assign(customer: Customer, fields: CustomerFields): void {
    for (const name of WRITABLE) {
      const value = fields[name];
      if (value !== undefined) Object.assign(customer, { [name]: value });
    }
  }

  private async save(customer: Customer): Promise<void> {
    try {
      await this.em.persist(customer).flush();
    } catch (error) {
      // A concurrent request took the same externalId between our check and the insert.
      if (error instanceof UniqueConstraintViolationException) throw duplicateExternalId();
      throw error;
    }
  }
}

/** "2023-02-30" has the right shape but is no date; a birth date in the future or before 1900 is a typo. */
function assertBirthDate(isoDate: string): void {
  const parsed = new Date(`${isoDate}T00:00:00Z`);
  const real = !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(isoDate);
  if (!real || parsed.getUTCFullYear() < 1900 || parsed.getTime() > Date.now()) {
    throw new InvalidInputError('INVALID_DATE', 'birthDate must be a real date between 1900 and today (YYYY-MM-DD)', ['input', 'birthDate']);
  }
}

function duplicateExternalId(): InvalidInputError {
  return new InvalidInputError('DUPLICATE_EXTERNAL_ID', 'another customer of this site already has this externalId', [
    'input',
    'externalId',
  ]);
}
