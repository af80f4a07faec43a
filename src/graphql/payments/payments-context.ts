import type { EntityClass } from '@mikro-orm/core';
import { NotFoundError } from '../../kernel/errors';
import type { Money } from '../../kernel/money';
import { PaymentMethod } from '../../domain/payment-methods/payment-method.entity';
import { PaymentOperation } from '../../domain/payments/payment-operation.entity';
import type { PaymentsEnv } from '../../domain/engine/payments-env';
import { refusalErrors, type RefusableRow, type RefusalError, type RefusalFields } from '../../domain/engine/movement-refusal';
import { Payout } from '../../domain/payouts/payout.entity';
import { Refund } from '../../domain/refunds/refund.entity';
import type { Scope } from '../../domain/sites/api-key.entity';
import { requireScope, type Principal } from '../../domain/sites/principal';
import { Transaction } from '../../domain/transactions/transaction.entity';
import { idOf } from '../common/global-id';
import { parseMoneyInput } from '../common/money-input';
import type { MoneyInput } from '../common/money.type';
import { idempotencyKeyOf, loadWritten, type MutationInput } from '../common/mutation';
import { paymentsEnvOf, type Context } from '../context';
import { PaymentMethodType } from '../payment-methods/payment-method.type';
import { PaymentOperationType } from './payment-operation.type';
import { PayoutType } from '../payouts/payout.type';
import { RefundType } from '../refunds/refund.type';
import { TransactionType } from '../transactions/transaction.type';

export interface PaymentsCall {
  env: PaymentsEnv;
  principal: Principal;
  key?: string;
}

/** Scope check, then the payments environment for this request and the idempotency key (input, else header). */
export function paymentsCall(ctx: Context, scope: Scope, input: MutationInput): PaymentsCall {
  const principal = requireScope(ctx.principal, scope);
  const env = paymentsEnvOf(ctx.deps, ctx.em);
  return { env, principal, key: idempotencyKeyOf(ctx, input) };
}

/** A global id of the expected type, else NOT_FOUND on that field (another type's id behaves as unknown). */
export function dbId(globalId: string | null | undefined, type: string, field: string[]): string | undefined {
  if (globalId === null || globalId === undefined) return undefined;
  const id = idOf(globalId, type);
  if (!id) throw new NotFoundError(type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(), field);
  return id;
}

export function money(input: MoneyInput | null | undefined, field: string[]): Money | undefined {
  return input ? parseMoneyInput(input, field) : undefined;
}

/**
 * Rows this request's phase 3 locked, wrote and committed (the payments services' `written`): they are the
 * resource as it stands, so the answer is built from them instead of reading them again.
 */
export interface WrittenRows {
  transaction?: Transaction;
  operation?: PaymentOperation;
  refund?: Refund;
}

/** Results are loaded fresh (the phases ran on their own forks), scoped to the acting site, unless just written. */
export async function loadResults(ctx: Context, ids: Record<string, unknown>, written: WrittenRows = {}) {
  let fork: Context['em'] | undefined;
  const load = async <T extends { id: string }, R>(entity: EntityClass<T>, id: unknown, toType: (row: T) => R, row?: T): Promise<R | null> => {
    if (row && typeof id === 'string' && row.id === id) return toType(row);
    if (typeof id !== 'string') return null;
    return loadWritten(ctx, entity, id, toType, (fork ??= ctx.em.fork()));
  };
  return {
    transaction: await load(Transaction, ids.transactionId, TransactionType.from, written.transaction),
    paymentMethod: await load(PaymentMethod, ids.paymentMethodId, PaymentMethodType.from),
    refund: await load(Refund, ids.refundId, RefundType.from, written.refund),
    payout: await load(Payout, ids.payoutId, PayoutType.from),
    operation: await load(PaymentOperation, ids.operationId, PaymentOperationType.from, written.operation),
  };
}

/**
 * The provider's refusal of the refund or payout this mutation made (engine/movement-refusal.ts), as userErrors.
 * Only a DECLINED row (as just loaded) can carry one, so the common answers cost no extra statement.
 */
export async function refusalOf(ctx: Context, entity: typeof Refund | typeof Payout, id: unknown, loaded: { status: string } | null, fields: RefusalFields): Promise<RefusalError[]> {
  if (typeof id !== 'string' || loaded?.status !== 'DECLINED') return [];
  const row: RefusableRow | null = await ctx.em.fork().findOne(entity as typeof Refund, { id });
  return refusalErrors(row, fields);
}
