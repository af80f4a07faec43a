import { canCaptureOrCancel, canCorrectInferredEnd, canTransition, isTerminal, isUnsettled } from '../../src/domain/transactions/transaction-state';
import { TransactionStatus as S } from '../../src/domain/transactions/transaction-status';

const ALL = Object.values(S);

describe('transaction state machine', () => {
  it('lets a new payment reach every status the provider can report', () => {
    for (const to of ALL.filter((s) => s !== S.PENDING)) expect(canTransition(S.PENDING, to)).toBe(true);
  });

  it('never leaves DECLINED, FAILED, CANCELLED or SUCCEEDED', () => {
    for (const from of [S.DECLINED, S.FAILED, S.CANCELLED, S.SUCCEEDED]) {
      expect(isTerminal(from)).toBe(true);
      for (const to of ALL) expect(canTransition(from, to)).toBe(false);
    }
  });

  it('moves an authorization only to SUCCEEDED (captured) or CANCELLED (voided)', () => {
    expect(ALL.filter((to) => canTransition(S.AUTHORIZED, to)).sort()).toEqual([S.CANCELLED, S.SUCCEEDED]);
  });

  it('ignores a late "processing" or "requires action" report once the payment is authorized', () => {
    expect(canTransition(S.AUTHORIZED, S.PROCESSING)).toBe(false);
    expect(canTransition(S.AUTHORIZED, S.REQUIRES_ACTION)).toBe(false);
    expect(canTransition(S.AUTHORIZED, S.OUTCOME_UNKNOWN)).toBe(false);
  });

  it('lets an OUTCOME_UNKNOWN payment become whatever the provider reports, but never PENDING again', () => {
    for (const to of [S.SUCCEEDED, S.AUTHORIZED, S.DECLINED, S.FAILED, S.PROCESSING, S.REQUIRES_ACTION]) expect(canTransition(S.OUTCOME_UNKNOWN, to)).toBe(true);
    expect(ALL.some((from) => canTransition(from, S.PENDING))).toBe(false);
  });

  it('never allows a status to "change" to itself, so a repeated report writes no event', () => {
    for (const s of ALL) expect(canTransition(s, s)).toBe(false);
  });

  it('counts exactly the in-flight statuses as unsettled', () => {
    expect(ALL.filter(isUnsettled).sort()).toEqual([S.AWAITING_FEE_SELECTION, S.OUTCOME_UNKNOWN, S.PENDING, S.PROCESSING, S.REQUIRES_ACTION].sort());
  });

  it('allows capture and void only on an authorization', () => {
    expect(ALL.filter(canCaptureOrCancel)).toEqual([S.AUTHORIZED]);
  });

  it('keeps a payment waiting for the customer out of PROCESSING: a pending answer is no progress', () => {
    expect(canTransition(S.REQUIRES_ACTION, S.PROCESSING)).toBe(false);
    for (const to of [S.SUCCEEDED, S.AUTHORIZED, S.DECLINED, S.FAILED, S.CANCELLED]) expect(canTransition(S.REQUIRES_ACTION, to)).toBe(true);
  });

  it('lets the provider\'s verified success correct only an ending the gateway inferred', () => {
    expect(canCorrectInferredEnd(S.FAILED, 'NOT_RECEIVED_BY_PROVIDER', S.SUCCEEDED)).toBe(true);
    expect(canCorrectInferredEnd(S.FAILED, 'CUSTOMER_ACTION_EXPIRED', S.AUTHORIZED)).toBe(true);
    expect(canCorrectInferredEnd(S.CANCELLED, 'CUSTOMER_ACTION_CANCELLED', S.SUCCEEDED)).toBe(true);
    expect(canCorrectInferredEnd(S.FAILED, '11005', S.SUCCEEDED)).toBe(false);
    expect(canCorrectInferredEnd(S.DECLINED, 'NOT_RECEIVED_BY_PROVIDER', S.SUCCEEDED)).toBe(false);
    expect(canCorrectInferredEnd(S.FAILED, 'NOT_RECEIVED_BY_PROVIDER', S.PROCESSING)).toBe(false);
  });
});
