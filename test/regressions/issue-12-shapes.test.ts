import { startSteppingFixture, type SteppingFixture } from '../support/stepping-fixture';
import { steppingModules } from '../support/stepping-provider';
import { card, type PaymentsFixture } from '../integration/payments/payments-fixture';
import manifest from '../../schema/trusted-documents.json';

/**
 * Issue 12 item 6: shapes a generated client can rely on. nextAction is a union whose variants carry their
 * required fields as non-null; the payment source is a @oneOf input, so two sources or none are refused by
 * GraphQL validation (before any resolver, so nothing is written), not by a run-time check.
 */
const THREE_DS_CARD = '4000000000003220';
const NEXT_ACTION = `nextAction { __typename
  ... on RedirectAction { url method fields }
  ... on PollAction { pollAfterMs }
  ... on FeeSelectionAction { expiresAt feeOptions { id label fee { amount currency } } } }`;
const PAY = `mutation($input: PayInput!) { pay(input: $input) { transaction { id status ${NEXT_ACTION} } userErrors { code field message } } }`;
const PAYOUT = `mutation($input: CreatePayoutInput!) { createPayout(input: $input) { payout { id } userErrors { code field message } } }`;

describe('issue 12: shapes a generated client can rely on', () => {
  let fixture: SteppingFixture;
  let f: PaymentsFixture;
  const eur = (amount: string) => ({ amount, currency: 'EUR' });
  const rows = async (table: string) => Number((await f.t.em().getConnection().execute(`select count(*)::int as n from "${table}"`))[0].n);

  beforeAll(async () => {
    // The stepping fixture's 200 ms provider deadline is for its recovery tests; these only read shapes.
    fixture = await startSteppingFixture([steppingModules.choice], { PROVIDER_TIMEOUT_MS: '10000' });
    f = fixture.f;
  });
  afterAll(() => fixture?.close());

  it('answers a 3-D Secure payment with a RedirectAction whose url and method are set', async () => {
    const res = await f.gql(PAY, { input: { provider: 'cardgateway', amount: eur('42.00'), source: { card: card(THREE_DS_CARD) }, returnUrl: 'https://shop.example/back' } });
    expect(res.errors).toBeUndefined();
    const { transaction } = res.data!.pay;
    expect(transaction.status).toBe('REQUIRES_ACTION');
    expect(transaction.nextAction).toEqual({ __typename: 'RedirectAction', url: expect.stringContaining(f.sandbox.baseUrl), method: 'GET', fields: null });
  });

  it('answers a payment paused for the fee choice with a FeeSelectionAction whose options and expiry are set', async () => {
    const res = await f.t.gql(PAY, { input: { provider: 'stepper-choice', amount: eur('40.00'), source: { card: card() } } }, { key: fixture.key });
    expect(res.errors).toBeUndefined();
    const { transaction } = res.data!.pay;
    expect(transaction).toMatchObject({
      status: 'AWAITING_FEE_SELECTION',
      nextAction: { __typename: 'FeeSelectionAction', feeOptions: [{ id: 'gate-a', fee: eur('1.00') }, { id: 'gate-b', fee: eur('2.50') }] },
    });
    expect(new Date(transaction.nextAction.expiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses a payment source with two members as a validation error and writes no row', async () => {
    const before = await rows('transaction');
    const res = await f.gql(PAY, { input: { provider: 'cardgateway', amount: eur('10.00'), source: { card: card(), paymentMethodId: 'UGF5bWVudE1ldGhvZDox' } } });
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors![0]).toMatchObject({ message: expect.stringContaining('Exactly one key must be specified for OneOf type "PaymentSourceInput"'), extensions: { code: 'BAD_USER_INPUT' } });
    expect(res.body).not.toContain('4111111111111111');
    expect(await rows('transaction')).toBe(before);
  });

  it('refuses an empty payment source as a validation error and writes no row', async () => {
    const before = await rows('transaction');
    const res = await f.gql(PAY, { input: { provider: 'cardgateway', amount: eur('10.00'), source: {} } });
    expect(res.status).toBe(400);
    expect(res.errors![0]).toMatchObject({ message: expect.stringContaining('Exactly one key must be specified for OneOf type "PaymentSourceInput"'), extensions: { code: 'BAD_USER_INPUT' } });
    expect(await rows('transaction')).toBe(before);
  });

  it('refuses a payment source whose one member is null as a validation error', async () => {
    const res = await f.gql(PAY, { input: { provider: 'cardgateway', amount: eur('10.00'), source: { card: null } } });
    expect(res.status).toBe(400);
    expect(res.errors![0]).toMatchObject({ message: expect.stringContaining('Field "card" must be non-null.'), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses two sources written in the document itself during validation', async () => {
    const before = await rows('transaction');
    const doc = `mutation { pay(input: { provider: "cardgateway", amount: { amount: "10.00", currency: EUR },
      source: { paymentMethodId: "UGF5bWVudE1ldGhvZDox", bankAccount: { routingNumber: "021000021", accountNumber: "1234567" } } }) { transaction { id } } }`;
    const res = await f.gql(doc);
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([
      expect.objectContaining({ message: 'OneOf Input Object "PaymentSourceInput" must specify exactly one key.', extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }) }),
    ]);
    expect(await rows('transaction')).toBe(before);
  });

  it('refuses a payout destination with two members as a validation error and writes no row', async () => {
    const before = await rows('payout');
    const res = await f.gql(PAYOUT, { input: { provider: 'cardgateway', amount: eur('5.00'), destination: { card: card(), paymentMethodId: 'UGF5bWVudE1ldGhvZDox' } } });
    expect(res.status).toBe(400);
    expect(res.errors![0]).toMatchObject({ message: expect.stringContaining('Exactly one key must be specified for OneOf type "PayoutDestinationInput"') });
    expect(await rows('payout')).toBe(before);
  });

  it('refuses a pay or payout left without a source for a provider that needs one, naming the field, writing nothing', async () => {
    const before = [await rows('transaction'), await rows('payout')];
    const paid = await f.gql(PAY, { input: { provider: 'cardgateway', amount: eur('10.00') } });
    expect(paid.data!.pay.userErrors).toEqual([expect.objectContaining({ code: 'SOURCE_REQUIRED', field: ['input', 'source'] })]);
    const paidOut = await f.gql(PAYOUT, { input: { provider: 'cardgateway', amount: eur('5.00') } });
    expect(paidOut.data!.createPayout.userErrors).toEqual([expect.objectContaining({ code: 'SOURCE_REQUIRED', field: ['input', 'destination'] })]);
    expect([await rows('transaction'), await rows('payout')]).toEqual(before);
  });

  it('shows NextAction as a union of its variants and the sources as oneOf inputs in introspection', async () => {
    const res = await f.gql(`{
      nextAction: __type(name: "NextAction") { kind possibleTypes { name } }
      redirect: __type(name: "RedirectAction") { fields { name type { kind name ofType { name } } } }
      source: __type(name: "PaymentSourceInput") { kind isOneOf inputFields { name type { kind name } } }
      destination: __type(name: "PayoutDestinationInput") { isOneOf }
      pay: __type(name: "PayInput") { inputFields { name } } }`);
    expect(res.errors).toBeUndefined();
    const data = res.data!;
    expect(data.nextAction.kind).toBe('UNION');
    expect(data.nextAction.possibleTypes.map((t: { name: string }) => t.name).sort()).toEqual(['FeeSelectionAction', 'PollAction', 'RedirectAction']);
    const field = (name: string) => data.redirect.fields.find((x: { name: string }) => x.name === name).type;
    expect(field('url')).toEqual({ kind: 'NON_NULL', name: null, ofType: { name: 'String' } });
    expect(field('method')).toEqual({ kind: 'NON_NULL', name: null, ofType: { name: 'RedirectMethod' } });
    expect(data.source).toMatchObject({ kind: 'INPUT_OBJECT', isOneOf: true });
    expect(data.source.inputFields.map((x: { name: string }) => x.name).sort()).toEqual(['bankAccount', 'card', 'paymentMethodId']);
    expect(data.destination.isOneOf).toBe(true);
    const payFields = data.pay.inputFields.map((x: { name: string }) => x.name);
    expect(payFields).toContain('source');
    expect(payFields).not.toContain('card');
  });

  it('takes every gateway object id as an ID and names no type after its implementation', async () => {
    const res = await f.gql(`{ __schema { types { name kind
      inputFields { name type { ...T } }
      fields { name type { ...T } args { name type { ...T } } } } } }
      fragment T on __Type { name ofType { name ofType { name ofType { name } } } }`);
    expect(res.errors).toBeUndefined();
    type Ref = { name: string | null; ofType?: Ref | null };
    const named = (t: Ref): string => (t.name ?? named(t.ofType!));
    // Strings a client or a provider chose (a device, the merchant's own reference, the provider's order), not our ids.
    const external = new Set(['deviceId', 'externalId', 'providerOrderId', 'siteOrderId']);
    const idLike = (name: string) => (name === 'id' || /Ids?$/.test(name)) && !external.has(name);
    const wrong: string[] = [];
    const types = (res.data!.__schema.types as { name: string; kind: string; inputFields: { name: string; type: Ref }[] | null; fields: { name: string; type: Ref; args: { name: string; type: Ref }[] }[] | null }[])
      .filter((t) => !t.name.startsWith('__'));
    for (const type of types) {
      for (const field of type.inputFields ?? []) if (idLike(field.name) && named(field.type) !== 'ID') wrong.push(`${type.name}.${field.name}`);
      for (const field of type.fields ?? []) {
        for (const arg of field.args) if (idLike(arg.name) && named(arg.type) !== 'ID') wrong.push(`${type.name}.${field.name}(${arg.name})`);
        if (field.name === 'id' && named(field.type) !== 'ID') wrong.push(`${type.name}.id`);
      }
    }
    expect(wrong).toEqual([]);
    // PaymentMethodType (CARD, …) and TransactionEventType (the values of TransactionEvent.type) are words of the
    // domain, not class suffixes.
    const ours = types.filter((t) => t.kind !== 'SCALAR').map((t) => t.name);
    expect(ours.filter((n) => /(Type|Impl|Dto|Object|Entity|GraphQL)$|Input.+Input$/.test(n) && !['PaymentMethodType', 'TransactionEventType'].includes(n))).toEqual([]);
  });

  it('accepts every trusted document within the query limits, though a union can only be selected in fragments', async () => {
    const limited: string[] = [];
    for (const { operationName, query } of Object.values(manifest)) {
      // No variables: a mutation stops at their coercion, after the limits were checked, and runs nothing.
      const res = await f.gql(query, {});
      if (res.errors?.some((e) => e.extensions?.code === 'QUERY_LIMIT_EXCEEDED')) limited.push(`${operationName}: ${res.errors[0].message}`);
    }
    expect(limited).toEqual([]);
  });
});
