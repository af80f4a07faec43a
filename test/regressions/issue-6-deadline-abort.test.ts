import { money } from '../../src/kernel/money';
import { ProviderError } from '../../src/providers/provider';
import { card, ref, startHarness, type Harness } from '../providers/cardgateway/harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Issue 6, item 3: once the engine's deadline passes, the adapter sends nothing more. */
describe('issue 6: the provider call ends at its deadline', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  afterEach(() => h.sandbox.state.resetFaults());

  it('does not send the payment again after a 401 once the deadline has passed during the token refresh', async () => {
    const reference = ref();
    await h.provider.payments.pay({ reference: ref(), amount: money(100n, 'EUR'), capture: true, source: { type: 'card', card: card() }, returnUrl: `${h.listener.url}/r`, notificationUrl: `${h.listener.url}/n` });
    await fetch(`${h.sandbox.baseUrl}/__sandbox/expire-tokens`, { method: 'POST' });
    h.sandbox.state.knobs.latencyMs = 300;
    const signal = AbortSignal.timeout(450);
    const started = Date.now();
    const paid = h.provider.payments.pay({ reference, amount: money(100n, 'EUR'), capture: true, source: { type: 'card', card: card() }, returnUrl: `${h.listener.url}/r`, notificationUrl: `${h.listener.url}/n` }, { signal });
    await expect(paid).rejects.toMatchObject({ kind: 'indeterminate', code: 'TIMEOUT' });
    await expect(paid).rejects.toBeInstanceOf(ProviderError);
    expect(Date.now() - started).toBeLessThan(700);
    await sleep(1_000);
    expect(h.sandbox.state.requestsTo('/payments').filter((r) => r.body['merchantTransactionId'] === reference)).toHaveLength(1);
    expect(h.sandbox.state.chargeCount(reference)).toBe(0);
  });

  it('cancels a request in flight when the deadline passes before the provider answers', async () => {
    const reference = ref();
    h.sandbox.state.knobs.slowCardDelayMs = 1_500;
    const signal = AbortSignal.timeout(300);
    const started = Date.now();
    const paid = h.provider.payments.pay({ reference, amount: money(100n, 'EUR'), capture: true, source: { type: 'card', card: card('4000000000000077') }, returnUrl: `${h.listener.url}/r`, notificationUrl: `${h.listener.url}/n` }, { signal });
    await expect(paid).rejects.toMatchObject({ kind: 'indeterminate', code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
