import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../../kernel/errors';
import { toDecimal, type Money } from '../../kernel/money';
import type { Order } from '../orders/order.entity';
import { checkOrderBalance } from '../payments/order-settlement';

/**
 * What the order's waiting schedules hold: SCHEDULED, and PROCESSING ones whose payment does not exist yet (a
 * payment, once made, counts among the order's payments instead — linked, or found by its metadata, the way a
 * run finds it). Cancelled, failed and paid schedules hold nothing.
 */
async function reservedBySchedules(em: EntityManager, orderId: string): Promise<bigint> {
  const [row] = await em.execute<{ reserved: string }[]>(
    `select coalesce(sum(s.amount_minor), 0)::text as reserved from scheduled_payment s
      where s.order_id = ? and s.status in ('SCHEDULED', 'PROCESSING') and s.transaction_id is null
        and not exists (select 1 from "transaction" t where t.order_id = s.order_id and t.metadata->>'scheduledPaymentId' = s.id::text)`,
    [orderId],
  );
  return BigInt(row!.reserved);
}

/**
 * A new schedule must fit in what the order still owes after its payments (checkOrderBalance) and after the
 * schedules already waiting: schedules reserve the balance. The caller holds the order's row lock (lockOrder),
 * so two schedules of one order are decided one after the other and the second sees the first.
 * A direct `pay` does not count schedules: a schedule the order can no longer take fails at its due time.
 */
export async function checkScheduleFits(em: EntityManager, order: Order, amount: Money): Promise<void> {
  const unpaid = await checkOrderBalance(em, order, amount);
  const schedules = await reservedBySchedules(em, order.id);
  const left = unpaid - schedules;
  if (amount.amountMinor <= left) return;
  throw new DomainError(
    'AMOUNT_EXCEEDS_ORDER_BALANCE',
    `at most ${toDecimal(left > 0n ? left : 0n, order.currency)} ${order.currency} of this order is not yet paid or reserved by its scheduled payments (${toDecimal(schedules, order.currency)} ${order.currency} scheduled)`,
    ['input', 'amount', 'amount'],
  );
}
