import { money } from '../../src/kernel/money';
import { paymentOutcome } from '../../src/providers/cardgateway/mapping';
import type { CardGatewaySandbox } from '../../src/providers/cardgateway/sandbox/server';
import { paymentResponse } from '../../src/providers/cardgateway/wire';
import type { PayRequest } from '../../src/providers/provider';
import { card, ref } from '../providers/cardgateway/harness';
import type { Harness } from '../providers/contract/harness';
import { lastWire, opensslMd5, startVectorHarness, VECTOR_MERCHANT } from './issue-8-support';

/**
 * Issue 8, item 4: a payment answered HTTP 200 with a result code but no status (neither the long `status` nor
 * `transactionStatus`, as some of the vendor's samples answer) was read as "processing" whatever the code
 * said. A documented decline is a decline and an error an error; only the codes that mean pending, and
 * success codes the inquiry must still confirm, stay "processing".
 */
let h: Harness<CardGatewaySandbox>;
beforeAll(async () => {
  h = await startVectorHarness();
});
afterAll(() => h.close());

const pay = (pan: string): PayRequest => ({
  reference: ref('nostatus'),
  amount: money(4200n, 'EUR'),
  capture: true,
  source: { type: 'card', card: card(pan) },
  returnUrl: `${h.listener.url}/return`,
  notificationUrl: `${h.listener.url}/notify`,
});

async function payWithoutStatus(pan: string) {
  const knobs = await fetch(`${h.sandbox.baseUrl}/__sandbox/knobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answerWithoutStatus: 1 }) });
  expect(knobs.status).toBe(200);
  const request = pay(pan);
  const outcome = await h.provider.payments.pay(request);
  const wire = await lastWire(h, '/payments');
  expect(wire.body['authentication.checksum']).toBe(opensslMd5(`${VECTOR_MERCHANT.memberId}|${VECTOR_MERCHANT.secureKey}|${request.reference}|42.00`));
  return { request, outcome };
}

describe('issue 8: a 200 answer with a result code and no status', () => {
  it.each([
    ['4000000000000002', '11005', 'DO_NOT_HONOR'],
    ['4000000000009995', '11051', 'INSUFFICIENT_FUNDS'],
  ])('reads card %s answered only with decline code %s as declined', async (pan, code, reasonCode) => {
    const { outcome } = await payWithoutStatus(pan);
    expect(outcome).toMatchObject({ status: 'declined', code, reasonCode });
  });

  it('keeps a success code without a status as processing, and the inquiry then says succeeded', async () => {
    const { request, outcome } = await payWithoutStatus('4111111111111111');
    expect(outcome).toMatchObject({ status: 'processing' });
    const status = await h.provider.payments.status({ operation: 'payment', reference: request.reference, providerTransactionId: outcome.providerTransactionId, amount: request.amount });
    expect(status).toMatchObject({ status: 'succeeded' });
  });

  it('keeps the pending code 00002 as processing', async () => {
    const { outcome } = await payWithoutStatus('4000000000003220');
    expect(outcome).toMatchObject({ status: 'processing', providerStatus: '00002' });
  });

  it.each([
    ['10001', 'declined'],
    ['20007', 'declined'],
    ['11043', 'declined'],
    ['10003', 'failed'],
    ['10026', 'failed'],
    ['30001', 'failed'],
    ['00002', 'processing'],
    ['00001', 'processing'],
    ['99999', 'processing'],
  ])('maps result code %s without a status to %s', (code, status) => {
    const reply = paymentResponse.parse({ paymentId: '1', amount: '1.00', currency: 'EUR', result: { code, description: 'x' } });
    expect(paymentOutcome(reply, 'EUR').status).toBe(status);
  });
});
