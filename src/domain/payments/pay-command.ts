import type { EntityManager } from '@mikro-orm/postgresql';
import type { FacetDeclarations, ProviderModule } from '../../providers/provider';
import { Customer } from '../customers/customer.entity';
import { DomainError, InvalidInputError, InvalidStateError, NotFoundError } from '../../kernel/errors';
import { currencyExponent, type Money } from '../../kernel/money';
import type { Order } from '../orders/order.entity';
import { PaymentMethod, PaymentMethodStatus } from '../payment-methods/payment-method.entity';
import { validateCard, type RawCard } from '../../kernel/card-validation';
import { validateBankAccount, type RawBankAccount } from '../../kernel/bank-account-validation';
import { checkOrderBalance, lockOrder } from './order-settlement';
import type { PaymentsEnv } from '../engine/payments-env';

/** Where PayInput's source lies, for the fields of userErrors about it. */
export const SOURCE = ['input', 'source'];

export interface PayCommand {
  provider?: string;
  amount: Money;
  orderId?: string;
  customerId?: string;
  card?: RawCard;
  /** A US bank account (ACH eCheck); only its last four are kept. */
  bankAccount?: RawBankAccount;
  paymentMethodId?: string;
  /** false → authorize only. */
  capture: boolean;
  saveMethod?: boolean;
  returnUrl?: string;
  /** A fee option the customer chose from the provider's quote (PayNearMe /get_fees: method type and channel). */
  feeOptionId?: string;
  description?: string;
  metadata?: Record<string, string>;
  /** The paying customer's IP address, passed to the provider (its risk checks); never stored. */
  customerIp?: string;
}

export interface ResolvedPay {
  module: ProviderModule;
  order: Order | null;
  customer: Customer | null;
  paymentMethod: PaymentMethod | null;
}

export function unsupported(provider: string, what: string, field: string[] = ['input', 'provider']): DomainError {
  return new DomainError('UNSUPPORTED_BY_PROVIDER', `provider "${provider}" does not support ${what}`, field);
}

/** Checks a pay command against the site's rows and the provider's capabilities; writes nothing. */
export async function resolvePay(env: PaymentsEnv, em: EntityManager, cmd: PayCommand): Promise<ResolvedPay> {
  const paymentMethod = cmd.paymentMethodId ? await findMethod(em, cmd.paymentMethodId) : null;
  const order = cmd.orderId ? await findOrder(em, cmd.orderId, cmd.amount) : null;
  const customer = cmd.customerId
    ? await em.findOne(Customer, { id: cmd.customerId })
    : (paymentMethod?.customer ?? order?.customer ?? null);
  if (cmd.customerId && !customer) throw new NotFoundError('customer', ['input', 'customerId']);
  const key = cmd.provider ?? paymentMethod?.provider ?? order?.provider;
  if (!key) throw new InvalidInputError('PROVIDER_REQUIRED', 'name the provider (or pay with a saved method or a provider order)', ['input', 'provider']);
  if (paymentMethod && paymentMethod.provider !== key) {
    throw new InvalidInputError('PROVIDER_MISMATCH', `this payment method belongs to provider "${paymentMethod.provider}"`, [...SOURCE, 'paymentMethodId']);
  }
  if (!env.registry.has(key)) throw new InvalidInputError('UNKNOWN_PROVIDER', `provider "${key}" is not configured`, ['input', 'provider']);
  const module = env.registry.module(key);
  checkFacets(key, module.facets, cmd);
  // Two sources cannot arrive: PayInput.source is @oneOf. None is refused here, as it depends on the provider.
  if (!cmd.card && !cmd.bankAccount && !paymentMethod && !module.facets.payments.redirect) {
    throw new InvalidInputError('SOURCE_REQUIRED', `provider "${key}" needs a source: give source { card }, { bankAccount } or { paymentMethodId }`, SOURCE);
  }
  checkSourceKind(key, module.facets, cmd);
  if (cmd.card) validateCard(cmd.card, [...SOURCE, 'card']);
  if (cmd.bankAccount) validateBankAccount(cmd.bankAccount, [...SOURCE, 'bankAccount']);
  return { module, order, customer, paymentMethod };
}

/** A card to a bank-account-only provider (or the reverse) is refused before anything is written. */
function checkSourceKind(key: string, facets: FacetDeclarations, cmd: PayCommand): void {
  const sources = facets.payments.sources ?? ['card'];
  if (cmd.card && !sources.includes('card')) throw unsupported(key, 'card payments', [...SOURCE, 'card']);
  if (cmd.bankAccount && !sources.includes('bank_account')) throw unsupported(key, 'bank account payments', [...SOURCE, 'bankAccount']);
}

function checkFacets(key: string, facets: FacetDeclarations, cmd: PayCommand): void {
  const { payments } = facets;
  if (cmd.capture && !payments.sale) throw unsupported(key, 'one-step sales; authorize with captureLater: true', ['input', 'captureLater']);
  if (!cmd.capture && !(payments.authorize && payments.capture)) throw unsupported(key, 'authorize now, capture later', ['input', 'captureLater']);
  if ((cmd.paymentMethodId || cmd.saveMethod) && !facets.savedMethods) throw unsupported(key, 'saved payment methods');
  if (payments.currencies && !payments.currencies.includes(cmd.amount.currency)) {
    throw unsupported(key, `payments in ${cmd.amount.currency}`, ['input', 'amount', 'currency']);
  }
  checkAmountFits(key, payments, cmd.amount);
}

/** Refuses at input an amount the provider's format cannot carry, rather than send what cannot be read back. */
export function checkAmountFits(key: string, limits: { maxMajorDigits?: number }, amount: Money): void {
  if (limits.maxMajorDigits === undefined) return;
  const major = amount.amountMinor / 10n ** BigInt(currencyExponent(amount.currency));
  if (major.toString().length <= limits.maxMajorDigits) return;
  throw new InvalidInputError('AMOUNT_TOO_LARGE', `provider "${key}" takes amounts of at most ${limits.maxMajorDigits} digits before the decimal point`, ['input', 'amount', 'amount']);
}

async function findMethod(em: EntityManager, id: string): Promise<PaymentMethod> {
  const method = await em.findOne(PaymentMethod, { id }, { populate: ['customer'] });
  if (!method) throw new NotFoundError('payment method', [...SOURCE, 'paymentMethodId']);
  if (method.status === PaymentMethodStatus.INACTIVE) throw new InvalidStateError('this payment method is inactive at the provider; it cannot pay', [...SOURCE, 'paymentMethodId']);
  if (method.status !== PaymentMethodStatus.ACTIVE) throw new InvalidStateError('this payment method was removed', [...SOURCE, 'paymentMethodId']);
  return method;
}

/** Locks the order (phase 1): the balance check and the new PENDING row commit together, so two payments can't both fit. */
async function findOrder(em: EntityManager, id: string, amount: Money): Promise<Order> {
  const order = await lockOrder(em, { id });
  if (!order) throw new NotFoundError('order', ['input', 'orderId']);
  await em.populate(order, ['customer']);
  if (order.currency !== amount.currency) {
    throw new InvalidInputError('CURRENCY_MISMATCH', `the order is in ${order.currency}, the payment in ${amount.currency}`, ['input', 'amount', 'currency']);
  }
  await checkOrderBalance(em, order, amount);
  return order;
}
