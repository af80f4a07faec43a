import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { acsPage, completeAcs, page } from './acs-page';
import { authenticate, errorReply, issueToken, type Reply } from './auth';
import { flatten, recordRequest } from './body';
import { processBackoffice } from './backoffice';
import { RESULT } from './codes';
import { registerFaultRoutes, takeOne } from './faults';
import { registerInspectRoutes } from './inspect-routes';
import { registerLateProcessing } from './late-processing';
import { sleep } from './knobs';
import { processPayment } from './payments';
import { processPayWithToken } from './pay-with-token';
import { processPayout } from './payouts';
import { registerRecordRoutes } from './records';
import { processRegistration } from './registrations';
import type { Processed } from './respond';
import { SandboxState, type SandboxMerchant } from './state';
import { isReply } from './validate';
import { closeKeepAliveOnShutdown } from '../../../kernel/close-keep-alive';

export const API = '/transactionServices/REST/v1';

/** The sandbox's fixed demo account: what `npm start` gives the demo site. */
export const DEMO_MERCHANT: SandboxMerchant = { partnerId: 'demo-partner', memberId: '10501', username: 'demo-merchant', secureKey: 'demo-secure-key-not-secret' };

export interface CardGatewaySandbox {
  baseUrl: string;
  state: SandboxState;
  app: FastifyInstance;
  close(): Promise<void>;
}

type Handler = (merchant: SandboxMerchant, fields: Record<string, string>, request: FastifyRequest) => Processed | Reply;

/**
 * The card REST gateway (Paymentz platform) as an HTTP server on loopback: the endpoints, checks, statuses and
 * result codes the adapter meets in production, plus test cards, knobs and a record of what it received.
 */
export async function startCardGatewaySandbox(options: { port?: number; merchants?: SandboxMerchant[] } = {}): Promise<CardGatewaySandbox> {
  const state = new SandboxState();
  for (const merchant of options.merchants ?? [DEMO_MERCHANT]) state.addMerchant(merchant);
  const app = Fastify({ logger: false });
  closeKeepAliveOnShutdown(app);
  await app.register(formbody);
  let baseUrl = '';
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith(API)) return;
    state.requests.push(recordRequest(request.method, request.url, request.headers, flatten(request.body)));
    await sleep(state.knobs.latencyMs);
  });
  app.post(`${API}/authToken`, async (request, reply) => send(reply, issueToken(state, flatten(request.body))));
  const api = (path: string, handler: Handler) =>
    app.post(path, async (request, reply) => {
      if (state.knobs.fail503 > 0) {
        state.knobs.fail503 -= 1;
        return send(reply, errorReply(503, { code: '503', description: 'Service temporarily unavailable' }));
      }
      const fields = flatten(request.body);
      const merchant = authenticate(state, request.headers, fields);
      if (isReply(merchant)) return send(reply, merchant);
      const movesMoney = fields['paymentType'] !== 'IN';
      if (movesMoney && takeOne(state.faults, 'stallRequests')) await sleep(state.faults.stallRequestMs);
      if (path === `${API}/payments` && takeOne(state.faults, 'lateProcessing')) {
        // No answer now; the platform processes the request later (and may charge) all the same.
        setTimeout(() => void handler(merchant, fields, request), state.faults.lateProcessingMs).unref();
        return drop(request, reply);
      }
      const result = withoutStatusByKnob(state, fields, handler(merchant, fields, request));
      if (movesMoney && takeOne(state.faults, 'holdAnswers')) await sleep(state.faults.holdAnswerMs);
      return deliver(state, request, reply, result);
    });
  registerLateProcessing(app, state, API, () => baseUrl);
  api(`${API}/payments`, (merchant, fields) => processPayment(state, merchant, fields, baseUrl));
  api(`${API}/payments/:id`, (merchant, fields, request) => processBackoffice(state, merchant, fields, (request.params as { id: string }).id));
  api(`${API}/payout`, (merchant, fields) => processPayout(state, merchant, fields));
  api(`${API}/registrations`, (merchant, fields) => processRegistration(state, merchant, fields));
  api(`${API}/paywithtoken/:id`, (merchant, fields, request) => processPayWithToken(state, merchant, fields, (request.params as { id: string }).id, baseUrl));
  registerAcsRoutes(app, state);
  registerInspectRoutes(app, state);
  registerFaultRoutes(app, state.faults);
  registerRecordRoutes(app, state);
  const address = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  baseUrl = address.replace('localhost', '127.0.0.1');
  return { baseUrl, state, app, close: () => app.close() };
}

/** knobs.answerWithoutStatus: a payment answer with its result code and no status at all. */
function withoutStatusByKnob(state: SandboxState, fields: Record<string, string>, result: Processed | Reply): Processed | Reply {
  if (state.knobs.answerWithoutStatus <= 0 || result.http !== 200 || !['DB', 'PA', 'PO'].includes(fields['paymentType'] ?? '')) return result;
  state.knobs.answerWithoutStatus -= 1;
  const { status: _status, transactionStatus: _short, ...rest } = result.body;
  return { ...result, body: rest };
}

function send(reply: FastifyReply, result: Reply): FastifyReply {
  return reply.code(result.http).header('content-type', 'application/json; charset=utf-8').send(result.body);
}

/** Answers, after any delay; or, for a lost response, processes the request and then drops the connection. */
async function deliver(state: SandboxState, request: FastifyRequest, reply: FastifyReply, result: Processed | Reply): Promise<FastifyReply> {
  const processed = result as Processed;
  if (processed.delayMs) await sleep(processed.delayMs);
  const moneyMoved = result.http === 200 && (result.body as { transactionStatus?: string }).transactionStatus === 'Y';
  const loseByKnob = moneyMoved && state.knobs.loseResponses > 0;
  if (processed.loseResponse || loseByKnob) {
    if (loseByKnob) state.knobs.loseResponses -= 1;
    return drop(request, reply);
  }
  return send(reply, result);
}

function drop(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.hijack();
  request.raw.socket.destroy();
  return reply;
}

function registerAcsRoutes(app: FastifyInstance, state: SandboxState): void {
  const find = (id: string, key: unknown) => {
    const payment = state.payments.get(id);
    return payment && payment.status === 'authstarted' && payment.acsKey && payment.acsKey === key ? payment : undefined;
  };
  app.get('/acs/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const { key } = request.query as { key?: string };
    const payment = find(id, key);
    const html = payment ? acsPage(payment, key!) : page('Not found', `<p>${RESULT.notFound.description}</p>`);
    return reply.code(payment ? 200 : 404).type('text/html; charset=utf-8').send(html);
  });
  app.post('/acs/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const form = flatten(request.body);
    const payment = find(id, form['key']);
    if (!payment) return reply.code(404).type('text/html; charset=utf-8').send(page('Not found', `<p>${RESULT.notFound.description}</p>`));
    return reply.type('text/html; charset=utf-8').send(completeAcs(state, payment, form['outcome'] ?? 'fail'));
  });
}
