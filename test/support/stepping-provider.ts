import Fastify from 'fastify';
import { parseCurrency } from '../../src/kernel/money';
import type { CompletionDeclaration } from '../../src/providers/facets';
import { ProviderError, type CustomerData, type PaymentProvider, type ProviderModule, type ProviderOutcome, type ProviderSandbox } from '../../src/providers/provider';

/**
 * Test-only providers whose movements take more than one call, each with its own sandbox on loopback:
 * - `stepper`: sales in one call; payouts and refunds that validate, then capture (the paysafecard shape);
 * - `stepper-capture`: the customer authorizes at the provider's page, then the merchant captures it or
 *   declines it (DELETE) — paysafecard payments;
 * - `stepper-choice`: the payment pauses for the customer's fee choice, then completes with the chosen
 *   option — Payneteasy's transfer rates.
 * The sandbox keeps each movement's state and counts the calls that move money; knobs lose the next answer of
 * a step (the sandbox does the work, then drops the connection), as a crash or a network cut would.
 */
export type Step = 'validate' | 'capture' | 'complete' | 'decline' | 'tokenize' | 'pay';

export interface SteppingSandbox extends ProviderSandbox {
  /** How often money moved for this reference (a capture, a pay-out, a completion). */
  paidOut(reference: string): number;
  /** How often each call was received, by route. */
  calls: Record<string, number>;
  loseNextAnswer(step: Step): void;
  /** The customer at the provider's page: authorizes the payment, with the customer data the provider holds. */
  authorize(reference: string, customer?: CustomerData): void;
}

type State = 'VALIDATED' | 'SUCCESS' | 'INITIATED' | 'AUTHORIZED' | 'FEE_REQUEST' | 'CANCELED_MERCHANT';
type Movement = { id: string; state: State; moved: number; customer?: CustomerData; fee?: string };

export const FEE_OPTIONS = [
  { id: 'gate-a', fee: '100' },
  { id: 'gate-b', fee: '250' },
];

