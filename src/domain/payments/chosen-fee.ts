import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { DomainError } from '../../kernel/errors';
import { toDecimal, type Money } from '../../kernel/money';
import { ProviderError, userErrorCodeOf } from '../../providers/provider';
import { facetOf } from '../../providers/registry';
import { adapterFor, deadlineOf, type PaymentsEnv } from '../engine/payments-env';
import { callProvider } from '../engine/provider-call';
import { Order } from '../orders/order.entity';
import type { Principal } from '../sites/principal';
import { loadActingSite } from '../tenancy';
import type { Transaction } from '../transactions/transaction.entity';
import { recordEvent } from '../transactions/transaction-transitions';
import type { PayCommand } from './pay-command';

/** The option the customer chose, as the provider quotes it now: what the payment may charge on top. */
export interface ChosenFee {
  optionId: string;
  fee: Money;
}

const FIELD = ['input', 'feeOptionId'];

/**
 * Before a payment with a fee option against a provider that quotes fees (the `fees` facet, PayNearMe
 * /get_fees): the option must be one the provider quotes for the order now — its id names the method type and
 * the channel (`credit_card@ivr`), and it is quoted again for that channel. An option not quoted is refused
 * (NOT_FOUND on input.feeOptionId) before anything is written or charged. Runs before phase 1, outside any DB
 * transaction (it is a provider call). Undefined when there is nothing to check (no option, no provider order,
 * a provider without quotes): the payment's own checks decide then, as before.
 */
export async function quoteChosenFee(env: PaymentsEnv, principal: Principal, cmd: PayCommand): Promise<ChosenFee | undefined> {
  if (!cmd.feeOptionId || !cmd.orderId) return undefined;
  const order = await env.em.fork().findOne(Order, { id: cmd.orderId });
  const key = cmd.provider ?? order?.provider;
  if (!order?.providerOrderId || !key || !env.registry.has(key) || !env.registry.module(key).facets.fees) return undefined;
  let adapter;
  try {
    adapter = await adapterFor(env, env.em, await loadActingSite(env.em), key, principal.siteId);
  } catch (error) {
    if (error instanceof ProviderError) return undefined;
    throw error;
  }
  const channel = cmd.feeOptionId.split('@')[1] || undefined;
  const request = { amount: cmd.amount, providerOrderId: order.providerOrderId, channel };
  const result = await callProvider(deadlineOf(env), (options) => facetOf(adapter, 'fees').quote(request, options));
  if (result.kind === 'error') {
    const { code, providerCode } = userErrorCodeOf(result.error, 'PROVIDER_UNAVAILABLE');
    throw new DomainError(code, `the fee options could not be quoted: ${result.error.message}`, FIELD, providerCode);
  }
  const option = result.outcome.find((o) => o.id === cmd.feeOptionId);
  if (!option) {
    const quoted = result.outcome.map((o) => o.id).join(', ') || 'none';
    throw new DomainError('NOT_FOUND', `fee option "${cmd.feeOptionId}" is not one the provider quotes for this order now (it quotes: ${quoted})`, FIELD);
  }
  return { optionId: option.id, fee: option.fee };
}

/**
 * The fee the provider reports having charged. Without a chosen option it is the fee. With one, the chosen fee
 * stays the transaction's `fee` (what the customer agreed to) and a different report is kept beside it
 * (providerFeeMinor, GraphQL providerReportedFee) with a `fee_mismatch` event and a warning: never silently
 * a different amount. Recorded once per reported value.
 */
export function applyReportedFee(em: EntityManager, txn: Transaction, reported: Money | undefined, log?: Logger): void {
  if (!reported) return;
  if (!txn.feeOptionId) {
    txn.feeMinor = reported.amountMinor;
    return;
  }
  const chosen = BigInt(txn.feeMinor ?? 0n);
  const already = txn.providerFeeMinor !== undefined && txn.providerFeeMinor !== null && BigInt(txn.providerFeeMinor) === reported.amountMinor;
  if ((reported.amountMinor === chosen && reported.currency === txn.currency) || already) return;
  txn.providerFeeMinor = reported.amountMinor;
  const say = (minor: bigint) => `${toDecimal(minor, txn.currency)} ${txn.currency}`;
  recordEvent(em, txn, {
    type: 'fee_mismatch',
    amountMinor: reported.amountMinor,
    message: `the provider reported a fee of ${say(reported.amountMinor)}; the customer chose ${txn.feeOptionId} at ${say(chosen)}`,
    data: { feeOptionId: txn.feeOptionId, chosenMinor: chosen.toString(), reportedMinor: reported.amountMinor.toString() },
  });
  log?.warn({ transactionId: txn.id, feeOptionId: txn.feeOptionId, chosenMinor: chosen.toString(), reportedMinor: reported.amountMinor.toString() }, 'provider fee differs from the chosen option');
}
