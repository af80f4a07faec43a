import { PAY, REFUND, card, type PaymentsFixture } from '../integration/payments/payments-fixture';
import { sleep } from './pg-session';

/**
 * A capture, refund or payout that the card gateway sandbox takes in and processes late (knobs.lateBackoffice),
 * after the gateway has ended it FAILED NOT_RECEIVED_BY_PROVIDER: the set-up shared by the late-success
 * regression and fault tests. The gateway's not-found window is NOT_FOUND_FINAL_AFTER_MS (2 s in these tests).
 */
export const LATE_ENV = { PROVIDER_TIMEOUT_MS: '400', RECONCILE_AFTER_MS: '0', NOT_FOUND_FINAL_AFTER_MS: '2000' };
/** Past the not-found window, and before the sandbox processes the late request. */
export const PAST_WINDOW_MS = 2_300;
export const LATE_DELAY_MS = 4_500;

export const REFUND_NODE = `query($id: ID!) { node(id: $id) { ... on Refund { id status failureCode amount { amount } } } }`;
export const PAYOUT_NODE = `query($id: ID!) { node(id: $id) { ... on Payout { id status failureCode amount { amount } } } }`;
export const PAYOUT = `mutation($input: CreatePayoutInput!) { createPayout(input: $input) {
  payout { id status reference failureCode } userErrors { code field message } } }`;
export const EVENTS = `query($id: ID!) { node(id: $id) { ... on Transaction { status events { edges { node { type amount { amount } } } } } } }`;

export const eur = (amount: string) => ({ amount, currency: 'EUR' });

export async function paid(f: PaymentsFixture, amount: string, captureLater = false): Promise<{ id: string; reference: string }> {
  const res = await f.gql(PAY, { input: { provider: 'cardgateway', amount: eur(amount), source: { card: card() }, captureLater } });
  const txn = res.data!.pay.transaction;
  expect(txn.status).toBe(captureLater ? 'AUTHORIZED' : 'SUCCEEDED');
  return txn;
}

/** Makes the next back-office operation late at the sandbox. */
export function nextOperationLate(f: PaymentsFixture, delayMs = LATE_DELAY_MS): void {
  f.sandbox.state.knobs.lateBackoffice = 1;
  f.sandbox.state.knobs.lateProcessingDelayMs = delayMs;
}

/** A refund whose request the sandbox takes in and processes late; its id once the gateway ended it FAILED. */
export async function lateRefund(f: PaymentsFixture, transactionId: string, amount: string, delayMs = LATE_DELAY_MS): Promise<string> {
  nextOperationLate(f, delayMs);
  const res = await f.gql(REFUND, { input: { transactionId, amount: eur(amount) } });
  const refund = res.data!.refundPayment.refund;
  expect(refund.status).toBe('OUTCOME_UNKNOWN');
  await endByInference(f, async () => (await f.gql(REFUND_NODE, { id: refund.id })).data!.node);
  return refund.id;
}

/** Waits past the not-found window and runs the reconciler: the row ends FAILED NOT_RECEIVED_BY_PROVIDER. */
export async function endByInference(f: PaymentsFixture, read: () => Promise<{ status: string; failureCode?: string | null }>): Promise<void> {
  await sleep(PAST_WINDOW_MS);
  await f.t.running.reconciler.runOnce();
  expect(await read()).toMatchObject({ status: 'FAILED', failureCode: 'NOT_RECEIVED_BY_PROVIDER' });
}

/** Polls `read` (running the reconciler between reads when asked) until it answers `want`, for at most `ms`. */
export async function eventually<T>(read: () => Promise<T>, want: (value: T) => boolean, options: { ms?: number; reconcile?: PaymentsFixture } = {}): Promise<T> {
  const until = Date.now() + (options.ms ?? 10_000);
  let value = await read();
  while (!want(value) && Date.now() < until) {
    await sleep(200);
    if (options.reconcile) await options.reconcile.t.running.reconciler.runOnce();
    value = await read();
  }
  return value;
}

export async function eventTypes(f: PaymentsFixture, transactionId: string): Promise<string[]> {
  const node = (await f.gql(EVENTS, { id: transactionId })).data!.node;
  return node.events.edges.map((e: { node: { type: string } }) => e.node.type);
}

export const errorLogged = (f: PaymentsFixture, words: string) => f.t.logs.some((line) => line.includes('"level":50') && line.includes(words));
