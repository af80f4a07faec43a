import type { ProviderSandbox } from '../../../src/providers/provider';
import { CAPTURE, REFUND } from '../../integration/payments/payments-fixture';
import { cardsOf, type ContractSpec } from './contract-spec';
import { ContractGateway } from './gateway';

const AMOUNT = 10_000n;
const RACERS = 5;

/**
 * The engine with this provider, through the gateway's GraphQL over HTTP on PostgreSQL, against the provider's
 * sandbox: what a merchant sees must equal what the provider's books hold. Tests are built from the facets.
 */
export function engineContract<S extends ProviderSandbox>(spec: ContractSpec<S>): void {
  const { facets } = spec.module;
  const cards = cardsOf(spec);
  describe(`provider contract, through the gateway: ${spec.module.key}`, () => {
    let g: ContractGateway<S>;
    beforeAll(async () => {
      g = await ContractGateway.start(spec);
    }, 60_000);
    afterAll(() => g?.close(), 30_000);

    const provider = (reference: string) => spec.record(g.sandbox, reference);

    it('pays with a lost answer as OUTCOME_UNKNOWN, then the reconciler settles it as the provider has it, charged once', async () => {
      const txn = await g.pay(cards.lostAnswer, AMOUNT);
      expect(txn.status).toBe('OUTCOME_UNKNOWN');
      await g.reconcile();
      const settled = await g.txn(txn.id);
      expect(settled).toMatchObject({ status: 'SUCCEEDED', capturedMinor: AMOUNT });
      expect(await provider(txn.reference)).toEqual({ charges: 1, capturedMinor: settled.capturedMinor, refundedMinor: 0n });
    });

    it('answers a payment cut off at the deadline as OUTCOME_UNKNOWN, then settles it as the provider has it once it has answered', async () => {
      const started = Date.now();
      const txn = await g.pay(cards.slow, AMOUNT);
      expect(txn.status).toBe('OUTCOME_UNKNOWN');
      expect(Date.now() - started).toBeLessThan(spec.slowMs);
      await new Promise((r) => setTimeout(r, Math.max(0, spec.slowMs + 300 - (Date.now() - started))));
      await g.reconcile();
      expect(await g.txn(txn.id)).toMatchObject({ status: 'SUCCEEDED', capturedMinor: AMOUNT });
      expect(await provider(txn.reference)).toEqual({ charges: 1, capturedMinor: AMOUNT, refundedMinor: 0n });
    });

    if (facets.callbacks) callbackContract(spec, () => g);

    const capture = facets.payments.capture;
    if (facets.payments.authorize && capture) {
      it(`captures once when ${RACERS} full captures of one authorization race: captured ≤ authorized, here and at the provider`, async () => {
        const auth = await g.pay(cards.approved, AMOUNT, true);
        expect(auth.status).toBe('AUTHORIZED');
        await Promise.all(Array.from({ length: RACERS }, () => g.gql(CAPTURE, { transactionId: auth.id })));
        await g.reconcile();
        const after = await g.txn(auth.id);
        expect(after).toMatchObject({ status: 'SUCCEEDED', capturedMinor: AMOUNT });
        expect(await provider(auth.reference)).toMatchObject({ charges: 1, capturedMinor: AMOUNT });
      });
    }
    if (facets.payments.authorize && capture?.partial) {
      const part = (AMOUNT * 2n) / 5n;
      it(`keeps captured ≤ authorized when ${RACERS} partial captures race, equal to the provider's books`, async () => {
        const auth = await g.pay(cards.approved, AMOUNT, true);
        await Promise.all(Array.from({ length: RACERS }, () => g.gql(CAPTURE, { transactionId: auth.id, amount: g.amount(part) })));
        await g.reconcile();
        const after = await g.txn(auth.id);
        expect(after.capturedMinor).toBeLessThanOrEqual(capture.multiple ? AMOUNT : part);
        expect(after.capturedMinor).toBeGreaterThan(0n);
        expect((await provider(auth.reference)).capturedMinor).toBe(after.capturedMinor);
      });
    }
    if (facets.refunds && facets.payments.sale) {
      const refunds = facets.refunds;
      const part = refunds.partial ? (AMOUNT * 2n) / 5n : AMOUNT;
      it(`keeps refunded ≤ captured when ${RACERS} refunds of one payment race, equal to the provider's books`, async () => {
        const sale = await g.pay(cards.approved, AMOUNT);
        expect(sale.status).toBe('SUCCEEDED');
        await Promise.all(Array.from({ length: RACERS }, () => g.gql(REFUND, { transactionId: sale.id, amount: g.amount(part) })));
        await g.reconcile();
        const after = await g.txn(sale.id);
        expect(after.refundedMinor).toBeLessThanOrEqual(refunds.multiple ? after.capturedMinor : part);
        expect(after.refundedMinor).toBeGreaterThan(0n);
        expect(await provider(sale.reference)).toEqual({ charges: 1, capturedMinor: after.capturedMinor, refundedMinor: after.refundedMinor });
      });
    }
  });
}

