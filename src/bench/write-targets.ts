import type { WriteKind, WriteTarget } from './write-cases';

const CARD = { number: '4111111111111111', expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: '737', holderName: 'Ada Lovelace' };
/** The amount every bench payment is for, and what each refund gives back (integer cents). */
export const PAY_MINOR = 1200n;
export const REFUND_MINOR = 200n;
const decimal = (minor: bigint) => `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`;

const TX = 'transaction { id status }';
const PAY = `mutation($input: PayInput!) { pay(input: $input) { ${TX} userErrors { code } } }`;
const CAPTURE = `mutation($input: CapturePaymentInput!) { capturePayment(input: $input) { ${TX} userErrors { code } } }`;
const REFUND = `mutation($input: RefundPaymentInput!) { refundPayment(input: $input) { refund { id status } userErrors { code } } }`;

const graphql = (query: string, input: Record<string, unknown>) => ({ path: '/graphql', body: JSON.stringify({ query, variables: { input } }) });

function parse(body: string): any {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export function gatewayTarget(url: string, apiKey: string, name = 'gateway'): WriteTarget {
  return {
    name,
    url,
    auth: { authorization: `Bearer ${apiKey}` },
    pay: (captureLater) => graphql(PAY, { provider: 'cardgateway', amount: { amount: decimal(PAY_MINOR), currency: 'EUR' }, source: { card: CARD }, captureLater }),
    capture: (transactionId) => graphql(CAPTURE, { transactionId }),
    refund: (transactionId) => graphql(REFUND, { transactionId, amount: { amount: decimal(REFUND_MINOR), currency: 'EUR' } }),
    read: (kind: WriteKind, body: string) => {
      const data = parse(body)?.data;
      const answer = kind === 'pay' ? data?.pay?.transaction : kind === 'capture' ? data?.capturePayment?.transaction : data?.refundPayment?.refund;
      return answer ? { id: answer.id, status: answer.status } : undefined;
    },
  };
}

export function baselineTarget(url: string, apiKey: string): WriteTarget {
  const json = (path: string, body: Record<string, unknown>) => ({ path, body: JSON.stringify(body) });
  return {
    name: 'baseline',
    url,
    auth: { authorization: `Bearer ${apiKey}` },
    pay: (captureLater) => json('/pay', { amountMinor: String(PAY_MINOR), captureLater }),
    capture: (transactionId) => json('/capture', { transactionId }),
    refund: (transactionId) => json('/refund', { transactionId, amountMinor: String(REFUND_MINOR) }),
    read: (kind: WriteKind, body: string) => {
      const answer = parse(body);
      return answer ? { id: kind === 'pay' ? answer.transactionId : answer.id, status: answer.status } : undefined;
    },
  };
}
