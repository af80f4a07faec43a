import type { FastifyInstance } from 'fastify';
import { authenticate } from './auth';
import { processBackoffice } from './backoffice';
import { flatten } from './body';
import { sendCallback } from './notify';
import { processPayment } from './payments';
import { processPayout } from './payouts';
import type { SandboxMerchant, SandboxState } from './state';
import { isReply } from './validate';

/** As knobs.ts bounds every delay. */
const MAX_DELAY_MS = 60_000;

type Late = (merchant: SandboxMerchant, fields: Record<string, string>) => string | undefined;

/**
 * Which request the knobs process late, and how: a payment (knobs.lateProcessing) or a back-office money
 * operation (knobs.lateBackoffice: CP, RF or RV on /payments/{id}, PO on /payout). Each returns the paymentId
 * the platform then notifies about. Inquiries (IN) are never delayed.
 */
function lateRequest(state: SandboxState, api: string, url: string, fields: Record<string, string>, baseUrl: () => string): Late | undefined {
  if (url === `${api}/payments`) {
    if (!take(state, 'lateProcessing')) return undefined;
    return (merchant, f) => idOf(processPayment(state, merchant, f, baseUrl()).body);
  }
  const backoffice = url.startsWith(`${api}/payments/`) && ['CP', 'RF', 'RV'].includes(fields['paymentType'] ?? '');
  if (backoffice && take(state, 'lateBackoffice')) {
    const id = decodeURIComponent(url.slice(`${api}/payments/`.length));
    return (merchant, f) => (processBackoffice(state, merchant, f, id).http === 200 ? id : undefined);
  }
  if (url === `${api}/payout` && take(state, 'lateBackoffice')) return (merchant, f) => idOf(processPayout(state, merchant, f).body);
  return undefined;
}

function take(state: SandboxState, knob: 'lateProcessing' | 'lateBackoffice'): boolean {
  if (state.knobs[knob] <= 0) return false;
  state.knobs[knob] -= 1;
  return true;
}

const idOf = (body: unknown) => (body as { paymentId?: string }).paymentId;

/**
 * The platform takes a request in and processes it late (a backlog after an outage): the connection is dropped
 * at once with no answer, nothing of it shows until lateProcessingDelayMs later, and then it is processed as if
 * it had just arrived — money moves — and the transaction's notificationUrl is told, as for any asynchronous
 * result (docs/cardgateway.md "Callback format").
 */
export function registerLateProcessing(app: FastifyInstance, state: SandboxState, api: string, baseUrl: () => string): void {
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const fields = flatten(request.body);
    const late = lateRequest(state, api, request.url, fields, baseUrl);
    if (!late) return;
    const merchant = authenticate(state, request.headers, fields);
    reply.hijack();
    request.raw.socket.destroy();
    if (isReply(merchant)) return;
    // Unref'd: a request a test leaves unprocessed (a long delay) must not keep the process alive.
    const run = () => {
      const paymentId = late(merchant, fields);
      const payment = paymentId ? state.payments.get(paymentId) : undefined;
      if (payment) void sendCallback(state, payment).catch(() => undefined);
    };
    setTimeout(run, Math.min(state.knobs.lateProcessingDelayMs, MAX_DELAY_MS)).unref();
  });
}
