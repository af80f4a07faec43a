import type { GqlResult, TestApp } from '../support/app';
import { startBothExecutors, type BothExecutors } from '../support/both-executors';

/**
 * Issue 13, the read path: page arguments are checked without a class-validator run per nested list
 * (src/graphql/common/validate-args.ts). Refusals must keep their code, field and wording, on graphql-js (the
 * first time a text is seen) and compiled (from the second time), at the root and nested.
 */
describe('read path: page arguments', () => {
  let t: TestApp;
  let repeat: BothExecutors['repeat'];
  beforeAll(async () => {
    ({ t, repeat } = await startBothExecutors());
  });
  afterAll(() => t?.close());

  const refusals = (res: GqlResult) => res.errors?.map((e) => ({ path: e.path, message: e.message, code: e.extensions?.code, field: e.extensions?.field }));

  /** The same request three times: interpreted once, then compiled; every answer must be the same. */
  async function threeTimes(query: string, variables?: Record<string, unknown>) {
    const answers = await repeat(query, variables);
    for (const res of answers) {
      expect(`${res.status} ${res.body}`).toMatch(/^200 /);
      expect(refusals(res)).toEqual(refusals(answers[0]!));
      expect(res.data).toEqual(answers[0]!.data);
    }
    return answers[0]!;
  }

  it.each([
    [101, 'first must not be greater than 100'],
    [-1, 'first must not be less than 0'],
  ])('refuses a nested page of %i with INVALID_INPUT on first, "%s"', async (first, message) => {
    const res = await threeTimes('query($first: Int!) { orders(first: 2) { nodes { id transactions(first: $first) { nodes { id } } } } }', { first });
    expect(res.data!.orders.nodes).toEqual([expect.objectContaining({ transactions: null }), expect.objectContaining({ transactions: null })]);
    expect(refusals(res)).toEqual([
      { path: ['orders', 'nodes', 0, 'transactions'], message, code: 'INVALID_INPUT', field: ['first'] },
      { path: ['orders', 'nodes', 1, 'transactions'], message, code: 'INVALID_INPUT', field: ['first'] },
    ]);
  });

  it.each([
    [101, 'first must not be greater than 100'],
    [-1, 'first must not be less than 0'],
  ])('refuses a root page of %i with INVALID_INPUT on first, "%s"', async (first, message) => {
    const res = await threeTimes(`{ orders(first: ${first}) { nodes { id } } customers(first: ${first}) { nodes { id } } }`);
    expect(res.data).toEqual({ orders: null, customers: null });
    expect(refusals(res)).toEqual([
      { path: ['orders'], message, code: 'INVALID_INPUT', field: ['first'] },
      { path: ['customers'], message, code: 'INVALID_INPUT', field: ['first'] },
    ]);
  });

  it('answers pages at the bounds, 0 and 100', async () => {
    const bounds = await threeTimes('{ orders(first: 2) { nodes { transactions(first: 0) { nodes { id } } customer { paymentMethods(first: 100) { nodes { id } } } } } }');
    expect(bounds.errors).toBeUndefined();
    expect(bounds.data!.orders.nodes).toHaveLength(2);
    expect(bounds.data!.orders.nodes[0].transactions.nodes).toEqual([]);
  });

  // Compiled queries leave the variables to graphql-jit's coercion and fall back to graphql-js when it refuses
  // them (src/server/compiled-execution.ts): accepted or refused, the answer must be graphql-js's.
  const LIST = `query($first: Int!, $status: [OrderStatus!], $amount: AmountRangeInput, $after: DateTimeISO) {
    orders(first: $first, status: $status, amount: $amount, createdAfter: $after) { nodes { reference status amount { amount } } } }`;

  it.each([
    ['every variable given', { first: 2, status: ['OPEN', 'PAID'], amount: { currency: 'EUR', min: '0.01' }, after: '2000-01-01T00:00:00.000Z' }],
    ['a single value for a list', { first: 2, status: 'OPEN' }],
    ['nulls for nullable variables', { first: 1, status: null, amount: null, after: null }],
  ])('answers variables the same compiled as interpreted: %s', async (_name, variables) => {
    const res = await threeTimes(LIST, variables);
    expect(res.errors).toBeUndefined();
    expect(res.data!.orders.nodes.length).toBeGreaterThan(0);
  });

  it.each([
    ['a missing required variable', {}],
    ['null for a non-null variable', { first: null }],
    ['a string for an Int', { first: '2' }],
    ['a float for an Int', { first: 1.5 }],
    ['an Int out of range', { first: 2 ** 31 }],
    ['an unknown enum value', { first: 1, status: ['LOST'] }],
    ['an input with an unknown field', { first: 1, amount: { currency: 'EUR', min: '1', extra: true } }],
    ['an input without its required field', { first: 1, amount: { min: '1' } }],
    ['an instant that is not one', { first: 1, after: 'yesterday' }],
  ])('refuses %s with graphql-js\'s answer every time', async (_name, variables) => {
    const answers = await repeat(LIST, variables);
    for (const res of answers) {
      expect(res.data).toBeUndefined();
      expect([res.status, refusals(res)]).toEqual([answers[0]!.status, refusals(answers[0]!)]);
    }
    expect(answers[0]!.status).toBeGreaterThanOrEqual(400);
    expect(answers[0]!.errors![0]!.message).toMatch(/^Variable "\$\w+" /);
  });
});
