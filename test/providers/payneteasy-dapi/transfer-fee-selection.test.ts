import type { EntityManager } from '@mikro-orm/postgresql';
import { resolveMovement } from '../../../src/domain/engine/resolve';
import { PaymentMethod } from '../../../src/domain/payment-methods/payment-method.entity';
import { unscoped } from '../../../src/domain/tenancy';
import { Transaction } from '../../../src/domain/transactions/transaction.entity';
import { paymentsEnvOf } from '../../../src/graphql/context';
import { money } from '../../../src/kernel/money';
import { ProviderError } from '../../../src/providers/provider';
import { DapiHarness, ENDPOINTS, waitFor } from './harness';
import { MobileApp } from './mobile-app';

jest.setTimeout(60_000);

let h: DapiHarness;
let app: MobileApp;
let customerId: string;
beforeAll(async () => {
  h = await DapiHarness.start({ consumerDefinedRates: true });
  customerId = (await h.customer()).id;
  app = new MobileApp(h, await h.appToken(customerId, 'MOTO-G-ADA'), 'MOTO-G-ADA');
});
afterAll(() => h?.close());

const amount = money(2500n, 'EUR');
const status = (reference: string) => h.adapter().payments.status({ operation: 'payment', reference, amount });
const complete = (reference: string, feeOptionId?: string) => h.adapter().completion!.complete({ reference, amount, feeOptionId });

async function transfer(source: { number?: string; clientCardId?: string }, destination: { number?: string; clientCardId?: string }) {
  const { body: initiated } = await app.initiate('transfer', { currency: 'EUR', amountCentis: 2500 });
  const { body: performed } = await app.perform('transfer', initiated, source, { destination, amountCentis: 2500 });
  return { invoiceId: initiated.invoiceId as string, token: performed.session.token as string };
}

describe('Payneteasy DAPI money transfer with consumer-defined rates', () => {
  let invoiceId: string;
  let token: string;

  it('pauses a card-to-card transfer at TRANSFER_FEE_REQUEST, which the adapter reads as a fee selection between two gates', async () => {
    ({ invoiceId, token } = await transfer({ number: '4111111111111111' }, { number: '5555555555554444' }));
    const paused = await app.settled('transfer', invoiceId, token);
    expect(paused.body).toMatchObject({ state: 'TRANSFER_FEE_REQUEST' });
    expect(paused.body.transferFeeList).toHaveLength(2);
    const outcome = await status(invoiceId);
    expect(outcome).toEqual({
      status: 'requires_action',
      providerStatus: 'TRANSFER_FEE_REQUEST',
      providerTransactionId: undefined,
      action: {
        type: 'fee_selection',
        options: [
          { id: 'gate-instant', fee: money(125n, 'EUR'), label: 'gate-instant' },
          { id: 'gate-economy', fee: money(35n, 'EUR'), label: 'gate-economy' },
        ],
      },
    });
  });

  it('completes the transfer on the chosen gate once; a second Complete transfer is refused for good', async () => {
    await expect(complete(invoiceId)).rejects.toMatchObject({ kind: 'final', code: 'FEE_OPTION_REQUIRED' });
    const outcome = await complete(invoiceId, 'gate-economy');
    expect(['processing', 'succeeded']).toContain(outcome.status);
    const final = await waitFor(() => status(invoiceId), (o) => o.status === 'succeeded');
    expect(final).toMatchObject({ status: 'succeeded', fee: money(35n, 'EUR') });
    const second = await complete(invoiceId, 'gate-instant').catch((e: unknown) => e);
    expect(second).toBeInstanceOf(ProviderError);
    expect(second).toMatchObject({ kind: 'final', code: 'INVALID_REQUEST' });
    const completes = h.state.requests.filter((r) => r.path.endsWith('/gate-economy') || r.path.endsWith('/gate-instant'));
    expect(completes.map((r) => r.path.split('/').pop())).toEqual(['gate-economy', 'gate-instant']);
    expect(h.state.invoices.get(`${ENDPOINTS.transfer}/${invoiceId}`)).toMatchObject({ assignedId: 'gate-economy', commissionCentis: 35, state: 'APPROVED' });
  });

  it('maps both cards of the transfer; the destination card may only receive', async () => {
    const cards = await h.em().find(PaymentMethod, { customer: customerId }, { orderBy: { first6: 'asc' } });
    expect(cards.map((c) => c.first6)).toEqual(['411111', '555555']);
    const listed = (await app.cards()).body.cards as { bin: string; destinationOnly: boolean }[];
    expect(listed.map((c) => [c.bin, c.destinationOnly]).sort()).toEqual([['411111', false], ['555555', true]]);
  });

  it('repeats the transfer by both clientCardIds; the check signs both serverCardIds', async () => {
    const listed = (await app.cards()).body.cards as { clientCardId: string; bin: string }[];
    const source = listed.find((c) => c.bin === '411111')!.clientCardId;
    const destination = listed.find((c) => c.bin === '555555')!.clientCardId;
    const repeat = await transfer({ clientCardId: source }, { clientCardId: destination });
    const paused = await app.settled('transfer', repeat.invoiceId, repeat.token);
    expect(paused.body.state).toBe('TRANSFER_FEE_REQUEST');
    const inv = h.state.invoices.get(`${ENDPOINTS.transfer}/${repeat.invoiceId}`)!;
    expect(inv.checkVerdict).toBe('accepted');
    expect(inv.checkAnswer).toMatchObject({ sourceOfFunds: { reference: { serverCardId: expect.any(String) } }, destinationOfFunds: { reference: { serverCardId: expect.any(String) } } });
    await complete(repeat.invoiceId, 'gate-instant');
    expect((await app.settled('transfer', repeat.invoiceId, repeat.token)).body).toMatchObject({ state: 'APPROVED', transaction: { commissionCentis: 125 } });
    expect(await h.em().count(PaymentMethod, { customer: customerId })).toBe(2);
  });

  it('refuses a destination-only card as the source of funds at the check', async () => {
    const listed = (await app.cards()).body.cards as { clientCardId: string; destinationOnly: boolean }[];
    const receiving = listed.find((c) => c.destinationOnly)!.clientCardId;
    const attempt = await transfer({ clientCardId: receiving }, { number: '4111111111111111' });
    const final = await app.settled('transfer', attempt.invoiceId, attempt.token);
    expect(final.body).toMatchObject({ state: 'DECLINED', errorCode: 100 });
    expect(h.state.invoices.get(`${ENDPOINTS.transfer}/${attempt.invoiceId}`)!.checkVerdict).toContain('may only receive a transfer');
  });
});