export async function startSteppingSandbox(): Promise<SteppingSandbox> {
  const movements = new Map<string, Movement>();
  const calls: Record<string, number> = {};
  const lose = new Set<string>();
  const app = Fastify();
  const answer = (step: Step, reply: { raw: { destroy(): void } }, movement: Movement) => {
    if (!lose.delete(step)) return view(movement);
    reply.raw.destroy();
    return undefined;
  };
  const create = (reference: string, state: State) => {
    const movement = movements.get(reference) ?? { id: `sp${movements.size + 1}`, state, moved: 0 };
    movements.set(reference, movement);
    return movement;
  };
  const moveMoney = (movement: Movement, from: State, to: State, extra: Partial<Movement> = {}) => {
    if (movement.state === from) Object.assign(movement, { state: to, moved: movement.moved + 1, ...extra });
  };
  app.addHook('onRequest', async (request) => void (calls[request.routeOptions.url ?? request.url] = (calls[request.routeOptions.url ?? request.url] ?? 0) + 1));
  for (const collection of ['payouts', 'refunds']) {
    app.post<{ Body: { reference: string } }>(`/${collection}`, async (request, reply) => answer('validate', reply, create(request.body.reference, 'VALIDATED')));
    app.post<{ Params: { reference: string } }>(`/${collection}/:reference/capture`, async (request, reply) => {
      const movement = movements.get(request.params.reference);
      if (!movement) return reply.code(404).send({ state: 'NOT_FOUND' });
      moveMoney(movement, 'VALIDATED', 'SUCCESS');
      return answer('capture', reply, movement);
    });
  }
  app.post<{ Body: { reference: string; mode: 'sale' | 'redirect' | 'fee' } }>('/payments', async (request, reply) => {
    const initial = { sale: 'SUCCESS', redirect: 'INITIATED', fee: 'FEE_REQUEST' } as const;
    const movement = create(request.body.reference, initial[request.body.mode]);
    if (request.body.mode === 'sale' && movement.moved === 0) movement.moved = 1;
    return answer('pay', reply, movement);
  });
  const tokens = new Set<string>();
  app.post<{ Body: { reference: string } }>('/tokens', async (request, reply) => {
    const token = `tok_${request.body.reference}`;
    tokens.add(token);
    if (!lose.delete('tokenize')) return { token };
    reply.raw.destroy();
    return undefined;
  });
  app.post<{ Params: { reference: string } }>('/payments/:reference/capture', async (request, reply) => {
    const movement = movements.get(request.params.reference);
    if (!movement || movement.state !== 'AUTHORIZED') return reply.code(409).send({ error: 'the payment is not authorized' });
    moveMoney(movement, 'AUTHORIZED', 'SUCCESS');
    return answer('capture', reply, movement);
  });
  app.delete<{ Params: { reference: string } }>('/payments/:reference', async (request, reply) => {
    const movement = movements.get(request.params.reference);
    if (!movement || movement.state !== 'AUTHORIZED') return reply.code(409).send({ error: 'the payment is not authorized' });
    movement.state = 'CANCELED_MERCHANT';
    return answer('decline', reply, movement);
  });
  app.post<{ Params: { reference: string }; Body: { feeOptionId: string } }>('/payments/:reference/complete', async (request, reply) => {
    const movement = movements.get(request.params.reference);
    const option = FEE_OPTIONS.find((o) => o.id === request.body.feeOptionId);
    if (!movement || movement.state !== 'FEE_REQUEST' || !option) return reply.code(409).send({ error: 'no fee choice pending' });
    moveMoney(movement, 'FEE_REQUEST', 'SUCCESS', { fee: option.fee });
    return answer('complete', reply, movement);
  });
  app.get<{ Params: { collection: string; reference: string } }>('/:collection/:reference', async (request) => {
    const movement = movements.get(request.params.reference);
    return movement ? view(movement) : { state: 'NOT_FOUND' };
  });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    baseUrl,
    calls,
    paidOut: (reference) => movements.get(reference)?.moved ?? 0,
    loseNextAnswer: (step) => void lose.add(step),
    authorize: (reference, customer) => {
      const movement = movements.get(reference);
      if (movement?.state === 'INITIATED') Object.assign(movement, { state: 'AUTHORIZED', customer });
    },
    close: () => app.close(),
  };
}

const EUR = parseCurrency('EUR');
const view = (m: Movement) => ({ id: m.id, state: m.state, customer: m.customer, fee: m.fee });

/** The sandbox's states as provider outcomes: VALIDATED and AUTHORIZED are authorizations (nothing moved). */
function outcomeOf(body: ReturnType<typeof view> | { state: 'NOT_FOUND'; id?: undefined; customer?: undefined; fee?: undefined }, baseUrl: string): ProviderOutcome {
  const facts = { providerTransactionId: body.id, providerStatus: body.state, customer: body.customer };
  switch (body.state) {
    case 'SUCCESS':
      return { ...facts, status: 'succeeded', fee: body.fee ? { amountMinor: BigInt(body.fee), currency: EUR } : undefined };
    case 'VALIDATED':
    case 'AUTHORIZED':
      return { ...facts, status: 'authorized' };
    case 'INITIATED':
      return { ...facts, status: 'requires_action', action: { type: 'redirect', method: 'GET', url: `${baseUrl}/panel/${body.id}` } };
    case 'FEE_REQUEST': {
      const options = FEE_OPTIONS.map((o) => ({ id: o.id, fee: { amountMinor: BigInt(o.fee), currency: EUR }, label: o.id }));
      return { ...facts, status: 'requires_action', action: { type: 'fee_selection', options } };
    }
    case 'CANCELED_MERCHANT':
      return { ...facts, status: 'cancelled' };
    case 'NOT_FOUND':
      return { status: 'not_found' };
  }
}

