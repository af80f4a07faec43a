import { money } from '../../../src/kernel/money';
import { callProvider } from '../../../src/domain/engine/provider-call';
import { FACET_NAMES, ProviderError, type PayRequest, type ProviderSandbox } from '../../../src/providers/provider';
import { REFUND } from '../../integration/payments/payments-fixture';
import type { ContractSpec } from './contract-spec';
import { ContractGateway, type Txn } from './gateway';
import { startProviderHarness, type Harness } from './harness';

let counter = 0;
const reference = () => `rd${Date.now().toString(36)}${++counter}`;
const AMOUNT = 10_000n;
const RACERS = 5;

/**
 * The contract for a redirect-only provider (payments.redirect): the customer pays at the provider's page, so
 * the card suites' scenarios are made by playing the customer (spec.customer) instead of test cards. The
 * properties are the same: a refusal is an outcome; a lost answer is indeterminate and found by our reference;
 * the deadline cuts a slow call; the gateway's books equal the provider's; notifications are hints that move
 * no money by themselves and settle a payment once.
 */
export function redirectContract<S extends ProviderSandbox>(spec: ContractSpec<S>): void {
  const customer = spec.customer;
  if (!customer) {
    it('supplies `customer` in its contract fixture, as its module declares redirect payments', () => expect(spec.customer).toBeDefined());
    return;
  }
  redirectAdapterContract(spec, customer);
  redirectEngineContract(spec, customer);
}

type Customer<S extends ProviderSandbox> = NonNullable<ContractSpec<S>['customer']>;

function redirectAdapterContract<S extends ProviderSandbox>(spec: ContractSpec<S>, customer: Customer<S>): void {
  describe(`provider contract, adapter (customer pays at the provider): ${spec.module.key}`, () => {
    let h: Harness<S>;
    beforeAll(async () => {
      h = await startProviderHarness(spec.module, spec.credentials, 2_000);
    });
    afterAll(() => h.close());
    const pay = (): PayRequest => ({ reference: reference(), amount: money(4200n, spec.currency), capture: true, source: { type: 'redirect' }, returnUrl: `${h.listener.url}/return`, notificationUrl: `${h.listener.url}/notify` });
    const status = (r: PayRequest) => h.provider.payments.status({ operation: 'payment', reference: r.reference, amount: r.amount });

    it('builds an adapter with exactly the facets its module declares', () => {
      for (const name of FACET_NAMES) expect([name, !!h.provider[name]]).toEqual([name, !!spec.module.facets[name]]);
    });

    it("answers the customer's refusal as a declined outcome with the provider's code and a provider-neutral reason code", async () => {
      const request = pay();
      const created = await h.provider.payments.pay(request);
      expect(created).toMatchObject({ status: 'requires_action', action: { type: 'redirect' } });
      await customer.act(h.sandbox, created.providerTransactionId!, 'refuse');
      const outcome = await status(request);
      expect(outcome).toMatchObject({ status: 'declined', reasonCode: customer.refusedReasonCode });
      expect(outcome.status === 'declined' && outcome.code).toBeTruthy();
    });

    it('reports a lost answer as indeterminate, then finds the payment by our reference, waiting for the customer', async () => {
      await customer.loseNextAnswer(h.sandbox);
      const request = pay();
      const error = await h.provider.payments.pay(request).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).kind).toBe('indeterminate');
      const found = await status(request);
      expect(found).toMatchObject({ status: 'requires_action', amount: request.amount });
      await customer.act(h.sandbox, found.providerTransactionId!, 'pay');
      expect((await status(request)).status).toMatch(/^(authorized|succeeded)$/);
    });

    it('answers not_found for a reference it never received', async () => {
      expect((await h.provider.payments.status({ operation: 'payment', reference: reference(), amount: money(100n, spec.currency) })).status).toBe('not_found');
    });

    it('is cut off at the deadline as an unknown outcome, with its abort signal fired', async () => {
      const restore = await customer.slowDown(h.sandbox, spec.slowMs);
      try {
        let signal: AbortSignal | undefined;
        const started = Date.now();
        const result = await callProvider(300, (options) => ((signal = options.signal), h.provider.payments.pay(pay(), options)));
        expect(Date.now() - started).toBeLessThan(spec.slowMs);
        expect(result).toMatchObject({ kind: 'error', error: { kind: 'indeterminate', code: 'TIMEOUT' } });
        expect(signal?.aborted).toBe(true);
      } finally {
        await restore();
      }
    });

    if (spec.module.facets.completion?.kind === 'capture') {
      it('takes the money once when two completions (captures) of one authorized payment race', async () => {
        const request = pay();
        const created = await h.provider.payments.pay(request);
        await customer.act(h.sandbox, created.providerTransactionId!, 'pay');
        const complete = { reference: request.reference, providerTransactionId: created.providerTransactionId, amount: request.amount };
        const both = await Promise.all([1, 2].map(() => h.provider.completion!.complete(complete)));
        expect(both.map((o) => o.status)).toEqual(['succeeded', 'succeeded']);
        expect(await spec.record(h.sandbox, request.reference)).toMatchObject({ charges: 1, capturedMinor: 4200n });
      });
    }
  });
}

