import type { FastifyInstance } from 'fastify';
import { seedClient } from './seed';
import { runDueSchedules } from './run-schedules';
import { TEST_CARDS } from './scenarios';
import type { SandboxState } from './state';

/**
 * Test-visible endpoints under /__sandbox (only in the sandbox): the calls received (card values masked), the
 * payments and schedules it holds, the knobs (clock skew, latency), partners, and moving a schedule's date.
 */
export function registerInspectRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get('/__sandbox/requests', async () => state.requests);
  app.delete('/__sandbox/requests', async () => {
    state.requests.length = 0;
    return { cleared: true };
  });
  app.get('/__sandbox/payments', async () => [...state.payments.values()]);
  app.get('/__sandbox/scheduled-payments', async () => [...state.schedules.values()]);
  app.get('/__sandbox/test-cards', async () => TEST_CARDS);
  app.get('/__sandbox/knobs', async () => state.knobs);
  app.post('/__sandbox/knobs', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(body)) {
      if (!(key in state.knobs) || typeof value !== 'number' || !Number.isInteger(value)) return reply.code(400).send({ error: `unknown knob or not an integer: ${key}` });
      (state.knobs as unknown as Record<string, number>)[key] = value;
    }
    return state.knobs;
  });
  app.post('/__sandbox/partners', async (request, reply) => {
    const { siteIdentifier, secretKey, clients } = (request.body ?? {}) as { siteIdentifier?: string; secretKey?: string; clients?: string[] };
    if (!siteIdentifier || !secretKey || !Array.isArray(clients)) return reply.code(400).send({ error: 'siteIdentifier, secretKey and clients are required' });
    state.partners.set(siteIdentifier, { siteIdentifier, secretKey, clients });
    for (const client of clients) if (![...state.orders.values()].some((o) => o.proxySite === client)) seedClient(state, client, false);
    return { siteIdentifier, clients };
  });
  /** PayNearMe's own run of due schedules, now; `asOf` (yyyy-mm-dd) is the day it runs for (run-schedules.ts). */
  app.post('/__sandbox/scheduled-payments/run-due', async (request, reply) => {
    const { asOf } = (request.body ?? {}) as { asOf?: string };
    if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return reply.code(400).send({ error: 'asOf must be yyyy-mm-dd' });
    return runDueSchedules(state, asOf);
  });
  /** Moves a scheduled payment's date (to test what happens on and after it). */
  app.post('/__sandbox/scheduled-payments/:id', async (request, reply) => {
    const schedule = state.schedules.get((request.params as { id: string }).id);
    const { paymentDate } = (request.body ?? {}) as { paymentDate?: string };
    if (!schedule || !paymentDate) return reply.code(404).send({ error: 'no such scheduled payment, or no paymentDate' });
    schedule.paymentDate = paymentDate;
    return schedule;
  });
}