/** Notifications: a duplicate changes nothing twice; a forged one (valid for another outcome, or invalid) moves no money. */
function callbackContract<S extends ProviderSandbox>(spec: ContractSpec<S>, gateway: () => ContractGateway<S>): void {
  const { notify, forge } = spec;
  const cards = cardsOf(spec);
  if (!notify || !forge) {
    it('supplies notify and forge in its contract fixture, as its module declares callbacks', () => {
      expect({ notify: typeof notify, forge: typeof forge }).toEqual({ notify: 'function', forge: 'function' });
    });
    return;
  }
  const snapshot = async (id: string) => ({ ...(await gateway().txn(id)), events: await gateway().events(id) });

  it('applies a genuine notification once when it arrives several times at once, and a repeat later changes nothing', async () => {
    const g = gateway();
    const txn = await g.pay(cards.lostAnswer, AMOUNT);
    expect(txn.status).toBe('OUTCOME_UNKNOWN');
    const genuine = await notify(g.sandbox, txn.reference);
    expect(await Promise.all([1, 2, 3].map(() => g.post(genuine)))).toEqual([200, 200, 200]);
    await g.reconcile();
    const first = await snapshot(txn.id);
    expect(first).toMatchObject({ status: 'SUCCEEDED', capturedMinor: AMOUNT });
    expect(await Promise.all([1, 2, 3].map(() => g.post(genuine)))).toEqual([200, 200, 200]);
    await g.reconcile();
    expect(await snapshot(txn.id)).toEqual(first);
    expect(await spec.record(g.sandbox, txn.reference)).toMatchObject({ charges: 1, capturedMinor: AMOUNT });
  });

  if (spec.module.facets.completion && spec.customerStep?.via !== 'inbound') {
    it('moves no money on forged notifications claiming a payment waiting for the customer succeeded', async () => {
      const g = gateway();
      expect(cards.customerAction).toBeDefined();
      const txn = await g.pay(cards.customerAction!, AMOUNT);
      expect(txn.status).toBe('REQUIRES_ACTION');
      await postForged(g, forge(await notify(g.sandbox, txn.reference)));
      expect(await g.txn(txn.id)).toMatchObject({ status: 'REQUIRES_ACTION', capturedMinor: 0n });
      expect(await spec.record(g.sandbox, txn.reference)).toEqual({ charges: 0, capturedMinor: 0n, refundedMinor: 0n });
    });
  }

  it('moves no money on forged notifications claiming a declined payment succeeded', async () => {
    const g = gateway();
    const txn = await g.pay(cards.declined.number, AMOUNT);
    expect(txn.status).toBe('DECLINED');
    await postForged(g, forge(await notify(g.sandbox, txn.reference)));
    expect(await g.txn(txn.id)).toMatchObject({ status: 'DECLINED', capturedMinor: 0n });
    expect(await spec.record(g.sandbox, txn.reference)).toEqual({ charges: 0, capturedMinor: 0n, refundedMinor: 0n });
  });

  if (spec.module.facets.payments.authorize && spec.module.facets.payments.capture) {
    it('moves no money on forged notifications claiming an authorization was captured', async () => {
      const g = gateway();
      const auth = await g.pay(cards.approved, AMOUNT, true);
      expect(auth.status).toBe('AUTHORIZED');
      await postForged(g, forge(await notify(g.sandbox, auth.reference)));
      expect(await g.txn(auth.id)).toMatchObject({ status: 'AUTHORIZED', capturedMinor: 0n });
      expect((await spec.record(g.sandbox, auth.reference)).capturedMinor).toBe(0n);
    });
  }
}

async function postForged<S extends ProviderSandbox>(g: ContractGateway<S>, forged: { name: string; notification: { headers: Record<string, string>; body: string } }[]) {
  expect(forged.length).toBeGreaterThanOrEqual(2);
  for (const { name, notification } of forged) expect([name, (await g.post(notification)) < 500]).toEqual([name, true]);
  await g.reconcile();
}
