import { randomBytes } from 'node:crypto';
import type { Clock } from '../../src/kernel/clock';
import { card } from '../integration/payments/payments-fixture';

type Gql = (query: string, variables?: Record<string, unknown>) => Promise<{ data?: Record<string, any>; errors?: unknown[] }>;

/** A clock a test moves by hand; the configuration's clock is replaced by it on a running app. */
export class TestClock implements Clock {
  constructor(private instant: Date = new Date()) {}

  now(): Date {
    return new Date(this.instant);
  }

  advance(ms: number): void {
    this.instant = new Date(this.instant.getTime() + ms);
  }
}

export const SCHEDULED_FIELDS = `id status runBy provider scheduledFor providerScheduleId failureCode failureMessage
  amount { amount currency } transaction { id status reference } order { id status } paymentMethod { id }
  history { nodes { type fromStatus toStatus message } }`;

export const SCHEDULE = `mutation($input: SchedulePaymentInput!) { schedulePayment(input: $input) {
  scheduledPayment { ${SCHEDULED_FIELDS} } userErrors { code field message } replayed } }`;

export const CANCEL_SCHEDULE = `mutation($input: CancelScheduledPaymentInput!) { cancelScheduledPayment(input: $input) {
  scheduledPayment { ${SCHEDULED_FIELDS} } userErrors { code field message } } }`;

export const SCHEDULED = `query($id: ID!) { scheduledPayment(id: $id) { ${SCHEDULED_FIELDS} } }`;

const CREATE_METHOD = `mutation($input: CreatePaymentMethodInput!) { createPaymentMethod(input: $input) {
  paymentMethod { id } userErrors { code field message } } }`;
const CREATE_ORDER = `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } userErrors { code message } } }`;

export const eur = (amount: string) => ({ amount, currency: 'EUR' });

/** A card saved at the provider (cardgateway registration), as a payment method id. */
export async function savedCard(gql: Gql, pan = '4111111111111111', provider = 'cardgateway'): Promise<string> {
  const answer = await gql(CREATE_METHOD, { input: { provider, card: card(pan) } });
  const id = answer.data?.createPaymentMethod?.paymentMethod?.id;
  if (!id) throw new Error(`no saved method: ${JSON.stringify(answer)}`);
  return id;
}

export async function newOrder(gql: Gql, amount = '30.00'): Promise<string> {
  const answer = await gql(CREATE_ORDER, { input: { reference: `sch-${randomBytes(5).toString('hex')}`, amount: eur(amount) } });
  const id = answer.data?.createOrder?.order?.id;
  if (!id) throw new Error(`no order: ${JSON.stringify(answer)}`);
  return id;
}

export const historyTypes = (scheduled: { history: { nodes: { type: string }[] } }) => scheduled.history.nodes.map((n) => n.type);
