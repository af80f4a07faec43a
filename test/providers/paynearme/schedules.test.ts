import { ProviderError } from '../../../src/providers/provider';
import { adapterFor, CREDENTIALS, inDays, ref, SEEDED, startHarness, usd, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const refusal = async (p: Promise<unknown>) => {
  const error = await p.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
};
const schedule = (token: string, paymentDate: string, providerOrderId: string = SEEDED.carPayment.pnm) =>
  h.provider.scheduling!.schedule({ reference: ref(), amount: usd(35_000n), source: { type: 'token', token }, providerOrderId, paymentDate, notificationUrl: 'n' });

describe('PayNearMe scheduling facet ↔ sandbox over HTTP', () => {
  it('schedules a payment, lists it among the upcoming ones soonest first, and cancels it before its date', async () => {
    const made = await schedule(SEEDED.activeToken, inDays(3));
    expect(made).toMatchObject({ paymentDate: inDays(3), amount: usd(35_000n), fee: usd(295n), status: 'scheduled', token: SEEDED.activeToken });
    const upcoming = await h.provider.scheduling!.findUpcoming({ providerOrderId: SEEDED.carPayment.pnm });
    expect(upcoming.map((s) => s.providerScheduleId)).toContain(made.providerScheduleId);
    expect(upcoming.map((s) => s.paymentDate)).toEqual([...upcoming.map((s) => s.paymentDate)].sort());
    expect((await h.provider.scheduling!.findNext({ providerOrderId: SEEDED.carPayment.pnm }))?.providerScheduleId).toBe(made.providerScheduleId);
    expect(await h.provider.scheduling!.cancel({ providerScheduleId: made.providerScheduleId })).toMatchObject({ status: 'canceled' });
    const after = await h.provider.scheduling!.findUpcoming({ providerOrderId: SEEDED.carPayment.pnm });
    expect(after.map((s) => s.providerScheduleId)).not.toContain(made.providerScheduleId);
  });

  it('finds the seeded autopay of the car payment', async () => {
    const next = await h.provider.scheduling!.findUpcoming({ providerOrderId: SEEDED.carPayment.pnm });
    expect(next.map((s) => s.providerScheduleId)).toContain(SEEDED.carSchedule);
  });

  it('refuses a cancel on the payment date with the provider text', async () => {
    const made = await schedule(SEEDED.activeToken, inDays(5));
    const today = new Date().toISOString().slice(0, 10);
    await fetch(`${h.sandbox.baseUrl}/__sandbox/scheduled-payments/${made.providerScheduleId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ paymentDate: today }) });
    const error = await refusal(h.provider.scheduling!.cancel({ providerScheduleId: made.providerScheduleId }));
    expect(error.message).toBe('Scheduled payments must be canceled prior to the payment_date');
  });

  it('refuses a date in the past, an inactive token, and changes nothing', async () => {
    const before = (await h.provider.scheduling!.findUpcoming({ providerOrderId: SEEDED.carPayment.pnm })).length;
    expect((await refusal(schedule(SEEDED.activeToken, inDays(-1)))).message).toBe('payment_date must be in the future');
    expect((await refusal(schedule(SEEDED.inactiveToken, inDays(2)))).message).toBe('Payment method is not active');
    expect((await h.provider.scheduling!.findUpcoming({ providerOrderId: SEEDED.carPayment.pnm })).length).toBe(before);
  });

  it('refuses a scheduled payment of another client site of the same partner as not found', async () => {
    const partner = { siteIdentifier: CREDENTIALS.siteIdentifier, secretKey: CREDENTIALS.secretKey };
    await fetch(`${h.sandbox.baseUrl}/__sandbox/partners`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...partner, clients: [CREDENTIALS.proxySiteIdentifier, 'S9900000001'] }) });
    const other = adapterFor(h, { ...partner, proxySiteIdentifier: 'S9900000001' });
    const error = await refusal(other.scheduling!.cancel({ providerScheduleId: SEEDED.carSchedule }));
    expect(error.message).toBe('Scheduled payment not found for given pnm_scheduled_payment_identifier');
    expect((await h.provider.scheduling!.findUpcoming({ providerOrderId: SEEDED.carPayment.pnm })).map((s) => s.providerScheduleId)).toContain(SEEDED.carSchedule);
  });
});
