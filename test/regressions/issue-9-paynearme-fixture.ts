import { randomUUID } from 'node:crypto';
import { SiteKind } from '../../src/domain/sites/site.entity';
import { ALL_SCOPES } from '../../src/domain/sites/site.service';
import { payNearMeModule, type PayNearMeSandbox } from '../../src/providers/paynearme';
import type { RecordedRequest } from '../../src/providers/paynearme/sandbox/state';
import { TestApp, type TestSite } from '../support/app';

export { SEEDED } from '../../src/providers/paynearme/sandbox/seed';

export const DEMO = payNearMeModule.demo.credentials;

export const LOOKUP_BASIC = `query($p: String!, $id: String, $site: String) { providerOrder(provider: $p, providerOrderId: $id, siteOrderId: $site) {
  order { orderId provider providerOrderId siteOrderId status amount { amount } amountDue { amount } } userErrors { code field message } } }`;

export const LOOKUP_FULL = `query($p: String!, $id: String) { providerOrder(provider: $p, providerOrderId: $id) {
  order { providerOrderId smartLink secureSmartLink tokens { token active } paymentHistory { providerTransactionId reference status amount { amount } fee { amount } } }
  userErrors { code message } } }`;

export const FEES_AND_METHODS = `query($p: String!, $site: String, $channel: String) { providerOrder(provider: $p, siteOrderId: $site) {
  order { orderId fees(channel: $channel) { id methodType channel fee { amount } } savedMethods { token active paymentMethodId } } userErrors { code message } } }`;

export const PAY = `mutation($input: PayInput!) { pay(input: $input) {
  transaction { id status reference onBehalfOfPartner amount { amount } fee { amount } capturedAmount { amount } refundedAmount { amount } providerTransactionId declineCode declineReason }
  userErrors { code field message } } }`;

export const CREATE_METHOD = `mutation($input: CreatePaymentMethodInput!) { createPaymentMethod(input: $input) {
  paymentMethod { id last4 } transaction { id status fee { amount } capturedAmount { amount } } userErrors { code field message } } }`;

export const REFUND = `mutation($input: RefundPaymentInput!) { refundPayment(input: $input) {
  refund { id status amount { amount } } transaction { id status refundedAmount { amount } } userErrors { code field message } } }`;

export const TRANSACTIONS = `query($partner: Boolean) { transactions(first: 50, provider: "paynearme", onBehalfOfPartner: $partner) { edges { node { id onBehalfOfPartner } } } }`;

export const key = () => ({ idempotencyKey: randomUUID() });

export interface Fixture {
  t: TestApp;
  sandbox: PayNearMeSandbox;
  /** A site that is its own 3PPP: its PayNearMe credentials hold the partner pair and its client id. */
  merchant: TestSite;
  /** A client site that holds only its PayNearMe site id, a partner with a grant from it, and one without. */
  client: TestSite;
  partner: TestSite;
  stranger: TestSite;
}

export async function startFixture(env: Record<string, string> = {}): Promise<Fixture> {
  const t = await TestApp.start(env);
  const sandbox = t.running.providers.sandboxes.paynearme!;
  const sites = t.sites();
  const site = async (name: string, kind: SiteKind, credentials: Record<string, string>) => {
    const created = await sites.createSite(name, kind, { paynearme: credentials });
    return { site: created, key: (await sites.createApiKey(created, `${name} key`, ALL_SCOPES)).plaintext };
  };
  const merchant = await site('PNM merchant', SiteKind.MERCHANT, { ...DEMO });
  const client = await site('PNM client', SiteKind.MERCHANT, { proxySiteIdentifier: DEMO.proxySiteIdentifier! });
  const partner = await site('PNM 3PPP', SiteKind.PARTNER, { siteIdentifier: DEMO.siteIdentifier!, secretKey: DEMO.secretKey! });
  const stranger = await site('Other partner', SiteKind.PARTNER, { siteIdentifier: DEMO.siteIdentifier!, secretKey: DEMO.secretKey! });
  await sites.grantPartner(client.site, partner.site, ALL_SCOPES);
  return { t, sandbox, merchant, client, partner, stranger };
}

export async function sandboxRequests(f: Fixture): Promise<RecordedRequest[]> {
  return (await (await fetch(`${f.sandbox.baseUrl}/__sandbox/requests`)).json()) as RecordedRequest[];
}

export async function clearRequests(f: Fixture): Promise<void> {
  await fetch(`${f.sandbox.baseUrl}/__sandbox/requests`, { method: 'DELETE' });
}

export async function setKnobs(f: Fixture, knobs: Record<string, number>): Promise<void> {
  await fetch(`${f.sandbox.baseUrl}/__sandbox/knobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(knobs) });
}
