import type { FastifyInstance } from 'fastify';

/**
 * Makes every answer sent after `close()` began say `Connection: close`. Fastify's close waits for open
 * connections: one that carried a request in flight at that moment goes idle after its answer and, left
 * keep-alive, holds the close until the keep-alive timeout (72 s) — every shutdown with a callback or status
 * query in flight took that long (test/integration/shutdown-keep-alive.test.ts). Used by the gateway and every
 * provider sandbox.
 */
export function closeKeepAliveOnShutdown(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
}
