import type { EntityManager } from '@mikro-orm/postgresql';
import Fastify, { type FastifyInstance } from 'fastify';
import { Customer } from '../../../src/domain/customers/customer.entity';
import { Scope } from '../../../src/domain/sites/api-key.entity';
import { toGlobalId } from '../../../src/graphql/common/global-id';
import { PgProviderRecords } from '../../../src/domain/inbound/provider-records';
import { SiteKind } from '../../../src/domain/sites/site.entity';
import { unscoped } from '../../../src/domain/tenancy';
import { dapiCompletion, dapiInboundRoutes, dapiStatus } from '../../../src/providers/payneteasy/dapi';
import { DapiSandboxState, registerDapiSandboxRoutes } from '../../../src/providers/payneteasy/sandbox/dapi';
import { createProviderHttp } from '../../../src/providers/http/provider-http';
import type { ProviderContext, ProviderModule } from '../../../src/providers/provider';
import { registerInboundRoutes } from '../../../src/server/routes/inbound.route';
import { TestApp } from '../../support/app';

export const CONTROL_KEY = '2D3A59C1-8E4F-4B7A-9C0D-1E2F3A4B5C6D';
export const ENDPOINTS = { verification: '4701', sale: '4702', transfer: '4703' } as const;
export type Flow = keyof typeof ENDPOINTS;

export const CREATE_APP_TOKEN = `mutation($input: CreateAppAccessTokenInput!) { createAppAccessToken(input: $input) {
  accessToken expiresAt replayed userErrors { code field message } } }`;

/**
 * Payneteasy as far as this branch has it: the Device API's inbound routes, status and completion. Registered in
 * the test's registry so GraphQL issues app tokens for it and the engine follows its invoices; the module
 * itself (payments, eCheck) is built elsewhere.
 */
const DAPI_ONLY: ProviderModule = {
  key: 'payneteasy',
  displayName: 'Payneteasy (Device API only, test)',
  facets: { payments: { sale: true, authorize: false, redirect: false }, completion: { kind: 'choice' }, inboundRoutes: dapiInboundRoutes },
  config: { baseUrlVariable: 'PAYNETEASY_BASE_URL', baseUrlExample: 'https://gate.payneteasy.eu' },
  demo: { credentials: {} },
  startSandbox: () => Promise.reject(new Error('the DAPI test harness starts its own sandbox')),
  create: (context) => ({
    key: 'payneteasy',
    payments: {
      sale: true,
      authorize: false,
      redirect: false,
      pay: () => Promise.reject(new Error('a DAPI payment is performed by the app, not by the gateway')),
      status: dapiStatus(context),
    },
    completion: dapiCompletion(context),
    inboundRoutes: dapiInboundRoutes,
  }),
};

/**
 * The DAPI pieces over real HTTP until the Payneteasy module is in the catalog: the production wiring on a fresh
 * database (TestApp), a gateway Fastify on loopback with only the DAPI inbound routes (mounted by the engine's
 * registerInboundRoutes, as buildApp does for a catalog module), and a sandbox Fastify with Payneteasy's side,
 * pointed at that gateway as the merchant server.
 */
export class DapiHarness {
  private constructor(
    readonly t: TestApp,
    readonly gateway: FastifyInstance,
    readonly gatewayUrl: string,
    readonly sandboxApp: FastifyInstance,
    readonly sandboxUrl: string,
    readonly state: DapiSandboxState,
    readonly siteId: string,
    readonly apiKey: string,
  ) {}

  static async start(options: { consumerDefinedRates?: boolean } = {}): Promise<DapiHarness> {
    const t = await TestApp.start({ RECONCILE_INTERVAL_MS: '0' });
    const site = await t.sites().createSite('DAPI merchant', SiteKind.MERCHANT, {
      payneteasy: { controlKey: CONTROL_KEY, verificationEndpointId: ENDPOINTS.verification, saleEndpointId: ENDPOINTS.sale, transferEndpointId: ENDPOINTS.transfer },
    });
    const apiKey = (await t.sites().createApiKey(site, 'DAPI merchant server', [Scope.PAY, Scope.READ])).plaintext;
    const gateway = Fastify();
    await registerInboundRoutes(gateway, t.running.deps, [{ key: 'payneteasy', inbound: dapiInboundRoutes }]);
    const gatewayUrl = await gateway.listen({ host: '127.0.0.1', port: 0 });
    const state = new DapiSandboxState(
      Object.values(ENDPOINTS).map((endpointId) => ({ endpointId, controlKey: CONTROL_KEY, consumerDefinedRates: options.consumerDefinedRates })),
    );
    const sandboxApp = Fastify();
    await registerDapiSandboxRoutes(sandboxApp, state);
    const sandboxUrl = await sandboxApp.listen({ host: '127.0.0.1', port: 0 });
    const configured = await fetch(`${sandboxUrl}/__sandbox/dapi/merchant-server`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${gatewayUrl}/providers/payneteasy` }),
    });
    if (configured.status !== 200) throw new Error(`the DAPI sandbox refused the merchant-server URL: ${configured.status}`);
    t.running.deps.providers.register(DAPI_ONLY, sandboxUrl);
    return new DapiHarness(t, gateway, gatewayUrl, sandboxApp, sandboxUrl, state, site.id, apiKey);
  }

  em(): EntityManager {
    return this.t.em();
  }

  async customer(email = 'ada@example.com'): Promise<Customer> {
    const em = this.em();
    const customer = em.create(Customer, { site: this.siteId, email, phone: '+35312345678', birthDate: '1990-12-10' } as never);
    await em.flush();
    return customer;
  }

  /** What the merchant's server does after authenticating its customer: asks the gateway for the app's token, bound to the device. */
  async appToken(customerId: string, deviceId: string): Promise<string> {
    const result = await this.t.gql(CREATE_APP_TOKEN, { input: { provider: 'payneteasy', customerId: toGlobalId('Customer', customerId), deviceId } }, { key: this.apiKey });
    const payload = result.data?.createAppAccessToken;
    if (!payload?.accessToken) throw new Error(`createAppAccessToken failed: ${result.body}`);
    return payload.accessToken as string;
  }

  /** An adapter context for this site against the sandbox, with the records the inbound routes wrote. */
  providerContext(): ProviderContext {
    return {
      siteId: this.siteId,
      credentials: { controlKey: CONTROL_KEY },
      baseUrl: this.sandboxUrl,
      publicUrl: this.gatewayUrl,
      records: new PgProviderRecords(unscoped(this.t.running.orm.em as EntityManager), 'payneteasy'),
      http: createProviderHttp({ provider: 'payneteasy', timeoutMs: 3_000, log: this.t.running.deps.log }),
    };
  }

  async close(): Promise<void> {
    await this.state.idle();
    await this.sandboxApp.close();
    await this.gateway.close();
    await this.t.close();
  }
}

export interface HttpAnswer {
  status: number;
  body: any;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed };
}

export async function postForm(url: string, fields: Record<string, string>): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  await response.text();
  return response.status;
}

/** Polls until `check` passes, at most `timeoutMs`. */
export async function waitFor<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 8_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
