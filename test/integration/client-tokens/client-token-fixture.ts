import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import manifest from '../../../schema/trusted-documents.json';
import type { PaymentsFixture } from '../payments/payments-fixture';

/** The registered hash of a trusted document (schema/trusted-documents.json) by operation name. */
export function trustedHash(operationName: string): string {
  const entry = Object.entries(manifest).find(([, doc]) => doc.operationName === operationName);
  if (!entry) throw new Error(`no trusted document named ${operationName}`);
  return entry[0];
}

export function baseUrl(f: PaymentsFixture): string {
  return `http://127.0.0.1:${(f.t.app.server.address() as AddressInfo).port}`;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** One HTTP request with the headers exactly as given (Node's fetch would not send an Origin of our choosing). */
export function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: unknown }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = request(url, { method: options.method ?? 'POST', headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...options.headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? safeJson(text) : undefined }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(payload);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A trusted operation sent the way a browser page does: its registered hash only, with a client token. */
export function runTrusted(f: PaymentsFixture, token: string, operationName: string, variables: Record<string, unknown>, origin?: string): Promise<RawResponse> {
  return send(`${baseUrl(f)}/graphql`, {
    headers: { authorization: `Bearer ${token}`, ...(origin ? { origin } : {}) },
    body: { operationName, variables, extensions: { persistedQuery: { version: 1, sha256Hash: trustedHash(operationName) } } },
  });
}

export const CREATE_ORDER = `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } userErrors { code message } } }`;
export const CREATE_CLIENT_TOKEN = `mutation($input: CreateClientTokenInput!) { createClientToken(input: $input) {
  clientToken expiresAt userErrors { code field message } } }`;

export async function newOrder(f: PaymentsFixture, reference: string, amount = '30.00'): Promise<string> {
  const created = await f.gql(CREATE_ORDER, { input: { reference, amount: { amount, currency: 'EUR' } } });
  return created.data!.createOrder.order.id;
}

export async function newClientToken(f: PaymentsFixture, input: Record<string, unknown>): Promise<string> {
  const result = await f.gql(CREATE_CLIENT_TOKEN, { input });
  const token = result.data?.createClientToken?.clientToken;
  if (!token) throw new Error(`createClientToken failed: ${JSON.stringify(result)}`);
  return token;
}
