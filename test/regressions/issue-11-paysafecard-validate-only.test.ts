import { randomUUID } from 'node:crypto';
import { idOf } from '../../src/graphql/common/global-id';
import { card, cardMerchant } from '../integration/payments/payments-fixture';
import { MAX_PERSON, PaysafecardGateway } from '../providers/paysafecard/gateway-fixture';
import { sandboxRequests, setKnobs } from '../providers/paysafecard/sandbox-client';

let g: PaysafecardGateway;
let customerId: string;
beforeAll(async () => {
  g = await PaysafecardGateway.start();
  customerId = await g.customer(max);
}, 60_000);
afterAll(() => g?.close(), 60_000);

const max = MAX_PERSON;
const PAYOUT_FIELDS = 'id status providerTransactionId failureCode failureReason';
const CREATE = `mutation($input: CreatePayoutInput!) { createPayout(input: $input) { payout { ${PAYOUT_FIELDS} } replayed userErrors { code field message } } }`;
const CAPTURE = `mutation($input: CapturePayoutInput!) { capturePayout(input: $input) { payout { ${PAYOUT_FIELDS} } replayed userErrors { code field message } } }`;
const PAYOUT_ID = ['input', 'payoutId'];

const validateOnly = async (amount = '5.00') => {
  const res = await g.gql(CREATE, { provider: 'paysafecard', amount: { amount, currency: 'EUR' }, customerId, validateOnly: true });
  expect(res.errors).toBeUndefined();
  return res.data!.createPayout as { payout: { id: string; status: string; providerTransactionId: string }; userErrors: unknown[] };
};
const capture = async (payoutId: string, idempotencyKey = randomUUID()) => {
  const res = await g.gql(CAPTURE, { payoutId, idempotencyKey });
  expect(res.errors).toBeUndefined();
  return res.data!.capturePayout;
};
const capturesOf = async (providerId: string) => (await sandboxRequests(g.sandbox)).filter((r) => r.path === `/v1/payouts/${providerId}/capture`).length;
/** The validation (POST /v1/payouts with our reference as Correlation-ID) and captures of one payout. */
const sentFor = async (providerId: string) => {
  const reference = providerId.split('_').slice(2, -1).join('_');
  return (await sandboxRequests(g.sandbox)).filter((r) => r.path === `/v1/payouts/${providerId}/capture` || (r.path === '/v1/payouts' && r.headers['correlation-id'] === reference));
};

