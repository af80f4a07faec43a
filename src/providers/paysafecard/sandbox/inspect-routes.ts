import type { FastifyInstance } from 'fastify';
import { customerActs, markRedirected, type CustomerChoice } from './authorize';
import { updateKnobs } from './knobs';
import { notificationFor } from './notify';
import { expireIfDue } from './payments';
import { refunded } from './refunds';
import type { SandboxState } from './state';

/** One payment as the provider's books hold it, cents as strings: what tests compare the gateway with. */
export interface PaymentRecord {
  id: string;
  /** The Correlation-ID part of the id: our reference. */
  correlationId: string;
  status: string;
  amountCents: string;
  capturedCents: string;
  refundedCents: string;
  charges: number;
}

/**
 * Test-visible endpoints under /__sandbox (only in the sandbox): what it received, the notifications it
 * sent, the books, knobs, and the customer's step without a browser.
 */
export function registerInspectRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get('/__sandbox/requests', async () => state.requests);
  app.get('/__sandbox/notifications', async () => state.notifications);
  app.get('/__sandbox/accounts', async () => state.accounts);
  app.get('/__sandbox/payments', async () => [...state.payments.values()].map((p): PaymentRecord => {
    expireIfDue(state, p);
    return {
      id: p.id,
      correlationId: p.id.split('_').slice(2, -1).join('_'),
      status: p.status,
      amountCents: String(p.amountCents),
      capturedCents: String(p.status === 'SUCCESS' ? p.amountCents : 0),
      refundedCents: String(refunded(p)),
      charges: p.charges,
    };
  }));
  app.get('/__sandbox/payments/:id/notification', async (request, reply) => {
    const payment = state.payments.get((request.params as { id: string }).id);
    return payment ? notificationFor(state, payment) : reply.code(404).send({ error: 'unknown payment' });
  });
  app.post('/__sandbox/payments/:id/customer', async (request, reply) => {
    const payment = state.payments.get((request.params as { id: string }).id);
    if (!payment) return reply.code(404).send({ error: 'unknown payment' });
    markRedirected(payment);
    const result = customerActs(state, payment, (request.body ?? { kind: 'accountless' }) as CustomerChoice);
    return result.ok ? { status: result.payment.status, redirectTo: result.redirectTo } : reply.code(422).send({ error: result.message });
  });
  app.get('/__sandbox/knobs', async () => state.knobs);
  app.post('/__sandbox/knobs', async (request, reply) => {
    try {
      return updateKnobs(state.knobs, (request.body ?? {}) as Record<string, unknown>);
    } catch (error) {
      return reply.code(400).send({ error: (error as Error).message });
    }
  });
}
