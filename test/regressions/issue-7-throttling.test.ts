import { Scope, TestApp, type TestSite } from '../support/app';

const VIEWER = '{ viewer { scopes } }';
const ORDERS = '{ orders(first: 10) { nodes { id } } }';

describe('issue 7: throttling failed authentication per address and query cost per API key', () => {
  let t: TestApp;
  let m: TestSite;
  beforeAll(async () => {
    t = await TestApp.start({
      THROTTLE_AUTH_FAILURES_BURST: '5',
      THROTTLE_AUTH_FAILURES_PER_MINUTE: '60',
      THROTTLE_COST_MAXIMUM: '40',
      THROTTLE_COST_RESTORE_PER_SECOND: '2',
    });
    m = await t.merchant([Scope.READ, Scope.PAY]);
  });
  afterAll(() => t?.close());

  it('tells the client its budget, answers 429 with Retry-After when a key runs out, and leaves other keys alone', async () => {
    const first = await t.gql(ORDERS, undefined, { key: m.key });
    const cost = first.body && JSON.parse(first.body).extensions.cost;
    expect(cost.throttleStatus).toEqual({ maximumAvailable: 40, currentlyAvailable: 40 - cost.requested, restoreRate: 2 });
    expect(cost.requested).toBeGreaterThan(1);

    let throttled;
    for (let i = 0; i < 40 && !throttled; i += 1) {
      const res = await t.gql(ORDERS, undefined, { key: m.key });
      if (res.status === 429) throttled = res;
      else expect(res.status).toBe(200);
    }
    expect(throttled).toBeDefined();
    expect(Number(throttled!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(throttled!.errors?.[0].extensions?.code).toBe('THROTTLED');
    expect(throttled!.errors?.[0].extensions?.cost.throttleStatus).toMatchObject({ maximumAvailable: 40, restoreRate: 2 });
    expect(throttled!.data).toBeUndefined();

    const other = await t.merchant([Scope.READ], 'Other');
    expect((await t.gql(ORDERS, undefined, { key: other.key })).status).toBe(200);
  });

  it('answers 429 with Retry-After once an address has failed authentication too often, before looking keys up', async () => {
    const statuses: number[] = [];
    let retryAfter: unknown;
    const started = Date.now();
    for (let i = 0; i < 300 && Date.now() - started < 15_000; i += 1) {
      const res = await t.gql(VIEWER, undefined, { key: `pgk_${String(i).padStart(12, '0')}_${'A'.repeat(43)}` });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers['retry-after'];
    }
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(6);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(290);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // A key sent from the same address waits too: the address is refused before any key is looked up.
    const valid = await t.gql(VIEWER, undefined, { key: m.key });
    expect(valid.status).toBe(429);
    expect(valid.errors?.[0].extensions?.code).toBe('THROTTLED');
  });
});
