import { PaysafecardGateway } from '../providers/paysafecard/gateway-fixture';
import { setKnobs } from '../providers/paysafecard/sandbox-client';

let g: PaysafecardGateway;
let customerId: string;
let paymentId: string;
beforeAll(async () => {
  g = await PaysafecardGateway.start();
  ({ customerId, paymentId } = await g.paidCustomer());
}, 60_000);
afterAll(() => g?.close(), 60_000);

const PAYOUT = `mutation($input: CreatePayoutInput!) { createPayout(input: $input) {
  payout { status failureCode failureReason failureReasonCode } userErrors { code field message providerCode } } }`;
const REFUND = `mutation($input: RefundPaymentInput!) { refundPayment(input: $input) {
  refund { status failureCode failureReason failureReasonCode } userErrors { code providerCode } } }`;
const EVENTS = `query($id: ID!) { node(id: $id) { ... on Transaction { events(first: 50) { nodes { type } } } } }`;
const FIELD_TYPE = `query($type: String!) { __type(name: $type) { fields { name type { kind name ofType { kind name } } } } }`;

async function fieldType(type: string, field: string): Promise<{ kind: string; name: string }> {
  const res = await g.t.gql(FIELD_TYPE, { type }, { key: g.merchant.key });
  const found = res.data!.__type.fields.find((f: { name: string }) => f.name === field);
  const named = found.type.kind === 'NON_NULL' ? found.type.ofType : found.type;
  return { kind: named.kind, name: named.name };
}

describe('issue 12 item 4: typed codes', () => {
  it('declares UserError.code, TransactionEvent.type and the movements’ failureReasonCode as enums in the served schema', async () => {
    expect(await fieldType('UserError', 'code')).toEqual({ kind: 'ENUM', name: 'UserErrorCode' });
    expect(await fieldType('TransactionEvent', 'type')).toEqual({ kind: 'ENUM', name: 'TransactionEventType' });
    expect(await fieldType('Refund', 'failureReasonCode')).toEqual({ kind: 'ENUM', name: 'DeclineReasonCode' });
    expect(await fieldType('Payout', 'failureReasonCode')).toEqual({ kind: 'ENUM', name: 'DeclineReasonCode' });
  });

  it('answers a refusal the gateway has no name for as PROVIDER_REFUSED with the provider’s code in providerCode, never as the code', async () => {
    await setKnobs(g.sandbox, { refuseNextMovement: 3777 });
    const res = await g.gql(PAYOUT, { provider: 'paysafecard', amount: { amount: '5.00', currency: 'EUR' }, customerId });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createPayout.userErrors).toEqual([{ code: 'PROVIDER_REFUSED', providerCode: 'PAYSAFECARD_3777', field: ['input'], message: expect.stringContaining('3777') }]);
    expect(res.data!.createPayout.payout).toEqual({ status: 'DECLINED', failureCode: 'PAYSAFECARD_3777', failureReason: expect.stringContaining('3777'), failureReasonCode: 'UNKNOWN' });
  });

  it('gives a declined payout the neutral reason beside the provider’s code and text', async () => {
    await setKnobs(g.sandbox, { refuseNextMovement: 3166 });
    const res = await g.gql(PAYOUT, { provider: 'paysafecard', amount: { amount: '5.00', currency: 'EUR' }, customerId });
    expect(res.data!.createPayout.userErrors).toEqual([{ code: 'MERCHANT_LIMIT_EXCEEDED', providerCode: null, field: ['input', 'amount'], message: expect.stringContaining('3166') }]);
    expect(res.data!.createPayout.payout).toEqual({ status: 'DECLINED', failureCode: 'MERCHANT_LIMIT_EXCEEDED', failureReason: expect.stringContaining('3166'), failureReasonCode: 'LIMIT_EXCEEDED' });
  });

  it('gives a declined refund the neutral reason too, and writes its history with the enum’s event types', async () => {
    await setKnobs(g.sandbox, { refuseNextMovement: 3195 });
    const res = await g.gql(REFUND, { transactionId: paymentId, amount: { amount: '1.00', currency: 'EUR' } });
    expect(res.data!.refundPayment).toEqual({
      refund: { status: 'DECLINED', failureCode: 'CUSTOMER_DETAILS_MISMATCH', failureReason: expect.stringContaining('3195'), failureReasonCode: 'CUSTOMER_DATA_MISMATCH' },
      userErrors: [{ code: 'CUSTOMER_DETAILS_MISMATCH', providerCode: null }],
    });
    const events = (await g.t.gql(EVENTS, { id: paymentId }, { key: g.merchant.key })).data!.node.events.nodes.map((e: { type: string }) => e.type);
    expect(events).toEqual(expect.arrayContaining(['created', 'status_changed', 'refund_requested', 'refund_declined']));
  });
});
