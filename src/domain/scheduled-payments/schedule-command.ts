import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../kernel/clock';
import { InvalidInputError, InvalidStateError, NotFoundError } from '../../kernel/errors';
import type { Money } from '../../kernel/money';
import type { ProviderModule } from '../../providers/provider';
import { Customer } from '../customers/customer.entity';
import { Order } from '../orders/order.entity';
import { PaymentMethod, PaymentMethodStatus } from '../payment-methods/payment-method.entity';
import type { PaymentsEnv } from '../engine/payments-env';
import { checkAmountFits, unsupported } from '../payments/pay-command';
import { lockOrder } from '../payments/order-settlement';
import { checkScheduleFits } from './schedule-reservation';

export interface ScheduleCommand {
  amount: Money;
  orderId?: string;
  customerId?: string;
  paymentMethodId: string;
  scheduledFor: Date;
  description?: string;
}

export interface ResolvedSchedule {
  module: ProviderModule;
  order: Order | null;
  customer: Customer | null;
  paymentMethod: PaymentMethod;
  /** The due time to store: the instant given, or the start of its UTC day for a provider that schedules by day. */
  scheduledFor: Date;
}

const field = (name: string) => ['input', name];

/** Checks a schedule against the site's rows, the clock and the provider; writes nothing. */
export async function resolveSchedule(env: PaymentsEnv, em: EntityManager, clock: Clock, cmd: ScheduleCommand): Promise<ResolvedSchedule> {
  if (!cmd.orderId && !cmd.customerId) throw new InvalidInputError('ORDER_OR_CUSTOMER_REQUIRED', 'give the order or the customer this payment is for', field('orderId'));
  const paymentMethod = await em.findOne(PaymentMethod, { id: cmd.paymentMethodId }, { populate: ['customer'] });
  if (!paymentMethod) throw new NotFoundError('payment method', field('paymentMethodId'));
  if (paymentMethod.status !== PaymentMethodStatus.ACTIVE) throw new InvalidStateError('this payment method was removed', field('paymentMethodId'));
  const order = cmd.orderId ? await findOrder(em, cmd.orderId, cmd.amount) : null;
  const customer = cmd.customerId ? await em.findOne(Customer, { id: cmd.customerId }) : (order?.customer ?? paymentMethod.customer ?? null);
  if (cmd.customerId && !customer) throw new NotFoundError('customer', field('customerId'));
  if (paymentMethod.customer && customer && paymentMethod.customer.id !== customer.id) {
    throw new InvalidInputError('PAYMENT_METHOD_MISMATCH', "this payment method belongs to another customer", field('paymentMethodId'));
  }
  const module = providerOf(env, paymentMethod, cmd.amount);
  return { module, order, customer, paymentMethod, scheduledFor: dueTime(module, clock, cmd.scheduledFor) };
}

function providerOf(env: PaymentsEnv, method: PaymentMethod, amount: Money): ProviderModule {
  const key = method.provider;
  if (!env.registry.has(key)) throw new InvalidInputError('UNKNOWN_PROVIDER', `provider "${key}" is not configured`, field('paymentMethodId'));
  const module = env.registry.module(key);
  const { payments } = module.facets;
  if (!module.facets.scheduling && !payments.sale) throw unsupported(key, 'payments with a saved method', field('paymentMethodId'));
  if (payments.currencies && !payments.currencies.includes(amount.currency)) throw unsupported(key, `payments in ${amount.currency}`, ['input', 'amount', 'currency']);
  checkAmountFits(key, payments, amount);
  return module;
}

/** Strictly after now; a provider that schedules by calendar day takes days after today (UTC) only. */
function dueTime(module: ProviderModule, clock: Clock, requested: Date): Date {
  const now = clock.now();
  const due = module.facets.scheduling?.byDay ? startOfUtcDay(requested) : requested;
  const tooEarly = module.facets.scheduling?.byDay ? due.getTime() <= startOfUtcDay(now).getTime() : due.getTime() <= now.getTime();
  if (tooEarly) {
    const what = module.facets.scheduling?.byDay ? `a day after today (UTC): provider "${module.key}" schedules by calendar day` : 'a time in the future';
    throw new InvalidInputError('SCHEDULED_FOR_NOT_IN_FUTURE', `scheduledFor must be ${what}`, field('scheduledFor'));
  }
  return due;
}

export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** yyyy-mm-dd of the UTC day. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The order must take this payment now as well (a cancelled or paid order takes none), beside the schedules that
 * already reserve part of it; locked, so concurrent schedules of one order queue. Checked again at the due time.
 */
async function findOrder(em: EntityManager, id: string, amount: Money): Promise<Order> {
  const order = await lockOrder(em, { id });
  if (!order) throw new NotFoundError('order', field('orderId'));
  await em.populate(order, ['customer']);
  if (order.currency !== amount.currency) {
    throw new InvalidInputError('CURRENCY_MISMATCH', `the order is in ${order.currency}, the payment in ${amount.currency}`, ['input', 'amount', 'currency']);
  }
  await checkScheduleFits(em, order, amount);
  return order;
}
