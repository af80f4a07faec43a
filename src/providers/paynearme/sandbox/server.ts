import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { findOrders, findPaymentMethods, findScheduledPayment, getFees } from './calls-orders';
import { cancelPayment, createPaymentMethod, makePayment, type Delivery } from './calls-payments';
import { cancelScheduledPayment, schedulePayment } from './calls-schedules';
import { registerInspectRoutes } from './inspect-routes';
import { checkEnvelope, Refused, type Caller } from './params';
import { DEMO_PARTNER, seedState } from './seed';
import type { SandboxPartner, SandboxState } from './state';
import { closeKeepAliveOnShutdown } from '../../../kernel/close-keep-alive';

export const JSON_API = '/json-api';

export interface PayNearMeSandbox {
  baseUrl: string;
  state: SandboxState;
  app: FastifyInstance;
  close(): Promise<void>;
}

type Handler = (state: SandboxState, caller: Caller, body: Record<string, string>) => Delivery;
const wrap = (f: (s: SandboxState, c: Caller, b: Record<string, string>) => unknown): Handler => (s, c, b) => ({ body: f(s, c, b) });

const HANDLERS: Record<string, Handler> = {
  find_orders: wrap(findOrders),
  get_fees: wrap(getFees),
  find_payment_methods: wrap(findPaymentMethods),
  create_payment_method: createPaymentMethod,
  make_payment: makePayment,
  cancel_payment: cancelPayment,
  schedule_payment: schedulePayment,
  find_scheduled_payment: wrap(findScheduledPayment),
  cancel_scheduled_payment: cancelScheduledPayment,
};

/** JSON values as PayNearMe reads them: strings (numbers and booleans are taken as their text). */
function asParams(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Refused('The request body must be a JSON object');
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'object') throw new Refused(`${key} must be a string`);
    out[key] = String(value);
  }
  return out;
}

const masked = (params: Record<string, string>) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, k.endsWith('_pii') ? '[redacted]' : v]));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * PayNearMe's API 3.0 for a 3PPP as an HTTP server on loopback: POST JSON to /json-api/<call>, the nine proxy
 * calls with the document's checks and error texts, seeded orders, test cards, a clock-skew knob and a record of
 * what it received (GET /__sandbox/requests). Shares no code with the adapter.
 */
export async function startPayNearMeSandbox(options: { partners?: SandboxPartner[]; port?: number } = {}): Promise<PayNearMeSandbox> {
  const state = seedState(options.partners ?? [DEMO_PARTNER]);
  const app = Fastify({ logger: false });
  closeKeepAliveOnShutdown(app);
  app.post(`${JSON_API}/:call`, async (request, reply) => {
    const call = (request.params as { call: string }).call;
    const record = { call, at: new Date().toISOString(), params: {} as Record<string, string>, status: 200, error: undefined as string | undefined };
    state.requests.push(record);
    try {
      const params = asParams(request.body);
      record.params = masked(params);
      if (state.knobs.latencyMs > 0) await sleep(state.knobs.latencyMs);
      const caller = checkEnvelope(state, call, params);
      const delivery = HANDLERS[call]!(state, caller, params);
      return await deliver(reply, delivery);
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      record.status = error.httpStatus;
      record.error = error.description;
      return reply.code(error.httpStatus).send({ status: 'error', errors: [{ description: error.description }] });
    }
  });
  registerInspectRoutes(app, state);
  const address = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  return { baseUrl: address.replace('localhost', '127.0.0.1'), state, app, close: () => app.close() };
}

async function deliver(reply: FastifyReply, delivery: Delivery) {
  if (delivery.dropAnswer) {
    // Processed and charged; the answer is lost on the way back.
    reply.hijack();
    reply.raw.socket?.destroy();
    return reply;
  }
  if (delivery.delayMs) await sleep(delivery.delayMs);
  return reply.send(delivery.body);
}
