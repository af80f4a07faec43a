import type { FacetDeclarations } from '../../providers/provider';
import { approvedMinor } from '../payments/apply-outcome';
import { PaymentStep } from '../payments/payment-steps';
import { isAwaitingCustomer } from './transaction-state';
import { TransactionStatus as S } from './transaction-status';
import type { Transaction } from './transaction.entity';

/** What a client may ask of a payment now; the mutation of the same name decides, this saves a guess. */
export enum TransactionAction {
  CAPTURE = 'CAPTURE',
  CANCEL = 'CANCEL',
  REFUND = 'REFUND',
  SELECT_FEE = 'SELECT_FEE',
}

type Row = Pick<Transaction, 'status' | 'step' | 'amountMinor' | 'currency' | 'mismatch' | 'capturedMinor' | 'refundedMinor'>;

/** What capturePayment may still take: the approved amount of an authorization minus what was captured. */
export function capturableMinor(txn: Row): bigint {
  if (txn.status !== S.AUTHORIZED) return 0n;
  const left = approvedMinor(txn) - BigInt(txn.capturedMinor);
  return left > 0n ? left : 0n;
}

/**
 * From the state machine and the provider's facets. A capture or refund still in flight is not known here, so
 * an action listed can still be refused by its mutation (it answers with a userError, never a second movement).
 */
export function availableActions(txn: Row, facets: FacetDeclarations): TransactionAction[] {
  const actions: TransactionAction[] = [];
  const captured = BigInt(txn.capturedMinor);
  const capture = facets.payments.capture;
  if (capture && capturableMinor(txn) > 0n && (captured === 0n || capture.multiple)) actions.push(TransactionAction.CAPTURE);
  if ((txn.status === S.AUTHORIZED && captured === 0n && facets.payments.void) || isAwaitingCustomer(txn.status)) actions.push(TransactionAction.CANCEL);
  const refunds = facets.refunds;
  const refundable = (txn.status === S.SUCCEEDED || txn.status === S.AUTHORIZED) && captured > BigInt(txn.refundedMinor);
  if (refunds && refundable && (refunds.multiple || BigInt(txn.refundedMinor) === 0n)) actions.push(TransactionAction.REFUND);
  if (txn.status === S.AWAITING_FEE_SELECTION && txn.step === PaymentStep.PAY && facets.completion?.kind === 'choice') actions.push(TransactionAction.SELECT_FEE);
  return actions;
}