describe('the engine follows a DAPI transfer from its invoice', () => {
  const env = () => paymentsEnvOf(h.t.running.deps, unscoped(h.t.running.orm.em as EntityManager));
  const txnOf = (reference: string) => h.em().findOneOrFail(Transaction, { reference }, { refresh: true });

  it('opens a PENDING transfer at Initiate, AWAITING_FEE_SELECTION with both gates at the pause, SUCCEEDED with the chosen fee', async () => {
    const { invoiceId, token } = await transfer({ number: '4111111111111111' }, { number: '4000000000003220' });
    expect(await txnOf(invoiceId)).toMatchObject({ status: 'PENDING', kind: 'TRANSFER', amountMinor: 2500n, currency: 'EUR', customer: { id: customerId } });
    await app.settled('transfer', invoiceId, token);
    const paused = await txnOf(invoiceId);
    await resolveMovement(env(), { kind: 'payment', id: paused.id });
    const awaiting = await txnOf(invoiceId);
    expect(awaiting.status).toBe('AWAITING_FEE_SELECTION');
    expect(awaiting.nextAction).toMatchObject({ type: 'fee_selection', options: [{ id: 'gate-instant' }, { id: 'gate-economy' }] });
    await complete(invoiceId, 'gate-instant');
    await app.settled('transfer', invoiceId, token);
    await resolveMovement(env(), { kind: 'payment', id: paused.id });
    expect(await txnOf(invoiceId)).toMatchObject({ status: 'SUCCEEDED', feeMinor: 125n });
  });

  it('refuses a sale or transfer in a currency without two decimals, and opens no transaction for a verification', async () => {
    const jpy = await app.initiate('sale', { currency: 'JPY', amountCentis: 500 });
    expect(jpy).toMatchObject({ status: 400, body: { error: { cause: 'INVALID_REQUEST', message: expect.stringContaining('transaction.currency') } } });
    const { body } = await app.initiate('verification', { currency: 'EUR' });
    expect(await h.em().count(Transaction, { reference: body.invoiceId })).toBe(0);
  });
});
