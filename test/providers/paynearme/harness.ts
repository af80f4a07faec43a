import { createProviderHttp } from '../../../src/providers/http/provider-http';
import { createLogger } from '../../../src/server/logger';
import { money } from '../../../src/kernel/money';
import { CardData } from '../../../src/providers/card-data';
import { payNearMeModule, type PayNearMeSandbox } from '../../../src/providers/paynearme';
import { SEEDED } from '../../../src/providers/paynearme/sandbox/seed';
import type { RecordedRequest } from '../../../src/providers/paynearme/sandbox/state';
import { startProviderHarness, type Harness as ProviderHarness } from '../contract/harness';

export { SEEDED };
export type Harness = ProviderHarness<PayNearMeSandbox>;

export const CREDENTIALS = { ...payNearMeModule.demo.credentials };

export function startHarness(credentials: Record<string, string> = CREDENTIALS): Promise<Harness> {
  return startProviderHarness(payNearMeModule, credentials, 2_000);
}

let counter = 0;
export const ref = () => `pgtest${Date.now().toString(36)}${++counter}`;
export const usd = (minor: bigint) => money(minor, 'USD');
export const card = (number = '4111111111111111', cvc: string | null = '123') => new CardData(number, 12, new Date().getUTCFullYear() + 2, cvc ?? undefined, 'Ada Lovelace');

/** An adapter for another client site of the same 3PPP, against the harness's sandbox. */
export function adapterFor(h: Harness, credentials: Record<string, string>) {
  return payNearMeModule.create({ siteId: 'other', credentials, baseUrl: h.sandbox.baseUrl, publicUrl: 'http://127.0.0.1', http: createProviderHttp({ provider: 'paynearme', timeoutMs: 2_000, log: createLogger('silent') }) });
}

export async function requests(h: Harness): Promise<RecordedRequest[]> {
  return (await (await fetch(`${h.sandbox.baseUrl}/__sandbox/requests`)).json()) as RecordedRequest[];
}

export async function knobs(h: Harness, body: Record<string, number>): Promise<void> {
  await fetch(`${h.sandbox.baseUrl}/__sandbox/knobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** The YYYY-MM-DD `days` from today (UTC). */
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
