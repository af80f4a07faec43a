import Fastify, { type FastifyInstance } from 'fastify';
import { DapiSandboxState, registerDapiSandboxRoutes, type DapiMerchant } from './dapi';
import type { EcheckMerchant } from './echeck/control';
import { maskAccount, readForm } from './echeck/form';
import { registerEcheckRoutes, V2 } from './echeck/routes';
import { TEST_ACCOUNTS } from './echeck/scenarios';
import { defaultEcheckKnobs, EcheckState, type EcheckKnobs } from './echeck/state';
import { closeKeepAliveOnShutdown } from '../../../kernel/close-keep-alive';

/**
 * Payneteasy as one HTTP server on loopback: API v2 sale-echeck and status (sandbox/echeck/) and the mobile
 * Device API (sandbox/dapi/). Shares no code with the adapter.
 */

/** An eCheck merchant account: its endpoint, login and merchant control key. */
export type PayneteasyMerchant = EcheckMerchant;

/**
 * A merchant account as Payneteasy's back office has it: the control key, the API v2 endpoint and login (eCheck),
 * and the Device API endpoint of each flow, which falls back to `endpointId`.
 */
export interface PayneteasyAccount {
  controlKey: string;
  endpointId?: string;
  login?: string;
  verificationEndpointId?: string;
  saleEndpointId?: string;
  transferEndpointId?: string;
}

/** The sandbox's fixed demo account: what `npm start` gives the demo site. The endpoint is the document's example. */
export const DEMO_MERCHANT: PayneteasyMerchant = { endpointId: '39790', login: 'demo-merchant', controlKey: '8A2F6C4E-1B3D-4F5A-9C7E-2D4B6A8F0E13' };

export interface RecordedRequest {
  at: string;
  method: string;
  path: string;
  contentType?: string;
  /** Form fields with the account number cut to its last four and the control shortened. */
  body: Record<string, string>;
}

/** Everything the sandbox remembers; the DAPI part keeps its own state beside `echeck`. */
export interface PayneteasySandboxState {
  merchants: Map<string, PayneteasyMerchant>;
  requests: RecordedRequest[];
  echeck: EcheckState;
  dapi: DapiSandboxState;
}

export interface PayneteasySandbox {
  baseUrl: string;
  state: PayneteasySandboxState;
  app: FastifyInstance;
  close(): Promise<void>;
}

export interface PayneteasySandboxOptions {
  port?: number;
  accounts?: PayneteasyAccount[];
  /**
   * The merchant server's URL, read when Payneteasy calls it ("Check …", card-mapping notifications): the
   * embedded gateway's /providers/payneteasy, known only once the gateway listens.
   */
  merchantServer?: () => string | undefined;
}

export async function startPayneteasySandbox(options: PayneteasySandboxOptions = {}): Promise<PayneteasySandbox> {
  const accounts = options.accounts ?? [DEMO_MERCHANT];
  const merchants = new Map(accounts.flatMap((a) => (a.endpointId && a.login ? [[a.endpointId, { endpointId: a.endpointId, login: a.login, controlKey: a.controlKey }] as const] : [])));
  const dapi = new DapiSandboxState(accounts.flatMap((a) => dapiMerchantsOf(a, options.merchantServer)));
  const state: PayneteasySandboxState = { merchants, requests: [], echeck: new EcheckState(merchants), dapi };
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  closeKeepAliveOnShutdown(app);
  // API v2 is form-encoded; the body is kept as text so the sandbox reads it the way the document describes.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith(V2)) return;
    const body = maskAccount(readForm(request.body));
    state.requests.push({ at: new Date().toISOString(), method: request.method, path: request.url, contentType: request.headers['content-type'], body });
  });
  registerEcheckRoutes(app, state.echeck);
  await registerDapiSandboxRoutes(app, dapi);
  registerInspectRoutes(app, state);
  const address = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  return {
    baseUrl: address.replace('localhost', '127.0.0.1'),
    state,
    app,
    close: async () => {
      await dapi.idle();
      await app.close();
    },
  };
}

/**
 * The Device API endpoints of an account, each with the account's control key. Consumer-defined transfer rates
 * are on, so a transfer pauses for the consumer's gate (PUT /__sandbox/dapi/merchant-server turns them off).
 */
function dapiMerchantsOf(a: PayneteasyAccount, merchantServer: PayneteasySandboxOptions['merchantServer']): DapiMerchant[] {
  const ids = new Set([a.verificationEndpointId, a.saleEndpointId, a.transferEndpointId].map((id) => id ?? a.endpointId).filter((id): id is string => id !== undefined));
  return [...ids].map((endpointId) => ({ endpointId, controlKey: a.controlKey, consumerDefinedRates: true, merchantServer }));
}

/** Test-visible routes under /__sandbox (the sandbox only): requests received, eCheck orders, callbacks sent, knobs. */
function registerInspectRoutes(app: FastifyInstance, state: PayneteasySandboxState): void {
  app.get('/__sandbox/requests', async () => state.requests);
  app.get('/__sandbox/echeck/orders', async () =>
    [...state.echeck.orders.values()].map(({ scenario: _s, ...o }) => ({ ...o, amountMinor: o.amountMinor.toString(), transactions: o.transactions.map((t) => ({ ...t, amountMinor: t.amountMinor.toString() })) })),
  );
  app.get('/__sandbox/echeck/callbacks', async () => state.echeck.callbacks);
  app.get('/__sandbox/echeck/test-accounts', async () => TEST_ACCOUNTS);
  app.get('/__sandbox/echeck/knobs', async () => state.echeck.knobs);
  app.post('/__sandbox/echeck/knobs', async (request, reply) => {
    const patch = (request.body ?? {}) as Partial<EcheckKnobs>;
    const defaults = defaultEcheckKnobs();
    for (const [name, value] of Object.entries(patch)) {
      if (!(name in defaults) || typeof value !== typeof defaults[name as keyof EcheckKnobs]) return reply.code(400).send({ error: `bad knob ${name}` });
    }
    return Object.assign(state.echeck.knobs, patch);
  });
}
