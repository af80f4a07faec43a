import { execFileSync } from 'node:child_process';
import { cardGatewayModule } from '../../src/providers/cardgateway';
import type { CardGatewaySandbox } from '../../src/providers/cardgateway/sandbox/server';
import { startProviderHarness, type Harness } from '../providers/contract/harness';

/**
 * Issue 8 tests run the adapter against its sandbox over real HTTP with the merchant of
 * test/vectors/cardgateway.json, so a checksum seen on the wire can be compared with what openssl computed.
 */
export const VECTOR_MERCHANT = { partnerId: 'p-vec', memberId: '10501', username: 'vector-merchant', secureKey: 'Kx9pQ2vLm7#s' };

export function startVectorHarness(): Promise<Harness<CardGatewaySandbox>> {
  return startProviderHarness(cardGatewayModule, VECTOR_MERCHANT, 3_000);
}

/** `printf '%s' "<input>" | openssl dgst -md5 -r`: the platform's checksum computed without the project's code. */
export function opensslMd5(input: string): string {
  const out = execFileSync('openssl', ['dgst', '-md5', '-r'], { input: Buffer.from(input, 'utf8') }).toString('utf8');
  return out.split(' ')[0]!.trim();
}

export interface WireRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, string>;
}

/** What the sandbox received, read the way another process would: GET /__sandbox/requests. */
export async function wireRequests(h: Harness<CardGatewaySandbox>): Promise<WireRequest[]> {
  const response = await fetch(`${h.sandbox.baseUrl}/__sandbox/requests`);
  const body = (await response.json()) as WireRequest[] | { requests: WireRequest[] };
  return Array.isArray(body) ? body : body.requests;
}

export async function lastWire(h: Harness<CardGatewaySandbox>, pathPart: string): Promise<WireRequest> {
  const found = (await wireRequests(h)).filter((r) => r.path.includes(pathPart)).at(-1);
  if (!found) throw new Error(`no request to ${pathPart} reached the sandbox`);
  return found;
}

/** A request sent straight to the sandbox, as a merchant integration that is not ours would send it. */
export async function rawCall(h: Harness<CardGatewaySandbox>, path: string, body: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = await fetch(`${h.sandbox.baseUrl}/transactionServices/REST/v1/authToken`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ 'authentication.partnerId': VECTOR_MERCHANT.partnerId, 'merchant.username': VECTOR_MERCHANT.username, 'authentication.sKey': VECTOR_MERCHANT.secureKey }),
  }).then(async (r) => ((await r.json()) as { AuthToken: string }).AuthToken);
  const response = await fetch(`${h.sandbox.baseUrl}/transactionServices/REST/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', AuthToken: token },
    body: JSON.stringify({ 'authentication.memberId': VECTOR_MERCHANT.memberId, ...body }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
