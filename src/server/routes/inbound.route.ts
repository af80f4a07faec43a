import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verifyAppAccessToken } from '../../domain/inbound/app-access-tokens';
import { claimReply, requestHashOf, settleReply, type ReplySlot } from '../../domain/inbound/inbound-replies';
import { createInboundServices } from '../../domain/inbound/inbound-services';
import { unscoped } from '../../domain/tenancy';
import type { AppDeps } from '../../graphql/context';
import type { InboundCaller, InboundReply, InboundRequest, InboundRoute, InboundRoutesDeclaration, InboundServices } from '../../providers/provider';
import { findUnsafeText } from '../../security/unsafe-text';
import { inboundRetryAfter } from '../throttle/auth-failures';

/** A module's inbound routes, as the server mounts them: its key and its declaration. */
export interface InboundModule {
  key: string;
  inbound: InboundRoutesDeclaration;
}

interface Mounted extends InboundModule {
  route: InboundRoute;
  em: EntityManager;
  services: InboundServices;
}

/** Every registered provider that declares inbound routes. */
export function inboundModulesOf(deps: AppDeps): InboundModule[] {
  return deps.providers.list().flatMap((p) => (p.facets.inboundRoutes ? [{ key: p.key, inbound: p.facets.inboundRoutes }] : []));
}

/**
 * Mounts each provider's inbound routes under /providers/{key}/… (src/providers/facets.ts InboundRoute). These
 * callers hold no API key: the mobile app proves itself with the access token the gateway issued for its device,
 * the provider with what it signs or echoes. Per request, in this order: the body is bounded (the module's
 * limit), read as JSON and refused if malformed or unsafe text; the caller is authenticated; a request carrying
 * an idempotency key claims it (a replay gets the first successful answer, another body with the key a conflict);
 * only then does the handler run. Every refusal is in the provider's own error shape (`refuse`).
 */
export async function registerInboundRoutes(app: FastifyInstance, deps: AppDeps, modules = inboundModulesOf(deps)): Promise<void> {
  for (const module of modules) {
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: module.inbound.bodyLimitBytes }, (_request, body, done) => done(null, body));
      scope.setErrorHandler((error: FastifyError, request, reply) => refusedEarly(module, error, request, reply));
      const em = unscoped(deps.orm.em as EntityManager);
      const services = createInboundServices(em, deps.cipher, module.key);
      for (const route of module.inbound.routes) {
        const mounted: Mounted = { ...module, route, em, services };
        scope.route({
          method: route.method,
          url: `/providers/${module.key}${route.path}`,
          bodyLimit: module.inbound.bodyLimitBytes,
          handler: (request, reply) => serve(mounted, request, reply),
        });
      }
    });
  }
}

function refusedEarly(module: InboundModule, error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const params = (request.params ?? {}) as Record<string, string>;
  const problem = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'too_large' : (error.statusCode ?? 500) < 500 ? 'malformed' : 'internal';
  if (problem === 'internal') request.log.error({ err: error, provider: module.key }, 'inbound route failed');
  const answer = module.inbound.refuse(problem, { params });
  return reply.code(problem === 'too_large' ? 413 : answer.status).send(answer.body);
}

async function serve(m: Mounted, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const send = (answer: InboundReply) => reply.code(answer.status).send(answer.body);
  const retryAfter = inboundRetryAfter(request);
  if (retryAfter !== undefined) {
    request.log.warn({ ip: request.ip, retryAfter, provider: m.key }, 'throttled: too many failed authentications');
    const answer = m.inbound.refuse('throttled', { params: paramsOf(request) });
    return reply.code(429).header('retry-after', String(retryAfter)).send(answer.body);
  }
  const inbound = readRequest(request);
  if (inbound === undefined) return send(m.inbound.refuse('malformed', { params: paramsOf(request) }));
  const caller = await authenticate(m, inbound);
  if (!caller) {
    request.log.warn({ provider: m.key, path: m.route.path }, 'inbound request not authenticated');
    return send(m.inbound.refuse('unauthenticated', inbound));
  }
  const key = m.route.idempotencyKey(inbound, caller);
  const slot: ReplySlot | undefined = key === undefined ? undefined : { provider: m.key, scope: m.route.idempotencyScope, siteId: caller.siteId, key };
  if (slot) {
    const claim = await claimReply(m.em, slot, requestHashOf(inbound.rawBody));
    if (claim.kind === 'replay') return send(claim.reply);
    if (claim.kind === 'conflict') return send(m.inbound.refuse('idempotency_conflict', inbound));
    if (claim.kind === 'in_progress') return send(m.inbound.refuse('in_progress', inbound));
  }
  let answer: InboundReply | undefined;
  try {
    answer = await m.route.handle(inbound, caller, m.services);
  } finally {
    if (slot) await settleReply(m.em, slot, answer);
  }
  return send(answer);
}

const paramsOf = (request: FastifyRequest) => (request.params ?? {}) as Record<string, string>;

/** The body as JSON; undefined (refused) when it is not JSON or holds text PostgreSQL cannot keep. */
function readRequest(request: FastifyRequest): InboundRequest | undefined {
  const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  let body: unknown;
  if (rawBody.length > 0) {
    if (rawBody.includes(0)) return undefined;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return undefined;
    }
  }
  const params = paramsOf(request);
  if (findUnsafeText(body) ?? findUnsafeText(params)) return undefined;
  return { params, headers: request.headers, rawBody, body };
}

async function authenticate(m: Mounted, request: InboundRequest): Promise<InboundCaller | undefined> {
  const auth = m.route.authentication;
  if (auth.kind === 'provider-signature') return auth.verify(request, m.services);
  const { accessToken, deviceId } = auth.read(request.body);
  if (!isBounded(accessToken, 16, 128) || !isBounded(deviceId, 1, 50)) return undefined;
  return verifyAppAccessToken(m.em.fork() as EntityManager, m.key, accessToken, deviceId);
}

const isBounded = (value: unknown, min: number, max: number): value is string => typeof value === 'string' && value.length >= min && value.length <= max;
