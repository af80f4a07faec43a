import { cardMerchant, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';
import { CANCEL, CAPTURE, card, newKey, PAY, REFUND, resetSandbox, setFaults, setKnobs, sleep } from './support/client';
import { Scenario } from './support/scenario';

const THREE_DS_CARD = '4000000000003220';
const money = (amount: string) => ({ amount, currency: 'EUR' });

/**
 * The provider misbehaving (sandbox knobs: 503s, lost answers, late processing, slow answers, duplicate and
 * forged notifications) and merchants racing themselves (capture/refund/cancel at once, one key sent N times).
 * The gateway runs in this process on a real port; the invariants are checked after each scenario.
 */
describe('provider faults and concurrent requests', () => {
  let f: PaymentsFixture;

  beforeAll(async () => {
    // "Not found" is final after 12 s here (the card gateway declares 6 h): longer than the late-processing
    // scenario's 7 s backlog, short enough that a payment the provider never took in (a 503 before it processed
    // anything) settles within its scenario instead of hours later.
    f = await startPaymentsFixture({ PROVIDER_TIMEOUT_MS: '2000', RECONCILE_INTERVAL_MS: '500', RECONCILE_AFTER_MS: '1000', NOT_FOUND_FINAL_AFTER_MS: '12000' });
  }, 60_000);

  afterAll(async () => {
    await f?.t.close();
  }, 60_000);

  beforeEach(async () => {
    await resetSandbox(f.sandbox.baseUrl);
  });

  async function begin(name: string) {
    const merchant = await cardMerchant(f.t, name);
    const scenario = await Scenario.begin(name, { databaseUrl: f.t.running.deps.config.database.url!, sandboxUrl: f.sandbox.baseUrl, siteId: merchant.site.id });
    const as = (query: string, variables: Record<string, unknown>) => f.t.gql(query, variables, { key: merchant.key });
    const pay = (extra: Record<string, unknown> = {}, number = '4111111111111111') =>
      as(PAY, { input: { provider: 'cardgateway', amount: money('100.00'), source: { card: card(number) }, idempotencyKey: newKey(), ...extra } });
    return { scenario, as, pay };
  }

  /** The customer's browser on the ACS page: press the button for this outcome. */
  async function completeAcs(redirectUrl: string, outcome: 'authenticate' | 'fail'): Promise<void> {
    const page = await (await fetch(redirectUrl)).text();
    const action = /<form method="post" action="([^"]+)"/.exec(page)![1]!;
    const key = /name="key" value="([^"]+)"/.exec(page)![1]!;
    await fetch(new URL(action, redirectUrl), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ key, outcome }).toString() });
  }

  it('fails payments and captures cleanly on provider 503s, charging nothing twice', async () => {
    const { scenario, as, pay } = await begin('provider answers 503');
    await setKnobs(f.sandbox.baseUrl, { fail503: 2 });
    scenario.inject(2);
    await pay();
    const auth = await pay({ captureLater: true });
    await setKnobs(f.sandbox.baseUrl, { fail503: 1 });
    scenario.inject();
    await as(CAPTURE, { input: { transactionId: auth.data!.pay.transaction.id, idempotencyKey: newKey() } });
    // The unprocessed payments stay OUTCOME_UNKNOWN until the 12 s window ends and the next backed-off query.
    expect((await scenario.finish(40_000)).violations).toEqual([]);
  }, 60_000);

  it('reconciles payments and captures whose answers were lost after the provider moved the money', async () => {
    const { scenario, as, pay } = await begin('lost answers');
    const auth = await pay({ captureLater: true });
    await setKnobs(f.sandbox.baseUrl, { loseResponses: 2 });
    scenario.inject(2);
    await pay();
    await as(CAPTURE, { input: { transactionId: auth.data!.pay.transaction.id, amount: money('40.00'), idempotencyKey: newKey() } });
    expect((await scenario.finish()).violations).toEqual([]);
  });

  it('keeps a payment the provider processes late (after "not found" was first answered) equal to the provider', async () => {
    const { scenario, pay } = await begin('late processing: charged 7 s after the request, no answer');
    await setFaults(f.sandbox.baseUrl, { lateProcessing: 1, lateProcessingMs: 7_000 });
    scenario.inject();
    const started = Date.now();
    await pay();
    // The reconciler has to see the late charge: give it the provider's delay and a few sweeps.
    await sleep(Math.max(0, 7_000 - (Date.now() - started)) + 3_000);
    expect((await scenario.finish()).violations).toEqual([]);
  }, 60_000);

  it('applies a 3-D Secure success once when the provider posts its notification three times', async () => {
    const { scenario, pay } = await begin('duplicate notifications');
    await setFaults(f.sandbox.baseUrl, { callbackCopies: 3 });
    scenario.inject(2);
    const txn = (await pay({ returnUrl: 'https://shop.example/back' }, THREE_DS_CARD)).data!.pay.transaction;
    expect(txn.status).toBe('REQUIRES_ACTION');
    await completeAcs(txn.nextAction.url, 'authenticate');
    expect((await scenario.finish()).violations).toEqual([]);
  });

  it('does not turn a failed 3-D Secure payment into a success on a notification whose unsigned status was changed', async () => {
    const { scenario, pay } = await begin('forged notification (long status changed, checksum kept)');
    await setFaults(f.sandbox.baseUrl, { forgeCallbackStatus: 'capturesuccess' });
    scenario.inject();
    const txn = (await pay({ returnUrl: 'https://shop.example/back' }, THREE_DS_CARD)).data!.pay.transaction;
    await completeAcs(txn.nextAction.url, 'fail');
    await sleep(1_000);
    expect((await scenario.finish()).violations).toEqual([]);
  });

  it('keeps captured ≤ authorized and refunded ≤ captured when captures, a cancel and refunds race on one authorization', async () => {
    const { scenario, as, pay } = await begin('concurrent capture/cancel/refund on one authorization');
    const id = (await pay({ captureLater: true })).data!.pay.transaction.id as string;
    await Promise.all([
      as(CAPTURE, { input: { transactionId: id, amount: money('50.00'), idempotencyKey: newKey() } }),
      as(CAPTURE, { input: { transactionId: id, amount: money('50.00'), idempotencyKey: newKey() } }),
      as(CAPTURE, { input: { transactionId: id, idempotencyKey: newKey() } }),
      as(CANCEL, { input: { transactionId: id, idempotencyKey: newKey() } }),
    ]);
    await Promise.all([
      as(REFUND, { input: { transactionId: id, amount: money('30.00'), idempotencyKey: newKey() } }),
      as(REFUND, { input: { transactionId: id, amount: money('30.00'), idempotencyKey: newKey() } }),
      as(REFUND, { input: { transactionId: id, idempotencyKey: newKey() } }),
    ]);
    scenario.inject(7);
    expect((await scenario.finish()).violations).toEqual([]);
  });

  it('counts a capture and a refund once when the reconciler asks while their answers are still on the way', async () => {
    const { scenario, as, pay } = await begin('slow capture and refund answers while the reconciler asks');
    const auth = (await pay({ captureLater: true })).data!.pay.transaction.id as string;
    const sale = (await pay()).data!.pay.transaction.id as string;
    await setFaults(f.sandbox.baseUrl, { holdAnswers: 2, holdAnswerMs: 2_500 });
    scenario.inject(2);
    await Promise.all([
      as(CAPTURE, { input: { transactionId: auth, amount: money('50.00'), idempotencyKey: newKey() } }),
      as(REFUND, { input: { transactionId: sale, amount: money('30.00'), idempotencyKey: newKey() } }),
    ]);
    expect((await scenario.finish()).violations).toEqual([]);
  });

  it('counts a capture once when its call outlives the deadline (a token refresh in between) and the reconciler settles it meanwhile', async () => {
    const { scenario, as, pay } = await begin('capture outliving its deadline while the reconciler settles it');
    const auth = (await pay({ captureLater: true })).data!.pay.transaction.id as string;
    // 1.9 s per call and an expired token: capture → 401 → new token → capture again ≈ 5.7 s, past the 5 s
    // after which the reconciler takes the open capture over and asks the provider.
    const since = new Date().toISOString();
    await fetch(`${f.sandbox.baseUrl}/__sandbox/expire-tokens`, { method: 'POST' });
    await setKnobs(f.sandbox.baseUrl, { latencyMs: 1_900 });
    scenario.inject(2);
    await as(CAPTURE, { input: { transactionId: auth, amount: money('50.00'), idempotencyKey: newKey() } });
    await sleep(3_000);
    await setKnobs(f.sandbox.baseUrl, { latencyMs: 0 });
    // The capture reached the provider (401), and the retry with a new token was sent only if it still fitted
    // in the call's deadline: the gateway never sends after it recorded the outcome as unknown.
    const captures = f.sandbox.state.requests.filter((r) => r.at >= since && r.body['paymentType'] === 'CP');
    expect(captures.length).toBeGreaterThanOrEqual(1);
    expect(captures.length).toBeLessThanOrEqual(2);
    expect((await scenario.finish()).violations).toEqual([]);
  }, 60_000);

  it('charges once when eight requests with one idempotency key arrive at once', async () => {
    const { scenario, as } = await begin('same-key race, 8 requests');
    await setFaults(f.sandbox.baseUrl, { stallRequests: 1, stallRequestMs: 1_500 });
    const input = { provider: 'cardgateway', amount: money('100.00'), source: { card: card('4111111111111111') }, idempotencyKey: newKey() };
    const answers = await Promise.all(Array.from({ length: 8 }, () => as(PAY, { input })));
    scenario.inject(7);
    const ids = new Set(answers.map((a) => a.data?.pay?.transaction?.id).filter(Boolean));
    if (ids.size > 1) scenario.violate(`one key answered with ${ids.size} different transactions`);
    if (answers.some((a) => a.status >= 500)) scenario.violate('a same-key request was answered 5xx');
    expect((await scenario.finish()).violations).toEqual([]);
  });
});
