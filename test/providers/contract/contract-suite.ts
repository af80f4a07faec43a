import { money } from '../../../src/kernel/money';
import { callProvider } from '../../../src/domain/engine/provider-call';
import { CardData } from '../../../src/providers/card-data';
import { FACET_NAMES, ProviderError, type PayRequest, type ProviderSandbox } from '../../../src/providers/provider';
import { cardsOf, type ContractSpec } from './contract-spec';
import { engineContract } from './engine-suite';
import { redirectContract } from './redirect-suite';
import { startProviderHarness, type Harness } from './harness';

let counter = 0;
const reference = () => `ct${Date.now().toString(36)}${++counter}`;

/**
 * The whole provider contract from one call: the adapter against its own sandbox, then the engine through the
 * gateway's GraphQL on PostgreSQL with that sandbox. A new provider adds test/providers/<key>/contract-fixture.ts
 * and a one-line test file; the tests built are the ones its module's facets call for.
 */
export function providerContract<S extends ProviderSandbox>(spec: ContractSpec<S>): void {
  if (spec.module.facets.payments.redirect) {
    redirectContract(spec);
    return;
  }
  adapterContract(spec);
  engineContract(spec);
}

/** The adapter alone against its own sandbox, over real HTTP. */
function adapterContract<S extends ProviderSandbox>(spec: ContractSpec<S>): void {
  const capture = spec.module.facets.payments.capture;
  const cards = cardsOf(spec);
  describe(`provider contract, adapter: ${spec.module.key}`, () => {
    let h: Harness<S>;
    beforeAll(async () => {
      h = await startProviderHarness(spec.module, spec.credentials, 2_000);
    });
    afterAll(() => h.close());

    const card = (number: string) => new CardData(number, 12, new Date().getUTCFullYear() + 2, '123', 'Ada Lovelace');
    const pay = (number: string, capture = true): PayRequest => ({
      reference: reference(),
      amount: money(4200n, spec.currency),
      capture,
      source: spec.source ? spec.source.adapter(number) : { type: 'card', card: card(number) },
      customer: spec.source?.customer,
      providerOrderId: spec.providerOrderId,
      returnUrl: `${h.listener.url}/return`,
      notificationUrl: `${h.listener.url}/notify`,
    });

    it('builds an adapter with exactly the facets its module declares', () => {
      for (const name of FACET_NAMES) expect([name, !!h.provider[name]]).toEqual([name, !!spec.module.facets[name]]);
    });

    it("answers a decline as an outcome with the provider's code and a provider-neutral reason code", async () => {
      const outcome = await h.provider.payments.pay(pay(cards.declined.number));
      expect(outcome).toMatchObject({ status: 'declined', reasonCode: cards.declined.reasonCode });
      expect(outcome.status === 'declined' && outcome.code).toBeTruthy();
    });

    it('reports a lost answer as indeterminate, then finds the payment by our reference', async () => {
      const request = pay(cards.lostAnswer);
      const error = await h.provider.payments.pay(request).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).kind).toBe('indeterminate');
      const status = await h.provider.payments.status({ operation: 'payment', reference: request.reference, providerOrderId: spec.providerOrderId, amount: request.amount });
      expect(status).toMatchObject({ status: 'succeeded', amount: request.amount });
    });

    it('answers not_found for a reference it never received', async () => {
      const status = await h.provider.payments.status({ operation: 'payment', reference: reference(), providerOrderId: spec.providerOrderId, amount: money(100n, spec.currency) });
      expect(status.status).toBe('not_found');
    });

    it('is cut off at the deadline as an unknown outcome, with its abort signal fired', async () => {
      let signal: AbortSignal | undefined;
      let call: Promise<unknown> = Promise.resolve();
      const started = Date.now();
      const result = await callProvider(300, (options) => {
        signal = options.signal;
        const pending = h.provider.payments.pay(pay(cards.slow), options);
        call = pending.catch(() => undefined);
        return pending;
      });
      expect(Date.now() - started).toBeLessThan(spec.slowMs);
      expect(result).toMatchObject({ kind: 'error', error: { kind: 'indeterminate', code: 'TIMEOUT' } });
      expect(signal?.aborted).toBe(true);
      await call;
    });

    if (spec.module.facets.payments.authorize && capture && !capture.multiple) {
      it('lets at most one of two concurrent full captures of one authorization through, as it captures once', async () => {
        const request = pay(cards.approved, false);
        const authorized = await h.provider.payments.pay(request);
        expect(authorized.status).toBe('authorized');
        const payment = { reference: request.reference, providerTransactionId: authorized.providerTransactionId, amount: request.amount };
        const both = await Promise.all(
          [1, 2].map(() => h.provider.payments.capture!.capture({ reference: reference(), payment, amount: request.amount, final: true }).catch((e: unknown) => e)),
        );
        const succeeded = both.filter((o) => !(o instanceof Error) && (o as { status: string }).status === 'succeeded');
        expect(succeeded).toHaveLength(1);
      });
    }
  });
}
