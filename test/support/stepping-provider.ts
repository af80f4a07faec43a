import Fastify from 'fastify';
import { ProviderError, type PaymentProvider, type ProviderModule, type ProviderOutcome, type ProviderSandbox } from '../../src/providers/provider';

/**
 * A test-only provider whose payouts validate, then pay out (the paysafecard shape), with its own sandbox on
 * loopback. The sandbox keeps each payout's state and counts its pay-outs; knobs lose the next answer of a
 * step (the sandbox does the work, then drops the connection), as a crash or a network cut would.
 */
export interface SteppingSandbox extends ProviderSandbox {
  /** How often money left for this reference. */
  paidOut(reference: string): number;
  /** How often each call was received, by path. */
  calls: Record<string, number>;
  loseNextAnswer(step: 'validate' | 'capture'): void;
}

type Payout = { id: string; state: 'VALIDATED' | 'SUCCESS'; paidOut: number };

export async function startSteppingSandbox(): Promise<SteppingSandbox> {
  const payouts = new Map<string, Payout>();
  const calls: Record<string, number> = {};
  const lose = new Set<string>();
  const app = Fastify();
  const answer = (step: string, reply: { raw: { destroy(): void } }, body: object) => {
    if (!lose.delete(step)) return body;
    reply.raw.destroy();
    return undefined;
  };
  app.addHook('onRequest', async (request) => void (calls[request.routeOptions.url ?? request.url] = (calls[request.routeOptions.url ?? request.url] ?? 0) + 1));
  app.post<{ Body: { reference: string } }>('/payouts', async (request, reply) => {
    const payout = payouts.get(request.body.reference) ?? { id: `sp${payouts.size + 1}`, state: 'VALIDATED' as const, paidOut: 0 };
    payouts.set(request.body.reference, payout);
    return answer('validate', reply, { id: payout.id, state: payout.state });
  });
  app.post<{ Params: { reference: string } }>('/payouts/:reference/capture', async (request, reply) => {
    const payout = payouts.get(request.params.reference);
    if (!payout) return reply.code(404).send({ state: 'NOT_FOUND' });
    if (payout.state === 'VALIDATED') Object.assign(payout, { state: 'SUCCESS', paidOut: payout.paidOut + 1 });
    return answer('capture', reply, { id: payout.id, state: payout.state });
  });
  app.get<{ Params: { reference: string } }>('/payouts/:reference', async (request) => {
    const payout = payouts.get(request.params.reference);
    return payout ? { id: payout.id, state: payout.state } : { state: 'NOT_FOUND' };
  });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    baseUrl,
    calls,
    paidOut: (reference) => payouts.get(reference)?.paidOut ?? 0,
    loseNextAnswer: (step) => void lose.add(step),
    close: () => app.close(),
  };
}

/** The sandbox's states as provider outcomes: VALIDATED is an authorization (nothing moved), SUCCESS paid out. */
function outcomeOf(body: { id?: string; state: string }): ProviderOutcome {
  if (body.state === 'SUCCESS') return { status: 'succeeded', providerTransactionId: body.id };
  if (body.state === 'VALIDATED') return { status: 'authorized', providerTransactionId: body.id };
  return { status: 'not_found' };
}

async function send(url: string, init: RequestInit): Promise<ProviderOutcome> {
  try {
    const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json' } });
    return outcomeOf((await response.json()) as { id?: string; state: string });
  } catch {
    // The request may have arrived: only the status query can tell.
    throw new ProviderError('indeterminate', 'CONNECTION_LOST', 'the answer was lost');
  }
}

function createSteppingProvider(baseUrl: string): PaymentProvider {
  const status = async (request: { reference: string }) => send(`${baseUrl}/payouts/${request.reference}`, { method: 'GET' });
  const post = (path: string, body: object, signal?: AbortSignal) => send(`${baseUrl}${path}`, { method: 'POST', body: JSON.stringify(body), signal });
  return {
    key: STEPPING_KEY,
    payments: {
      sale: true,
      authorize: false,
      redirect: false,
      pay: async () => ({ status: 'failed', code: 'UNSUPPORTED', reason: 'payouts only', reasonCode: 'PROCESSING_ERROR' as never }),
      status,
    },
    payouts: {
      validates: true,
      validate: (request, options) => post('/payouts', { reference: request.reference, amount: String(request.amount.amountMinor) }, options?.signal),
      capture: (request, options) => post(`/payouts/${request.reference}/capture`, {}, options?.signal),
      payout: async () => {
        throw new ProviderError('final', 'VALIDATE_FIRST', 'this provider pays out validated payouts only');
      },
    },
  } as PaymentProvider;
}

export const STEPPING_KEY = 'stepper';

export const steppingModule: ProviderModule<typeof STEPPING_KEY, SteppingSandbox> = {
  key: STEPPING_KEY,
  displayName: 'Stepping test provider',
  facets: { payments: { sale: true, authorize: false, redirect: false }, payouts: { validates: true } },
  config: { baseUrlVariable: 'STEPPER_BASE_URL', baseUrlExample: 'http://127.0.0.1:1' },
  demo: { credentials: { merchant: 'stepper-demo' } },
  startSandbox: () => startSteppingSandbox(),
  create: (context) => createSteppingProvider(context.baseUrl),
};