function createSteppingProvider(key: string, baseUrl: string, completion?: CompletionDeclaration): PaymentProvider {
  const send = async (path: string, init: RequestInit = {}): Promise<ProviderOutcome> => {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, { ...init, headers: init.body ? { 'content-type': 'application/json' } : {} });
    } catch {
      // The request may have arrived: only the status query can tell.
      throw new ProviderError('indeterminate', 'CONNECTION_LOST', 'the answer was lost');
    }
    if (response.status === 409) throw new ProviderError('final', 'INVALID_STATE', ((await response.json()) as { error: string }).error);
    return outcomeOf((await response.json()) as ReturnType<typeof view>, baseUrl);
  };
  const post = (path: string, body: object, signal?: AbortSignal) => send(path, { method: 'POST', body: JSON.stringify(body), signal });
  const collection = { payment: 'payments', refund: 'refunds', payout: 'payouts', capture: 'payments', cancel: 'payments' } as const;
  const mode = !completion ? 'sale' : completion.kind === 'choice' ? 'fee' : 'redirect';
  const provider: PaymentProvider = {
    key,
    payments: {
      sale: true,
      authorize: false,
      redirect: mode === 'redirect',
      pay: (request, options) => post('/payments', { reference: request.reference, amount: String(request.amount.amountMinor), mode }, options?.signal),
      status: (request) => send(`/${collection[request.operation]}/${request.reference}`),
    },
    refunds: {
      partial: true,
      multiple: true,
      validates: true,
      refund: async () => {
        throw new ProviderError('final', 'VALIDATE_FIRST', 'this provider refunds validated refunds only');
      },
      validate: (request, options) => post('/refunds', { reference: request.reference, amount: String(request.amount.amountMinor) }, options?.signal),
      capture: (request, options) => post(`/refunds/${request.reference}/capture`, {}, options?.signal),
    },
    savedMethods: {
      withPayment: false,
      tokenize: async (request, options) => {
        let response: Response;
        try {
          response = await fetch(`${baseUrl}/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reference: request.reference }), signal: options?.signal });
        } catch {
          throw new ProviderError('indeterminate', 'CONNECTION_LOST', 'the answer was lost');
        }
        return { token: ((await response.json()) as { token: string }).token, card: request.card.summary };
      },
    },
    payouts: {
      validates: true,
      validate: (request, options) => post('/payouts', { reference: request.reference, amount: String(request.amount.amountMinor) }, options?.signal),
      capture: (request, options) => post(`/payouts/${request.reference}/capture`, {}, options?.signal),
      payout: async () => {
        throw new ProviderError('final', 'VALIDATE_FIRST', 'this provider pays out validated payouts only');
      },
    },
  };
  if (!completion) return provider;
  const complete = completion.kind === 'choice'
    ? (request: { reference: string; feeOptionId?: string }, signal?: AbortSignal) => post(`/payments/${request.reference}/complete`, { feeOptionId: request.feeOptionId }, signal)
    : (request: { reference: string }, signal?: AbortSignal) => post(`/payments/${request.reference}/capture`, {}, signal);
  return {
    ...provider,
    completion: { ...completion, complete: (request, options) => complete(request, options?.signal) },
    customerData: { decline: (request, options) => send(`/payments/${request.reference}`, { method: 'DELETE', signal: options?.signal }) },
  };
}

export const STEPPING_KEY = 'stepper';

function steppingModule<K extends string>(key: K, completion?: CompletionDeclaration): ProviderModule<K, SteppingSandbox> {
  return {
    key,
    displayName: `Stepping test provider (${key})`,
    facets: {
      payments: { sale: true, authorize: false, redirect: completion?.kind === 'capture' },
      refunds: { partial: true, multiple: true, validates: true },
      payouts: { validates: true },
      savedMethods: { withPayment: false },
      ...(completion ? { completion, customerData: true as const } : {}),
    },
    config: { baseUrlVariable: `${key.toUpperCase().replace('-', '_')}_BASE_URL`, baseUrlExample: 'http://127.0.0.1:1' },
    demo: { credentials: { merchant: `${key}-demo` } },
    startSandbox: () => startSteppingSandbox(),
    create: (context) => createSteppingProvider(key, context.baseUrl, completion),
  };
}

export const steppingModules = {
  plain: steppingModule(STEPPING_KEY),
  capture: steppingModule('stepper-capture', { kind: 'capture' }),
  choice: steppingModule('stepper-choice', { kind: 'choice' }),
};
