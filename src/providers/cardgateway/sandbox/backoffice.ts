import { errorReply, type Reply } from './auth';
import { formatCents } from './body';
import { RESULT, withDetail, type Result } from './codes';
import { paymentBody, type Processed } from './respond';
import type { SandboxMerchant, SandboxPayment, SandboxState } from './state';
import { checkChecksum, invalid, isReply, readMoney } from './validate';

const notFound = (): Reply => errorReply(404, RESULT.notFound);

/** POST /payments/{id}: CP capture, RF refund, RV reversal, IN inquiry (idType PID or MID). */
export function processBackoffice(state: SandboxState, merchant: SandboxMerchant, fields: Record<string, string>, id: string): Processed | Reply {
  const op = fields['paymentType'];
  if (op !== 'CP' && op !== 'RF' && op !== 'RV' && op !== 'IN') return invalid('paymentType must be CP, RF, RV or IN on /payments/{paymentId}');
  const badChecksum = checkChecksum(op, merchant, fields, id);
  if (badChecksum) return badChecksum;
  const byMid = op === 'IN' && fields['idType'] === 'MID';
  if (byMid) {
    const named = fields['merchantTransactionId'];
    if (!named) return invalid('merchantTransactionId is required for an inquiry with idType=MID');
    if (named !== id) return invalid(`merchantTransactionId ${named} is not the transaction this inquiry names`);
  }
  const payment = byMid ? state.paymentByMid(merchant.memberId, id) : state.payments.get(id);
  if (!payment || payment.memberId !== merchant.memberId) return notFound();
  switch (op) {
    case 'IN':
      return inquiry(payment);
    case 'RV':
      return reverse(payment);
    case 'CP':
    case 'RF': {
      const money = readMoney(fields);
      if (isReply(money)) return money;
      if (money.currency !== payment.currency) return refused(payment, op, money.amount, op === 'CP' ? RESULT.captureFailed : RESULT.refundFailed, `currency ${money.currency} differs from the transaction's ${payment.currency}`);
      return op === 'CP' ? capture(payment, money.amount, money.amountCents) : refund(payment, money.amount, money.amountCents);
    }
  }
}

function inquiry(payment: SandboxPayment): Processed {
  return {
    http: 200,
    body: {
      ...paymentBody(payment, { result: RESULT.found }),
      captureAmount: formatCents(payment.capturedCents),
      refundAmount: formatCents(payment.refundedCents),
      remark: `${payment.result.code} ${payment.result.description}`,
    },
  };
}

function refused(payment: SandboxPayment, op: string, amount: string, result: Result, detail: string): Processed {
  return { http: 200, body: { ...paymentBody(payment, { paymentType: op, amount, result: withDetail(result, detail) }), transactionStatus: 'N' } };
}

function capture(payment: SandboxPayment, amount: string, cents: bigint): Processed {
  if (payment.paymentType !== 'PA' || payment.status !== 'authsuccessful') {
    return refused(payment, 'CP', amount, RESULT.captureFailed, `transaction is ${payment.status}, only an authorized preauthorization can be captured`);
  }
  if (cents > payment.amountCents) return refused(payment, 'CP', amount, RESULT.captureFailed, `amount ${amount} exceeds the authorized amount ${payment.amount}`);
  payment.status = 'capturesuccess';
  payment.capturedCents = cents;
  return { http: 200, body: paymentBody(payment, { paymentType: 'CP', amount, result: RESULT.captured }) };
}

function reverse(payment: SandboxPayment): Processed {
  if (payment.paymentType === 'PA' && payment.status === 'authsuccessful') {
    payment.status = 'authcancelled';
    return { http: 200, body: paymentBody(payment, { paymentType: 'RV', result: RESULT.cancelled }) };
  }
  const why = payment.capturedCents > 0n ? 'a captured transaction cannot be reversed, refund it instead' : `transaction is ${payment.status}`;
  return refused(payment, 'RV', payment.amount, RESULT.cancelFailed, why);
}

/**
 * The platform refunds a settled transaction once, for at most the captured amount (docs/cardgateway.md
 * "Payment model").
 */
function refund(payment: SandboxPayment, amount: string, cents: bigint): Processed {
  if (payment.refundCount > 0) return refused(payment, 'RF', amount, RESULT.refundFailed, 'the transaction has already been refunded once');
  if (!['capturesuccess', 'settled'].includes(payment.status)) return refused(payment, 'RF', amount, RESULT.refundFailed, `transaction is ${payment.status}, only a captured transaction can be refunded`);
  if (cents > payment.capturedCents) return refused(payment, 'RF', amount, RESULT.refundFailed, `amount ${amount} exceeds the captured amount ${formatCents(payment.capturedCents)}`);
  payment.status = 'reversed';
  payment.refundedCents = cents;
  payment.refundCount += 1;
  return { http: 200, body: paymentBody(payment, { paymentType: 'RF', amount, result: RESULT.refunded }) };
}