function redirectEngineContract<S extends ProviderSandbox>(spec: ContractSpec<S>, customer: Customer<S>): void {
  const { facets } = spec.module;
  describe(`provider contract, through the gateway (customer pays at the provider): ${spec.module.key}`, () => {
    let g: ContractGateway<S>;
    beforeAll(async () => {
      g = await ContractGateway.start(spec);
    }, 60_000);
    afterAll(() => g?.close(), 30_000);
    const books = (reference: string) => spec.record(g.sandbox, reference);
    const settled = async (id: string, ms = 10_000): Promise<Txn> => {
      const until = Date.now() + ms;
      for (;;) {
        const txn = await g.txn(id);
        if (!['REQUIRES_ACTION', 'PROCESSING', 'OUTCOME_UNKNOWN', 'PENDING'].includes(txn.status) || Date.now() > until) return txn;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const paid = async () => {
      const txn = await g.payRedirect(AMOUNT);
      expect(txn.status).toBe('REQUIRES_ACTION');
      await customer.act(g.sandbox, txn.providerTransactionId!, 'pay');
      return settled(txn.id);
    };

    it('pays with a lost answer as OUTCOME_UNKNOWN; the reconciler finds it waiting for the customer, who pays: SUCCEEDED, equal to the books, charged once', async () => {
      await customer.loseNextAnswer(g.sandbox);
      const txn = await g.payRedirect(AMOUNT);
      expect(txn.status).toBe('OUTCOME_UNKNOWN');
      await g.reconcile();
      const waiting = await g.txn(txn.id);
      expect(waiting.status).toBe('REQUIRES_ACTION');
      await customer.act(g.sandbox, waiting.providerTransactionId!, 'pay');
      expect(await settled(txn.id)).toMatchObject({ status: 'SUCCEEDED', capturedMinor: AMOUNT });
      expect(await books(txn.reference)).toEqual({ charges: 1, capturedMinor: AMOUNT, refundedMinor: 0n });
    });

    it('answers a payment cut off at the deadline as OUTCOME_UNKNOWN, then the reconciler finds it waiting for the customer', async () => {
      const restore = await customer.slowDown(g.sandbox, spec.slowMs);
      const started = Date.now();
      let txn: Txn;
      try {
        txn = await g.payRedirect(AMOUNT);
      } finally {
        await restore();
      }
      expect(txn.status).toBe('OUTCOME_UNKNOWN');
      expect(Date.now() - started).toBeLessThan(spec.slowMs);
      await new Promise((r) => setTimeout(r, Math.max(0, spec.slowMs + 300 - (Date.now() - started))));
      await g.reconcile();
      expect((await g.txn(txn.id)).status).toBe('REQUIRES_ACTION');
      expect(await books(txn.reference)).toEqual({ charges: 0, capturedMinor: 0n, refundedMinor: 0n });
    });

    if (facets.callbacks) {
      it('settles a payment once when its notification arrives several times at once, and a repeat later changes nothing', async () => {
        const txn = await paid();
        const genuine = await spec.notify!(g.sandbox, txn.reference);
        expect(await Promise.all([1, 2, 3].map(() => g.post(genuine)))).toEqual([200, 200, 200]);
        await g.reconcile();
        const first = { ...(await g.txn(txn.id)), events: await g.events(txn.id) };
        expect(first).toMatchObject({ status: 'SUCCEEDED', capturedMinor: AMOUNT });
        expect(await Promise.all([1, 2, 3].map(() => g.post(genuine)))).toEqual([200, 200, 200]);
        await g.reconcile();
        expect({ ...(await g.txn(txn.id)), events: await g.events(txn.id) }).toEqual(first);
        expect(await books(txn.reference)).toMatchObject({ charges: 1, capturedMinor: AMOUNT });
      });

      it('moves no money on notifications claiming the customer paid when the customer did not', async () => {
        const txn = await g.payRedirect(AMOUNT);
        const forged = spec.forge!(await spec.notify!(g.sandbox, txn.reference));
        expect(forged.length).toBeGreaterThanOrEqual(2);
        for (const { name, notification } of forged) expect([name, (await g.post(notification)) < 500]).toEqual([name, true]);
        await g.reconcile();
        expect(await g.txn(txn.id)).toMatchObject({ status: 'REQUIRES_ACTION', capturedMinor: 0n });
        expect(await books(txn.reference)).toEqual({ charges: 0, capturedMinor: 0n, refundedMinor: 0n });
      });
    }

    if (facets.refunds && facets.payments.sale) {
      const refunds = facets.refunds;
      const part = refunds.partial ? (AMOUNT * 2n) / 5n : AMOUNT;
      it(`keeps refunded ≤ captured when ${RACERS} refunds of one payment race, equal to the provider's books`, async () => {
        const sale = await paid();
        expect(sale.status).toBe('SUCCEEDED');
        await Promise.all(Array.from({ length: RACERS }, () => g.gql(REFUND, { transactionId: sale.id, amount: g.amount(part) })));
        await g.reconcile();
        const after = await g.txn(sale.id);
        expect(after.refundedMinor).toBeLessThanOrEqual(refunds.multiple ? after.capturedMinor : part);
        expect(after.refundedMinor).toBeGreaterThan(0n);
        expect(await books(sale.reference)).toEqual({ charges: 1, capturedMinor: after.capturedMinor, refundedMinor: after.refundedMinor });
      });
    }
  });
}
