import { parseCurrency } from '../../../src/kernel/money';
import { payneteasyModule } from '../../../src/providers/payneteasy';
import type { PayneteasySandbox } from '../../../src/providers/payneteasy/sandbox';
import { callbackBody } from '../../../src/providers/payneteasy/sandbox/echeck/notify';
import { EcheckState } from '../../../src/providers/payneteasy/sandbox/echeck/state';
import { DeclineReasonCode } from '../../../src/providers/provider';
import { Secret } from '../../../src/providers/secret';
import type { ContractSpec, Notification } from '../contract/contract-spec';

const form = (body: Record<string, string>): Notification => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() });

interface OrderRecord {
  clientOrderId: string;
  transactions: { type: string; status: string; amountMinor: string }[];
}

/**
 * Payneteasy's part of the shared contract, over its ACH eCheck sale: `pay` takes no cards here
 * (payments.sources = ['bank_account']), so the test "cards" are the sandbox's test bank accounts
 * (sandbox/echeck/scenarios.ts), paid with the document's routing number. There is no customer step, no
 * authorization and no refund command for eCheck, so those contract tests are not built. The Device API's
 * customer step (the transfer-fee choice) is driven through the merchant-server routes in test/providers/payneteasy-dapi/.
 */
export const payneteasyContract: ContractSpec<PayneteasySandbox> = {
  module: payneteasyModule,
  currency: parseCurrency('USD'),
  cards: {
    approved: '1234567890',
    declined: { number: '4000000051', reasonCode: DeclineReasonCode.INSUFFICIENT_FUNDS },
    lostAnswer: '4000000341',
    slow: '4000000077',
  },
  slowMs: 3_000,
  // The fee choice (`completion`) belongs to a Device API transfer, which the app performs and the gateway opens
  // at "Initiate transfer"; eCheck `pay` never waits for the customer.
  customerStep: { via: 'inbound', coveredBy: 'test/providers/payneteasy-dapi/transfer-fee-selection.test.ts' },
  source: {
    adapter: (account) => ({ type: 'bank_account', routingNumber: '113024588', accountNumber: new Secret(account), holderName: 'John Smith' }),
    graphql: (account) => ({ bankAccount: { routingNumber: '113024588', accountNumber: account, holderName: 'John Smith', email: 'john.smith@example.com' } }),
    customer: { email: 'john.smith@example.com', firstName: 'John', lastName: 'Smith' },
  },

  /** Approved sales are money taken; approved returns and chargebacks give it back. */
  async record(sandbox, reference) {
    const orders = ((await (await fetch(`${sandbox.baseUrl}/__sandbox/echeck/orders`)).json()) as OrderRecord[]).filter((o) => o.clientOrderId === reference);
    const approved = (type: (t: string) => boolean) => orders.flatMap((o) => o.transactions).filter((t) => type(t.type) && t.status === 'approved');
    const sales = approved((t) => t === 'sale');
    return {
      charges: sales.length,
      capturedMinor: sales.reduce((sum, t) => sum + BigInt(t.amountMinor), 0n),
      refundedMinor: approved((t) => t !== 'sale').reduce((sum, t) => sum + BigInt(t.amountMinor), 0n),
    };
  },

  /** What sandbox/echeck/notify.ts posts for the sale's current status, signed with its merchant's control key. */
  async notify(sandbox, reference) {
    const order = [...sandbox.state.echeck.orders.values()].filter((o) => o.clientOrderId === reference).at(-1);
    const merchant = order && sandbox.state.merchants.get(order.endpointId);
    if (!order || !merchant) throw new Error(`the sandbox holds no order ${reference}`);
    return form(callbackBody(order, EcheckState.saleOf(order), merchant.controlKey));
  },

  /**
   * The control covers status + orderid + client_orderid: the status can't be changed under it, but the amount,
   * type and texts are unsigned and may say anything.
   */
  forge(genuine) {
    const body = Object.fromEntries(new URLSearchParams(genuine.body));
    const flipped = (body.control![0] === '0' ? '1' : '0') + body.control!.slice(1);
    return [
      { name: 'the real status and control, with an unsigned type "sale", text "Approved" and a larger amount', notification: form({ ...body, type: 'sale', 'error-message': 'Approved', amount: '999999.00' }) },
      { name: 'status "approved" under the control of the real status', notification: form({ ...body, status: 'approved' }) },
      { name: 'status "approved" with a control that does not match', notification: form({ ...body, status: 'approved', control: flipped }) },
    ];
  },
};
