import { parseCurrency } from '../../../src/kernel/money';
import { DeclineReasonCode } from '../../../src/providers/provider';
import { paysafecardModule } from '../../../src/providers/paysafecard';
import type { PaymentRecord } from '../../../src/providers/paysafecard/sandbox/inspect-routes';
import type { PaysafecardSandbox } from '../../../src/providers/paysafecard/sandbox/server';
import type { ContractSpec, Notification } from '../contract/contract-spec';
import { customerPays, MAX, setKnobs } from './sandbox-client';

const idOf = (sandbox: PaysafecardSandbox, reference: string) => [...sandbox.state.payments.values()].find((p) => p.id.includes(`_${reference}_`))?.id;

/**
 * paysafecard's part of the shared contract. It takes no card: the customer pays at the sandbox's panel with a
 * seeded my paysafecard account (the contract pays without a customer of ours, so nothing is compared and the
 * payment is captured; refunds go back to that account), or cancels there.
 */
export const paysafecardContract: ContractSpec<PaysafecardSandbox> = {
  module: paysafecardModule,
  currency: parseCurrency('EUR'),
  slowMs: 3_000,
  customer: {
    async act(sandbox, providerTransactionId, choice) {
      const result = await customerPays(sandbox, providerTransactionId, choice === 'pay' ? MAX : { kind: 'cancel' });
      if (result.status !== 200) throw new Error(`the sandbox refused the customer's step: ${JSON.stringify(result.body)}`);
    },
    refusedReasonCode: DeclineReasonCode.AUTHENTICATION_FAILED,
    loseNextAnswer: (sandbox) => setKnobs(sandbox, { loseCreateResponses: 1 }),
    async slowDown(sandbox, ms) {
      await setKnobs(sandbox, { latencyMs: ms });
      return () => setKnobs(sandbox, { latencyMs: 0 });
    },
  },

  async record(sandbox, reference) {
    const all = (await (await fetch(`${sandbox.baseUrl}/__sandbox/payments`)).json()) as PaymentRecord[];
    const mine = all.filter((p) => p.correlationId === reference);
    return {
      charges: mine.reduce((sum, p) => sum + p.charges, 0),
      capturedMinor: mine.reduce((sum, p) => sum + BigInt(p.capturedCents), 0n),
      refundedMinor: mine.reduce((sum, p) => sum + BigInt(p.refundedCents), 0n),
    };
  },

  /** The notification the sandbox posts (sandbox/notify.ts); the form's mtid names the payment. */
  async notify(sandbox, reference) {
    const id = idOf(sandbox, reference);
    if (!id) throw new Error(`the sandbox holds no payment ${reference}`);
    const payment = sandbox.state.payments.get(id)!;
    payment.serial ??= '1453591278';
    const { contentType, body } = (await (await fetch(`${sandbox.baseUrl}/__sandbox/payments/${id}/notification`)).json()) as { contentType: string; body: string };
    return { headers: { 'content-type': contentType }, body };
  },

  /** Unsigned: anyone can post "the cards were assigned" for a payment the customer never paid, as form or JSON. */
  forge(genuine) {
    const form = new URLSearchParams(genuine.body);
    const id = form.get('mtid')!;
    const json: Notification = { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ eventType: 'ASSIGN_CARDS', version: '1', timestamp: Date.now(), data: { payment_id: id, card_details: [{ serial: '1', amount: 100, currency: 'EUR' }] } }) };
    return [
      { name: 'form ASSIGN_CARDS for the unpaid payment', notification: genuine },
      { name: 'JSON ASSIGN_CARDS claiming the full amount', notification: json },
    ];
  },
};
