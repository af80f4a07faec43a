import type { PaysafecardSandbox } from '../../../src/providers/paysafecard/sandbox/server';

/** The customer's step at the sandbox's panel, over HTTP, without a browser. */
export async function customerPays(sandbox: PaysafecardSandbox, paymentId: string, choice: { kind: 'account'; email: string } | { kind: 'accountless' } | { kind: 'cancel' }) {
  const response = await fetch(`${sandbox.baseUrl}/__sandbox/payments/${encodeURIComponent(paymentId)}/customer`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(choice),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function setKnobs(sandbox: PaysafecardSandbox, knobs: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${sandbox.baseUrl}/__sandbox/knobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(knobs) });
  if (response.status !== 200) throw new Error(`knobs refused: ${await response.text()}`);
}

export async function sandboxRequests(sandbox: PaysafecardSandbox): Promise<{ method: string; path: string; headers: Record<string, string>; body: Record<string, unknown> }[]> {
  return (await (await fetch(`${sandbox.baseUrl}/__sandbox/requests`)).json()) as never;
}

export const MAX = { kind: 'account' as const, email: 'max.mustermann@hotmail.com' };
