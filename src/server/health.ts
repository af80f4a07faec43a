import type { FastifyInstance } from 'fastify';
import type { Orm } from '../db/orm';

/**
 * A probe must answer before the prober gives up: a database behind a network partition never refuses, it
 * just doesn't answer, and an unbounded probe would hold a socket and a pool slot per attempt.
 */
export const READY_TIMEOUT_MS = 2_000;

/** Probes run every few seconds; logging each would drown the request log. */
const QUIET = { logLevel: 'warn' as const };

/** /healthz: the process answers. /readyz: and the database does too (load balancers route on this). */
export function registerHealth(app: FastifyInstance, orm: Orm): void {
  app.get('/healthz', QUIET, async () => ({ status: 'ok' }));
  app.get('/readyz', QUIET, async (_request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((done) => (timer = setTimeout(() => done('late'), READY_TIMEOUT_MS)));
    try {
      const answer = await Promise.race([orm.em.fork().execute('select 1'), late]);
      if (answer !== 'late') return { status: 'ready' };
      return reply.code(503).send({ status: 'unavailable', reason: `database did not answer within ${READY_TIMEOUT_MS} ms` });
    } catch {
      return reply.code(503).send({ status: 'unavailable', reason: 'database unreachable' });
    } finally {
      clearTimeout(timer);
    }
  });
}
