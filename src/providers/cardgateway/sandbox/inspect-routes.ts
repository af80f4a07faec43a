import type { FastifyInstance } from 'fastify';
import { expireAllTokens } from './auth';
import { updateKnobs } from './knobs';
import { TEST_CARDS } from './scenarios';
import type { SandboxState } from './state';

/**
 * Test-visible endpoints under /__sandbox (they exist only in the sandbox): charge counts per
 * merchantTransactionId, the requests received (card data masked), callbacks sent, knobs, token expiry.
 */
export function registerInspectRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get('/__sandbox/charges/:merchantTransactionId', async (request) => {
    const { merchantTransactionId } = request.params as { merchantTransactionId: string };
    return { merchantTransactionId, charges: state.chargeCount(merchantTransactionId) };
  });
  app.get('/__sandbox/requests', async () => state.requests);
  app.get('/__sandbox/callbacks', async () => state.callbacks);
  app.get('/__sandbox/test-cards', async () => TEST_CARDS);
  app.get('/__sandbox/knobs', async () => state.knobs);
  app.post('/__sandbox/knobs', async (request, reply) => {
    try {
      return updateKnobs(state.knobs, (request.body ?? {}) as Record<string, unknown>);
    } catch (error) {
      return reply.code(400).send({ error: (error as Error).message });
    }
  });
  app.post('/__sandbox/expire-tokens', async () => {
    expireAllTokens(state);
    return { expired: true };
  });
}
