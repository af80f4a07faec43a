import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { receiveCallback, type CallbackVerdict } from '../../../domain/provider-events/callback-inbox.service';
import { unscoped } from '../../../domain/tenancy';
import { paymentsEnvOf, type AppDeps } from '../../../graphql/context';
import { registerCallbackInputGuard } from './callback-input-guard';
import { registerReturnRoute } from './return.route';

/**
 * Every callback that can't be verified gets the same 401 and the same body whatever reference it names, so a
 * stranger learns nothing about which payments exist. A verified one is acknowledged with 200 whether it was
 * applied, a duplicate, or waits for the provider's confirmation (the reconciler follows up): the provider
 * has delivered it either way.
 */
const STATUS: Record<CallbackVerdict['result'], number> = {
  applied: 200,
  duplicate: 200,
  awaiting_confirmation: 200,
  rejected: 401,
  unknown_provider: 404,
};

/**
 * POST /callbacks/:provider — the inbox for provider notifications. The body is kept raw (signatures are over
 * the bytes the provider sent); the provider's callbacks facet (`parse`) verifies and reads it.
 */
export async function registerCallbackRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.addHook('onListen', async () => {
    if (!deps.config.http.publicUrl) deps.providers.setPublicUrl(listeningUrl(app));
  });
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    registerCallbackInputGuard(scope);
    scope.post('/callbacks/:provider', (request, reply) => handle(deps, request, reply));
    registerReturnRoute(scope, deps);
  });
}

async function handle(deps: AppDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const { provider } = request.params as { provider: string };
  const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const verdict = await receiveCallback(paymentsEnvOf(deps, unscoped(deps.orm.em)), provider, {
    headers: request.headers,
    rawBody,
    query: request.query as Record<string, string>,
  });
  if (verdict.result !== 'applied' && verdict.result !== 'duplicate') {
    request.log.warn({ provider, result: verdict.result }, 'callback not accepted');
  }
  return reply.code(STATUS[verdict.result]).send({ result: verdict.result });
}

/** Without PUBLIC_URL, providers call back on the address the gateway listens on (loopback for 0.0.0.0). */
function listeningUrl(app: FastifyInstance): string {
  const address = app.server.address();
  if (!address || typeof address === 'string') return '';
  const host = ['0.0.0.0', '::'].includes(address.address) ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