describe('issue 11: validate-only paysafecard payouts, paid out later by capturePayout', () => {
  it('validates only (capture:false) and leaves the payout VALIDATED with nothing paid out, even after a reconciler sweep', async () => {
    const { payout, userErrors } = await validateOnly();
    expect(userErrors).toEqual([]);
    expect(payout.status).toBe('VALIDATED');
    expect(g.sandbox.state.payouts.get(payout.providerTransactionId)?.status).toBe('VALIDATION_SUCCESSFUL');
    await g.t.em().getConnection().execute(`update payout set call_started_at = now() - interval '1 hour' where id = ?`, [idOf(payout.id, 'Payout')]);
    await g.t.running.reconciler.runOnce();
    expect(await capturesOf(payout.providerTransactionId)).toBe(0);
    expect(g.sandbox.state.payouts.get(payout.providerTransactionId)?.status).toBe('VALIDATION_SUCCESSFUL');
    const row = await g.t.em().getConnection().execute(`select status, step from payout where id = ?`, [idOf(payout.id, 'Payout')]);
    expect(row[0]).toEqual({ status: 'VALIDATED', step: 'validate' });
  });

  it('pays a validated payout out with capturePayout, once, and replays the answer under the same key', async () => {
    const { payout } = await validateOnly();
    const key = randomUUID();
    const first = await capture(payout.id, key);
    expect(first).toMatchObject({ userErrors: [], replayed: false, payout: { id: payout.id, status: 'SUCCEEDED' } });
    expect(g.sandbox.state.payouts.get(payout.providerTransactionId)?.status).toBe('SUCCESS');
    const again = await capture(payout.id, key);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await capturesOf(payout.providerTransactionId)).toBe(1);
  });

  it('sends one capture when two capturePayout requests race, and tells the other the payout is no longer waiting', async () => {
    const { payout } = await validateOnly();
    await setKnobs(g.sandbox, { latencyMs: 300 });
    try {
      const answers = await Promise.all([capture(payout.id), capture(payout.id)]);
      expect(await capturesOf(payout.providerTransactionId)).toBe(1);
      const won = answers.filter((a) => a.userErrors.length === 0);
      const lost = answers.filter((a) => a.userErrors.length > 0);
      expect(won).toHaveLength(1);
      expect(won[0].payout.status).toBe('SUCCEEDED');
      expect(lost[0].userErrors).toEqual([{ code: 'INVALID_STATE', field: PAYOUT_ID, message: expect.stringContaining('paid out') }]);
    } finally {
      await setKnobs(g.sandbox, { latencyMs: 0 });
    }
    expect(g.sandbox.state.payouts.get(payout.providerTransactionId)?.status).toBe('SUCCESS');
  });

  it('refuses capturePayout for a payout that is not waiting for it, for an unknown one, and for another site’s', async () => {
    const paid = (await g.gql(CREATE, { provider: 'paysafecard', amount: { amount: '1.00', currency: 'EUR' }, customerId })).data!.createPayout.payout;
    expect(paid.status).toBe('SUCCEEDED');
    expect((await capture(paid.id)).userErrors).toEqual([{ code: 'INVALID_STATE', field: PAYOUT_ID, message: expect.stringContaining('succeeded') }]);
    await setKnobs(g.sandbox, { refuseNextMovement: 3195 });
    const refused = (await validateOnly()).payout;
    expect(refused.status).toBe('DECLINED');
    expect((await capture(refused.id)).userErrors).toEqual([{ code: 'INVALID_STATE', field: PAYOUT_ID, message: expect.stringContaining('declined') }]);
    expect((await capture(paid.id.slice(0, -4) + 'AAAA')).userErrors).toMatchObject([{ code: 'NOT_FOUND', field: PAYOUT_ID }]);
    const other = await cardMerchant(g.t, 'another paysafecard merchant');
    const theirs = await g.t.gql(CAPTURE, { input: { payoutId: (await validateOnly()).payout.id } }, { key: other.key });
    expect(theirs.data?.capturePayout.userErrors).toMatchObject([{ code: 'NOT_FOUND', field: PAYOUT_ID }]);
  });

  it('answers a refusal of the capture (the limit reached meanwhile) as a userError and keeps the payout DECLINED, nothing paid out', async () => {
    const { payout } = await validateOnly();
    await setKnobs(g.sandbox, { refuseNextMovement: 3166 });
    const res = await capture(payout.id);
    expect(res.userErrors).toEqual([{ code: 'MERCHANT_LIMIT_EXCEEDED', field: PAYOUT_ID, message: expect.stringContaining('3166') }]);
    expect(res.payout).toMatchObject({ status: 'DECLINED', failureCode: 'MERCHANT_LIMIT_EXCEEDED' });
    expect(g.sandbox.state.payouts.get(payout.providerTransactionId)?.status).toBe('VALIDATION_SUCCESSFUL');
  });

  it('answers a validation the provider no longer accepts (expired) with a userError and a DECLINED payout', async () => {
    const { payout } = await validateOnly();
    await setKnobs(g.sandbox, { payoutValidationTtlMs: 1 });
    try {
      await new Promise((r) => setTimeout(r, 20));
      const res = await capture(payout.id);
      expect(res.userErrors).toMatchObject([{ field: PAYOUT_ID }]);
      expect(res.payout.status).toBe('DECLINED');
      expect(await sentFor(payout.providerTransactionId)).toHaveLength(2);
    } finally {
      await setKnobs(g.sandbox, { payoutValidationTtlMs: 24 * 60 * 60 * 1000 });
    }
  });

  it('refuses validateOnly for a provider that pays out in one call', async () => {
    const res = await g.gql(CREATE, { provider: 'cardgateway', amount: { amount: '5.00', currency: 'EUR' }, destination: { card: card() }, validateOnly: true });
    expect(res.data?.createPayout.userErrors).toMatchObject([{ code: 'UNSUPPORTED_BY_PROVIDER', field: ['input', 'validateOnly'] }]);
    const rows = await g.t.em().getConnection().execute(`select count(*)::int as n from payout where provider = 'cardgateway'`);
    expect(rows[0].n).toBe(0);
  });
});
