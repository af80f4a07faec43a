import type { FastifyInstance } from 'fastify';
import { CARD_DATA_OUT_OF_PLACE, inputProblem } from './input-guard';

/** Headers whose values are stored (the idempotency key) or looked up and may be echoed (the acting site). */
const CHECKED_HEADERS = ['idempotency-key', 'x-acting-site'];

/**
 * A card number pasted into Idempotency-Key would be stored as the key, and one in X-Acting-Site echoed by the
 * lookup: both are refused before authentication with a 400 that names the header, not its value.
 */
export function registerHeaderGuard(app: FastifyInstance, path: string): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== path) return;
    for (const name of CHECKED_HEADERS) {
      const raw = request.headers[name];
      const value = Array.isArray(raw) ? raw.join(',') : raw;
      const refusal = value === undefined ? undefined : inputProblem(value, 'other');
      if (!refusal) continue;
      request.log.info({ header: name, code: refusal.code }, 'request refused: header');
      const code = refusal.code === CARD_DATA_OUT_OF_PLACE ? refusal.code : 'BAD_REQUEST';
      return reply
        .code(400)
        .type('application/json; charset=utf-8')
        .send({ errors: [{ message: `The ${name} header ${refusal.problem}.`, extensions: { code, field: [name] } }] });
    }
  });
}
