import { money } from '../../src/kernel/money';
import type { CardGatewaySandbox } from '../../src/providers/cardgateway/sandbox/server';
import { card, ref } from '../providers/cardgateway/harness';
import type { Harness } from '../providers/contract/harness';
import { lastWire, opensslMd5, rawCall, startVectorHarness, VECTOR_MERCHANT } from './issue-8-support';

/**
 * Issue 8, item 5: an inquiry by our own reference (idType=MID) carries `merchantTransactionId` in the body,
 * as the vendor's sample does; recovering a lost answer depends on it, so the sandbox refuses an MID inquiry
 * without it.
 */
let h: Harness<CardGatewaySandbox>;
beforeAll(async () => {
  h = await startVectorHarness();
});
afterAll(() => h.close());

describe('issue 8: inquiry by merchantTransactionId (idType=MID)', () => {
  it('sends merchantTransactionId in the body of an MID inquiry, under the checksum openssl computes', async () => {
    const amount = money(15600n, 'EUR');
    const outcome = await h.provider.payments.status({ operation: 'payment', reference: 'order-0001', amount });
    expect(outcome).toMatchObject({ status: 'not_found' });
    const wire = await lastWire(h, '/payments/');
    expect(wire.path).toBe('/transactionServices/REST/v1/payments/order-0001');
    expect(wire.body).toMatchObject({ paymentType: 'IN', idType: 'MID', merchantTransactionId: 'order-0001' });
    // test/vectors/cardgateway.json "IN inquiry with idType=MID"
    expect(wire.body['authentication.checksum']).toBe('101bb569aa80bfdb16d3d24640399c78');
    expect(wire.body['authentication.checksum']).toBe(opensslMd5(`${VECTOR_MERCHANT.memberId}|${VECTOR_MERCHANT.secureKey}|order-0001`));
  });

  it('finds a payment whose answer was lost by asking with merchantTransactionId', async () => {
    const reference = ref('lost');
    const request = { reference, amount: money(700n, 'EUR'), capture: true, source: { type: 'card' as const, card: card('4000000000000341') }, returnUrl: `${h.listener.url}/r`, notificationUrl: `${h.listener.url}/n` };
    await expect(h.provider.payments.pay(request)).rejects.toMatchObject({ kind: 'indeterminate' });
    expect(await h.provider.payments.status({ operation: 'payment', reference, amount: request.amount })).toMatchObject({ status: 'succeeded' });
    const wire = await lastWire(h, '/payments/');
    expect(wire.body).toMatchObject({ paymentType: 'IN', idType: 'MID', merchantTransactionId: reference });
    expect(wire.body['authentication.checksum']).toBe(opensslMd5(`${VECTOR_MERCHANT.memberId}|${VECTOR_MERCHANT.secureKey}|${reference}`));
  });

  it('the sandbox refuses an MID inquiry without merchantTransactionId in the body', async () => {
    const answer = await rawCall(h, '/payments/order-0001', { 'authentication.checksum': '101bb569aa80bfdb16d3d24640399c78', paymentType: 'IN', idType: 'MID' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ result: { code: '30001' } });
    expect(String((answer.body['result'] as { description: string }).description)).toMatch(/merchantTransactionId is required/);
  });

  it('the sandbox refuses an MID inquiry whose merchantTransactionId is not the one it asks about', async () => {
    const answer = await rawCall(h, '/payments/order-0001', { 'authentication.checksum': '101bb569aa80bfdb16d3d24640399c78', paymentType: 'IN', idType: 'MID', merchantTransactionId: 'order-0002' });
    expect(answer.status).toBe(400);
    expect(String((answer.body['result'] as { description: string }).description)).toMatch(/merchantTransactionId/);
  });
});
