import Fastify from 'fastify';
import { ProviderError, type PaymentProvider, type ProviderModule, type ScheduledPaymentFacts, type ScheduleRequest } from '../../src/providers/provider';

/**
 * A test-only provider that schedules natively (the PayNearMe shape: by calendar day, cancel only before the
 * payment date), with its own sandbox on loopback. It saves cards as tokens and keeps schedules; its "today" is
 * a knob, so a test can move the provider's calendar. Refusals are 400 with the provider's text.
 */
export interface SchedulingSandbox {
  baseUrl: string;
  /** The provider's calendar day, yyyy-mm-dd. */
  today: string;
  schedules: Map<string, { id: string; token: string; amount: string; currency: string; paymentDate: string; orderId?: string; state: 'ACTIVE' | 'CANCELLED' }>;
  calls: Record<string, number>;
  close(): Promise<void>;
}

export async function startSchedulingSandbox(): Promise<SchedulingSandbox> {
  const app = Fastify();
  const sandbox: SchedulingSandbox = { baseUrl: '', today: new Date().toISOString().slice(0, 10), schedules: new Map(), calls: {}, close: () => app.close() };
  let tokens = 0;
  app.addHook('onRequest', async (request) => void (sandbox.calls[request.routeOptions.url ?? request.url] = (sandbox.calls[request.routeOptions.url ?? request.url] ?? 0) + 1));
  app.post('/tokens', async () => ({ token: `tok${(tokens += 1)}` }));
  app.post<{ Body: { token: string; amount: string; currency: string; payment_date: string; order_id?: string } }>('/schedules', async (request, reply) => {
    const body = request.body;
    if (!/^tok\d+$/.test(body.token)) return reply.code(400).send({ error: 'Payment method not found' });
    if (!(body.payment_date > sandbox.today)) return reply.code(400).send({ error: 'payment_date must be after today' });
    const id = `sched${sandbox.schedules.size + 1}`;
    sandbox.schedules.set(id, { id, token: body.token, amount: body.amount, currency: body.currency, paymentDate: body.payment_date, orderId: body.order_id, state: 'ACTIVE' });
    return { id, payment_date: body.payment_date, amount: body.amount, currency: body.currency };
  });
  app.get<{ Querystring: { order_id: string } }>('/schedules', async (request) => {
    const next = [...sandbox.schedules.values()].filter((s) => s.orderId === request.query.order_id && s.state === 'ACTIVE').sort((a, b) => (a.paymentDate < b.paymentDate ? -1 : 1))[0];
    return next ? { id: next.id, payment_date: next.paymentDate, amount: next.amount, currency: next.currency } : {};
  });
  app.post<{ Params: { id: string } }>('/schedules/:id/cancel', async (request, reply) => {
    const schedule = sandbox.schedules.get(request.params.id);
    if (!schedule) return reply.code(400).send({ error: 'Scheduled payment not found' });
    if (schedule.paymentDate <= sandbox.today) return reply.code(400).send({ error: 'A scheduled payment can only be cancelled before its payment date' });
    schedule.state = 'CANCELLED';
    return { id: schedule.id, state: schedule.state };
  });
  sandbox.baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return sandbox;
}

async function send<T>(url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { 'content-type': 'application/json' } });
  } catch {
    throw new ProviderError('indeterminate', 'CONNECTION_LOST', 'the answer was lost');
  }
  const body = (await response.json()) as T & { error?: string };
  if (response.status === 400) throw new ProviderError('final', 'PROVIDER_REFUSED', body.error ?? 'refused');
  if (!response.ok) throw new ProviderError('indeterminate', `HTTP_${response.status}`, 'the provider failed');
  return body;
}

type Facts = { id?: string; payment_date: string; amount: string; currency: string };
const factsOf = (body: Facts): ScheduledPaymentFacts => ({
  providerScheduleId: body.id!,
  paymentDate: body.payment_date,
  amount: { amountMinor: BigInt(body.amount), currency: body.currency as never },
});

function createSchedulingProvider(baseUrl: string): PaymentProvider {
  const post = <T>(path: string, body: object, signal?: AbortSignal) => send<T>(`${baseUrl}${path}`, { method: 'POST', body: JSON.stringify(body), signal });
  return {
    key: SCHEDULING_KEY,
    payments: {
      sale: true,
      authorize: false,
      redirect: false,
      pay: async () => ({ status: 'failed', code: 'UNSUPPORTED', reason: 'schedules only', reasonCode: 'PROCESSING_ERROR' as never }),
      status: async () => ({ status: 'not_found' }),
    },
    savedMethods: {
      withPayment: false,
      tokenize: async (request, options) => ({ token: (await post<{ token: string }>('/tokens', {}, options?.signal)).token, card: request.card.summary }),
    },
    scheduling: {
      byDay: true,
      schedule: async (request: ScheduleRequest, options) => {
        const token = request.source.type === 'token' ? request.source.token : '';
        const body = { token, amount: String(request.amount.amountMinor), currency: request.amount.currency, payment_date: request.paymentDate, order_id: request.providerOrderId };
        return factsOf(await post<Facts>('/schedules', body, options?.signal));
      },
      findNext: async (query, options) => {
        const body = await send<Partial<Facts>>(`${baseUrl}/schedules?order_id=${encodeURIComponent(query.providerOrderId)}`, { method: 'GET', signal: options?.signal });
        return body.id ? factsOf(body as Facts) : undefined;
      },
      findUpcoming: async (query, options) => {
        const body = await send<Partial<Facts>>(`${baseUrl}/schedules?order_id=${encodeURIComponent(query.providerOrderId)}`, { method: 'GET', signal: options?.signal });
        return body.id ? [factsOf(body as Facts)] : [];
      },
      cancel: async (request, options) => {
        await post(`/schedules/${request.providerScheduleId}/cancel`, {}, options?.signal);
      },
    },
  };
}

export const SCHEDULING_KEY = 'scheduler';

export const schedulingModule: ProviderModule<typeof SCHEDULING_KEY> = {
  key: SCHEDULING_KEY,
  displayName: 'Native scheduling test provider',
  facets: { payments: { sale: true, authorize: false, redirect: false }, savedMethods: { withPayment: false }, scheduling: { byDay: true } },
  config: { baseUrlVariable: 'SCHEDULER_BASE_URL', baseUrlExample: 'http://127.0.0.1:1' },
  demo: { credentials: { merchant: 'scheduler-demo' } },
  startSandbox: () => startSchedulingSandbox(),
  create: (context) => createSchedulingProvider(context.baseUrl),
};
