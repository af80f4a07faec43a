import { assertNever } from '../../kernel/assert-never';
import { OrderStatus } from '../orders/order.entity';
import { TransactionStatus } from '../transactions/transaction-status';

export interface OrderPayment {
  status: TransactionStatus;
  amountMinor: bigint;
  capturedMinor: bigint;
}

/**
 * What one payment takes from its order's balance. Anything whose money may still move (in flight, unknown,
 * authorized and not yet captured) counts in full, so a second payment can't overpay the order while the first
 * settles; once settled, only what was captured counts (a partial capture releases the rest).
 */
export function reservedBy(payment: OrderPayment): bigint {
  switch (payment.status) {
    case TransactionStatus.PENDING:
    case TransactionStatus.REQUIRES_ACTION:
    case TransactionStatus.AWAITING_FEE_SELECTION:
    case TransactionStatus.PROCESSING:
    case TransactionStatus.OUTCOME_UNKNOWN:
    case TransactionStatus.AUTHORIZED:
      return BigInt(payment.amountMinor);
    case TransactionStatus.SUCCEEDED:
    case TransactionStatus.CANCELLED:
    case TransactionStatus.DECLINED:
    case TransactionStatus.FAILED:
      return BigInt(payment.capturedMinor);
    default:
      return assertNever(payment.status);
  }
}

export function reservedOnOrder(payments: OrderPayment[]): bigint {
  return payments.reduce((sum, p) => sum + reservedBy(p), 0n);
}

/** Money actually taken for the order. Refunds are not subtracted: they never reopen an order. */
export function capturedOnOrder(payments: OrderPayment[]): bigint {
  return payments.reduce((sum, p) => sum + BigInt(p.capturedMinor), 0n);
}

const RANK: Readonly<Record<OrderStatus, number>> = {
  [OrderStatus.OPEN]: 0,
  [OrderStatus.PARTIALLY_PAID]: 1,
  [OrderStatus.PAID]: 2,
  [OrderStatus.CANCELLED]: 3,
};

/**
 * OPEN → PARTIALLY_PAID → PAID by what was captured, never backwards (a refund or a late report doesn't reopen
 * an order). A cancelled order stays cancelled.
 */
export function orderStatusFor(current: OrderStatus, orderAmountMinor: bigint, capturedMinor: bigint): OrderStatus {
  const byMoney = capturedMinor >= BigInt(orderAmountMinor) ? OrderStatus.PAID : capturedMinor > 0n ? OrderStatus.PARTIALLY_PAID : OrderStatus.OPEN;
  return RANK[byMoney] > RANK[current] ? byMoney : current;
}
