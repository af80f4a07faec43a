import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ERRORS, errorReply, isErrorReply, type ErrorReply } from './errors';
import { registerInspectRoutes } from './inspect-routes';
import { sleep } from './knobs';
import { documentedError, type MovementTable } from './documented-errors';
import { registerPanelRoutes } from './panel';
import { capturePayment, createPayment, deletePayment, findPayment } from './payments';
import { capturePayout, createPayout, payoutLimits } from './payouts';
import { captureRefund, createRefund } from './refunds';
import { SandboxState, type SandboxMerchant } from './state';
import { paymentJson, payoutJson, refundJson } from './view';
import { closeKeepAliveOnShutdown } from '../../../kernel/close-keep-alive';

export const API = '/v1';

/** The sandbox's demo merchant: what `npm start` gives the demo site. */
export const DEMO_MERCHANT: SandboxMerchant = { apiKey: 'psc_sandbox-demo-key-not-secret', mid: '1000000007' };

export interface PaysafecardSandbox {
  baseUrl: string;
  state: SandboxState;
  app: FastifyInstance;
  close(): Promise<void>;
}

type Answer = ErrorReply | { http: number; body: unknown; movesMoney?: boolean; creates?: boolean };
type Handler = (merchant: SandboxMerchant, request: FastifyRequest) => Answer;

/** `Authorization: Basic base64(API key)` — the key alone, no colon (docs/paysafecard.md "Authentication"). */
export function merchantOf(state: SandboxState, header: string | undefined): SandboxMerchant | undefined {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
  return match ? state.merchants.get(Buffer.from(match[1], 'base64').toString('utf8')) : undefined;
}

/**
 * paysafecard's REST API as an HTTP server on loopback: payments through a customer panel page, capture,
 * DELETE, expiry, refunds and payouts with validation, payout limits; plus knobs and a record of what it got.
 */
export async function startPaysafecardSandbox(options: { port?: number; merchants?: SandboxMerchant[] } = {}): Promise<PaysafecardSandbox> {
  const state = new SandboxState();
  for (const merchant of options.merchants ?? [DEMO_MERCHANT]) state.addMerchant(merchant);
  const app = Fastify({ logger: false });
  closeKeepAliveOnShutdown(app);
  await app.register(formbody);
  let baseUrl = '';
  const route = (method: 'GET' | 'POST' | 'DELETE', path: string, handler: Handler) =>
    app.route({ method, url: API + path, handler: (request, reply) => serve(state, request, reply, handler) });
  const id = (r: FastifyRequest) => (r.params as Record<string, string>).id;
  const body = (r: FastifyRequest) => (r.body ?? {}) as Record<string, unknown>;
  const correlation = (r: FastifyRequest) => (r.headers['correlation-id'] as string | undefined) || undefined;
  route('POST', '/payments', (m, r) => ({ ...answer(createPayment(state, m, body(r), correlation(r), baseUrl), paymentJson), creates: true }));
  route('GET', '/payments/:id', (m, r) => answer(findPayment(state, m, id(r)), paymentJson));
  route('DELETE', '/payments/:id', (m, r) => answer(then(findPayment(state, m, id(r)), deletePayment), paymentJson));
  route('POST', '/payments/:id/capture', (m, r) => money(answer(then(findPayment(state, m, id(r)), (p) => capturePayment(state, p)), paymentJson)));
  route('POST', '/payments/:id/refunds', refusable(state, 'refund', (m, r) => money(answer(createRefund(state, payment(state, m, id(r)), body(r)), refundJson))));
  route('POST', '/payments/:id/refunds/:refundId/capture', refusable(state, 'refund', (m, r) =>
    money(answer(captureRefund(payment(state, m, id(r)), (r.params as Record<string, string>).refundId), refundJson))));
  route('POST', '/payouts', refusable(state, 'payout', (m, r) => money(answer(createPayout(state, m, body(r), correlation(r)), payoutJson))));
  route('GET', '/payouts/limits/:currency', (m, r) => ({ http: 200, body: payoutLimits(state, m, (r.params as Record<string, string>).currency) }));
  route('GET', '/payouts/:id', (m, r) => answer(payout(state, m, id(r)), payoutJson));
  route('POST', '/payouts/:id/capture', refusable(state, 'payout', (m, r) => money(answer(then(payout(state, m, id(r)), (p) => capturePayout(state, p)), payoutJson))));
  registerPanelRoutes(app, state);
  registerInspectRoutes(app, state);
  const address = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  baseUrl = address.replace('localhost', '127.0.0.1');
  return { baseUrl, state, app, close: () => app.close() };
}

/** A payout or refund request that answers the error the knob names, once, instead of doing anything. */
function refusable(state: SandboxState, table: MovementTable, handler: Handler): Handler {
  return (merchant, request) => {
    const number = state.knobs.refuseNextMovement;
    if (!number) return handler(merchant, request);
    state.knobs.refuseNextMovement = 0;
    return errorReply(documentedError(table, number));
  };
}

function payment(state: SandboxState, merchant: SandboxMerchant, id: string) {
  const found = findPayment(state, merchant, id);
  return isErrorReply(found) ? undefined : found;
}

function payout(state: SandboxState, merchant: SandboxMerchant, id: string) {
  const found = state.payouts.get(id);
  return found && found.mid === merchant.mid ? found : errorReply(ERRORS.payoutNotFound, 'id');
}

function then<T, U>(value: T | ErrorReply, next: (v: T) => U | ErrorReply): U | ErrorReply {
  return isErrorReply(value) ? value : next(value);
}

function answer<T>(value: T | ErrorReply, view: (v: T) => unknown): Answer {
  return isErrorReply(value) ? value : { http: 200, body: view(value) };
}

const money = (a: Answer): Answer => ({ ...a, movesMoney: a.http === 200 });

async function serve(state: SandboxState, request: FastifyRequest, reply: FastifyReply, handler: Handler): Promise<FastifyReply> {
  const { authorization, ...headers } = request.headers;
  state.requests.push({ method: request.method, path: request.url, headers: { ...(headers as Record<string, string>), authorization: authorization ? 'Basic ***' : undefined }, body: request.body ?? null });
  await sleep(state.knobs.latencyMs);
  if (state.knobs.fail500 > 0) {
    state.knobs.fail500 -= 1;
    return send(reply, errorReply(ERRORS.technical));
  }
  const merchant = merchantOf(state, authorization);
  if (!merchant) return send(reply, errorReply(ERRORS.invalidApiKey));
  const result = handler(merchant, request);
  if (takeLoss(state, result)) {
    reply.hijack();
    request.raw.socket.destroy();
    return reply;
  }
  return send(reply, result);
}

/** Whether a knob says to drop this answer (the request was processed all the same). */
function takeLoss(state: SandboxState, result: Answer): boolean {
  if (result.http !== 200) return false;
  const knob = 'creates' in result && result.creates ? 'loseCreateResponses' : 'movesMoney' in result && result.movesMoney ? 'loseResponses' : undefined;
  if (!knob || state.knobs[knob] <= 0) return false;
  state.knobs[knob] -= 1;
  return true;
}

function send(reply: FastifyReply, result: Answer): FastifyReply {
  return reply.code(result.http).header('content-type', 'application/json;charset=UTF-8').send(result.body);
}
