import type { FastifyInstance } from 'fastify';
import { masked } from './bodies';
import { acsPage, acsResult, randomSumPage, randomSumResult } from './customer-pages';
import { perform } from './perform';
import type { Flow } from './signature';
import { DapiSandboxState } from './state';
import { completeTransfer, status } from './status';

const BASE = '/paynet/dapi/v1';
const FLOWS: readonly Flow[] = ['verification', 'sale', 'transfer'];

/**
 * Payneteasy's side of the Device API on the sandbox's Fastify: perform, status and complete transfer for the
 * app; the 3-D Secure ACS and the random-sum form for the cardholder's browser; /__sandbox/dapi/* to look inside.
 * Registered in its own plugin scope, with its own form parser for the two pages.
 */
export async function registerDapiSandboxRoutes(app: FastifyInstance, state: DapiSandboxState): Promise<void> {
  await app.register(async (scope) => {
    // The eCheck routes beside these read forms as raw text; the two pages here want the fields.
    if (scope.hasContentTypeParser('application/x-www-form-urlencoded')) scope.removeContentTypeParser('application/x-www-form-urlencoded');
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_r, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    scope.addHook('preHandler', async (request) => {
      if (request.url.startsWith(BASE) && request.method === 'POST') state.requests.push({ method: request.method, path: request.url, body: masked(request.body) });
    });
    for (const flow of FLOWS) {
      scope.post(`${BASE}/${flow}/:endpointId/:invoiceId`, (request, reply) => perform(state, flow, request, reply));
      scope.post(`${BASE}/${flow}/:endpointId/:invoiceId/status`, async (request, reply) => status(state, flow, request, reply));
    }
    scope.post(`${BASE}/transfer/:endpointId/:invoiceId/:assignedId`, async (request, reply) => completeTransfer(state, request, reply));
    scope.get(`${BASE}/__acs/:token`, async (request, reply) => acsPage(state, request, reply));
    scope.post(`${BASE}/__acs/:token`, (request, reply) => acsResult(state, request, reply));
    scope.get(`${BASE}/__random-sum/:token`, async (request, reply) => randomSumPage(state, request, reply));
    scope.post(`${BASE}/__random-sum/:token`, (request, reply) => randomSumResult(state, request, reply));
    scope.get('/__sandbox/dapi/requests', async () => state.requests);
    // Payneteasy's back office setting, over HTTP: the gateway's URL is known only once it listens.
    scope.put('/__sandbox/dapi/merchant-server', async (request, reply) => {
      const { url, endpointId, consumerDefinedRates } = (request.body ?? {}) as { url?: unknown; endpointId?: unknown; consumerDefinedRates?: unknown };
      if (url !== undefined && (typeof url !== 'string' || !/^https?:\/\//.test(url))) return reply.code(400).send({ error: 'url must be an http(s) URL' });
      if (consumerDefinedRates !== undefined && typeof consumerDefinedRates !== 'boolean') return reply.code(400).send({ error: 'consumerDefinedRates must be a boolean' });
      const only = typeof endpointId === 'string' ? endpointId : undefined;
      if (typeof url === 'string') state.setMerchantServerUrl(url, only);
      if (typeof consumerDefinedRates === 'boolean') for (const m of state.merchants.values()) if (!only || m.endpointId === only) m.consumerDefinedRates = consumerDefinedRates;
      return { merchants: [...state.merchants.values()].map((m) => ({ endpointId: m.endpointId, merchantServerUrl: DapiSandboxState.merchantServerOf(m), consumerDefinedRates: m.consumerDefinedRates === true })) };
    });
    scope.put('/__sandbox/dapi/knobs', async (request, reply) => {
      const { loseNextCompleteAnswer } = (request.body ?? {}) as { loseNextCompleteAnswer?: unknown };
      if (typeof loseNextCompleteAnswer !== 'boolean') return reply.code(400).send({ error: 'loseNextCompleteAnswer must be a boolean' });
      state.knobs.loseNextCompleteAnswer = loseNextCompleteAnswer;
      return state.knobs;
    });
    scope.get('/__sandbox/dapi/invoices/:invoiceId', async (request, reply) => {
      const { invoiceId } = request.params as { invoiceId: string };
      const inv = [...state.invoices.values()].find((i) => i.invoiceId === invoiceId);
      if (!inv) return reply.code(404).send({ error: 'no such invoice' });
      const { source: _s, destination: _d, sourceCard, destinationCard, ...shown } = inv;
      return { ...shown, sourceServerCardId: sourceCard?.serverCardId, destinationServerCardId: destinationCard?.serverCardId };
    });
  });
}
