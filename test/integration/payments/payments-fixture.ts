import { SiteKind } from '../../../src/domain/sites/site.entity';
import { demoCredentials, PROVIDER_MODULES, type Sandboxes } from '../../../src/providers/catalog';
import { ALL_SCOPES, TestApp, type TestSite } from '../../support/app';

/** The provider the payments tests pay through: the catalog's first, with its sandbox's own type. */
const provider = PROVIDER_MODULES[0];
export type TestSandbox = NonNullable<Sandboxes[typeof provider.key]>;

/** A gateway listening on a real loopback port (callbacks come over HTTP) with the provider's sandbox. */
export interface PaymentsFixture {
  t: TestApp;
  sandbox: TestSandbox;
  merchant: TestSite;
  /** Runs a GraphQL operation as the merchant. */
  gql: TestApp['gql'];
}

export async function startPaymentsFixture(env: Record<string, string> = {}): Promise<PaymentsFixture> {
  const t = await TestApp.start({ RECONCILE_INTERVAL_MS: '0', ...env });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const sandbox = t.running.providers.sandboxes[provider.key]!;
  const merchant = await cardMerchant(t);
  const gql: TestApp['gql'] = (query, variables, options = {}) => t.gql(query, variables, { key: merchant.key, ...options });
  return { t, sandbox, merchant, gql };
}

/** A merchant site holding every provider's demo credentials (the ones each sandbox accepts). */
export async function cardMerchant(t: TestApp, name = 'Card merchant'): Promise<TestSite> {
  const sites = t.sites();
  const site = await sites.createSite(name, SiteKind.MERCHANT, demoCredentials());
  return { site, key: (await sites.createApiKey(site, `${name} key`, ALL_SCOPES)).plaintext };
}

export const TX_FIELDS = `id status kind reference providerTransactionId declineCode declineReason declineReasonCode
  amount { amount currency } capturedAmount { amount } refundedAmount { amount } refundableAmount { amount }
  nextAction { __typename ... on RedirectAction { url method fields } ... on PollAction { pollAfterMs } }`;

export const PAY = `mutation($input: PayInput!) { pay(input: $input) {
  transaction { ${TX_FIELDS} } paymentMethod { id } userErrors { code field message } replayed } }`;

export const CAPTURE = `mutation($input: CapturePaymentInput!) { capturePayment(input: $input) {
  transaction { ${TX_FIELDS} } userErrors { code field message } replayed } }`;

export const CANCEL = `mutation($input: CancelPaymentInput!) { cancelPayment(input: $input) {
  transaction { ${TX_FIELDS} } userErrors { code field message } } }`;

export const REFUND = `mutation($input: RefundPaymentInput!) { refundPayment(input: $input) {
  refund { id status amount { amount } reason } transaction { ${TX_FIELDS} } userErrors { code field message } } }`;

export const TRANSACTION = `query($id: ID!) { node(id: $id) { ... on Transaction { ${TX_FIELDS} } } }`;

export function card(number = '4111111111111111', extra: Record<string, unknown> = {}) {
  return { number, expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: '737', holderName: 'Ada Lovelace', ...extra };
}

/** How many times the sandbox took or held money for this merchantTransactionId (its own count, over HTTP). */
export async function chargesAt(sandbox: { baseUrl: string }, reference: string): Promise<number> {
  const response = await fetch(`${sandbox.baseUrl}/__sandbox/charges/${reference}`);
  return ((await response.json()) as { charges: number }).charges;
}

/** What the sandbox received (card data masked by the sandbox), over HTTP. */
export async function sandboxRequests(sandbox: { baseUrl: string }): Promise<{ path: string; body: Record<string, string> }[]> {
  const response = await fetch(`${sandbox.baseUrl}/__sandbox/requests`);
  return (await response.json()) as { path: string; body: Record<string, string> }[];
}
