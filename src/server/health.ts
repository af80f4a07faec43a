import type { FastifyInstance } from 'fastify';
import type { Orm } from '../db/orm';

/** /healthz: the process answers. /readyz: and the database does too (load balancers route on this). */
export function registerHealth(app: FastifyInstance, orm: Orm): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await orm.em.fork().execute('select 1');
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', reason: 'database unreachable' });
    }
  });
}
