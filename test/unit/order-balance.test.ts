import { OrderStatus as O } from '../../src/domain/orders/order.entity';
import { capturedOnOrder, orderStatusFor, reservedOnOrder } from '../../src/domain/payments/order-balance';
import { TransactionStatus as S } from '../../src/domain/transactions/transaction-status';

const payment = (status: S, amountMinor: bigint, capturedMinor = 0n) => ({ status, amountMinor, capturedMinor });

describe('order balance', () => {
  it('counts every payment whose money may still move at its full amount', () => {
    for (const status of [S.PENDING, S.REQUIRES_ACTION, S.AWAITING_FEE_SELECTION, S.PROCESSING, S.OUTCOME_UNKNOWN, S.AUTHORIZED]) {
      expect(reservedOnOrder([payment(status, 1_000n)])).toBe(1_000n);
    }
  });

  it('counts a settled payment at what it captured: a partial capture releases the rest, a decline or void takes nothing', () => {
    expect(reservedOnOrder([payment(S.SUCCEEDED, 1_000n, 600n)])).toBe(600n);
    for (const status of [S.DECLINED, S.FAILED, S.CANCELLED]) expect(reservedOnOrder([payment(status, 1_000n)])).toBe(0n);
  });

  it('adds amounts beyond 2^53 exactly', () => {
    const big = 2n ** 60n + 1n;
    expect(reservedOnOrder([payment(S.AUTHORIZED, big), payment(S.SUCCEEDED, big, big)])).toBe(2n * big);
    expect(capturedOnOrder([payment(S.SUCCEEDED, big, big), payment(S.AUTHORIZED, 5n)])).toBe(big);
  });

  it('moves OPEN → PARTIALLY_PAID → PAID by what was captured', () => {
    expect(orderStatusFor(O.OPEN, 10_000n, 0n)).toBe(O.OPEN);
    expect(orderStatusFor(O.OPEN, 10_000n, 1n)).toBe(O.PARTIALLY_PAID);
    expect(orderStatusFor(O.PARTIALLY_PAID, 10_000n, 10_000n)).toBe(O.PAID);
    expect(orderStatusFor(O.OPEN, 10_000n, 10_001n)).toBe(O.PAID);
  });

  it('never moves an order backwards and never reopens a cancelled one', () => {
    expect(orderStatusFor(O.PAID, 10_000n, 0n)).toBe(O.PAID);
    expect(orderStatusFor(O.PARTIALLY_PAID, 10_000n, 0n)).toBe(O.PARTIALLY_PAID);
    expect(orderStatusFor(O.CANCELLED, 10_000n, 10_000n)).toBe(O.CANCELLED);
  });
});
