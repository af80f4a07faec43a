import type { EntityManager } from '@mikro-orm/postgresql';
import { Customer } from '../../../src/domain/customers/customer.entity';
import { Scope } from '../../../src/domain/sites/api-key.entity';
import { SiteKind } from '../../../src/domain/sites/site.entity';
import { toGlobalId } from '../../../src/graphql/common/global-id';
import type { PaymentProvider } from '../../../src/providers/provider';
import { DEMO_MERCHANT, type PayneteasySandbox } from '../../../src/providers/payneteasy/sandbox';
import type { DapiSandboxState } from '../../../src/providers/payneteasy/sandbox/dapi';
import { TestApp } from '../../support/app';

/** The catalog sandbox's demo account: one endpoint serves every Device API flow (the per-flow ids fall back to it). */
export const CONTROL_KEY = DEMO_MERCHANT.controlKey;
export const ENDPOINTS = { verification: DEMO_MERCHANT.endpointId, sale: DEMO_MERCHANT.endpointId, transfer: DEMO_MERCHANT.endpointId } as const;
export type Flow = keyof typeof ENDPOINTS;

export const CREATE_APP_TOKEN = `mutation($input: CreateAppAccessTokenInput!) { createAppAccessToken(input: $input) {
  accessToken expiresAt replayed userErrors { code field message } } }`;

/**
 * The real app over real HTTP: the production wiring (bootstrap) on a fresh database, listening on loopback so
 * the catalog's Payneteasy sandbox reaches its mounted merchant-server routes (/providers/payneteasy/…) as
 * Payneteasy would, a merchant site with the demo account, and the app's side played by MobileApp.
 */
export class DapiHarness {
  private constructor(
    readonly t: TestApp,
    readonly gatewayUrl: string,
    readonly sandbox: PayneteasySandbox,
    readonly siteId: string,
    readonly apiKey: string,
  ) {}

  static async start(options: { consumerDefinedRates?: boolean; env?: Record<string, string> } = {}): Promise<DapiHarness> {
    const t = await TestApp.start({ RECONCILE_INTERVAL_MS: '0', ...options.env });
    const gatewayUrl = (await t.app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    const sandbox = t.running.providers.sandboxes.payneteasy!;
    const site = await t.sites().createSite('DAPI merchant', SiteKind.MERCHANT, { payneteasy: { ...DEMO_MERCHANT } });
    const apiKey = (await t.sites().createApiKey(site, 'DAPI merchant server', [Scope.PAY, Scope.READ])).plaintext;
    // Payneteasy's back-office switch for the merchant, over the sandbox's HTTP knob.
    const configured = await fetch(`${sandbox.baseUrl}/__sandbox/dapi/merchant-server`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ consumerDefinedRates: options.consumerDefinedRates === true }),
    });
    const merchants = ((await configured.json()) as { merchants: { merchantServerUrl?: string }[] }).merchants;
    if (merchants[0]?.merchantServerUrl !== `${t.running.providers.registry.publicUrl()}/providers/payneteasy`) {
      throw new Error(`the sandbox does not call the gateway's merchant server: ${JSON.stringify(merchants)}`);
    }
    return new DapiHarness(t, gatewayUrl, sandbox, site.id, apiKey);
  }

  get sandboxUrl(): string {
    return this.sandbox.baseUrl;
  }

  get state(): DapiSandboxState {
    return this.sandbox.state.dapi;
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
    const result = await this.gql(CREATE_APP_TOKEN, { input: { provider: 'payneteasy', customerId: toGlobalId('Customer', customerId), deviceId } });
    const payload = result.data?.createAppAccessToken;
    if (!payload?.accessToken) throw new Error(`createAppAccessToken failed: ${JSON.stringify(result)}`);
    return payload.accessToken as string;
  }

  /** GraphQL over real HTTP with the merchant's API key. */
  async gql(query: string, variables: Record<string, unknown> = {}): Promise<{ status: number; data?: any; errors?: any[] }> {
    const response = await fetch(`${this.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: any[] };
    return { status: response.status, ...body };
  }

  /** The adapter the gateway builds for this site (registry), as the engine calls it. */
  adapter(): PaymentProvider {
    return this.t.running.providers.registry.build('payneteasy', { siteId: this.siteId, credentials: { ...DEMO_MERCHANT } });
  }

  async close(): Promise<void> {
    await this.state.idle();
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
