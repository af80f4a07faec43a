import type { EntityManager } from '@mikro-orm/postgresql';
import { CallbackVerificationError, type CallbackRequest, type ParsedCallback, type ProviderOutcome } from '../../providers/provider';
import { redactBody } from '../../providers/http/redact';
import { completeTransaction } from '../payments/complete';
import { adapterFor, type PaymentsEnv } from '../payments/payments-env';
import { applySettledOperation, applySettledPayment, applySettledPayout, applySettledRefund, settleResource } from '../payments/settle';
import { ProviderEvent } from './provider-event.entity';
import { findTarget, narrowToOperation, type CallbackTarget } from './callback-target';

export type CallbackVerdict =
  | { result: 'applied' | 'duplicate'; eventId: string }
  | { result: 'unknown_provider' | 'unknown_reference' | 'unsupported' }
  | { result: 'rejected'; reason: string };

/**
 * The callback inbox: verify with the site's secret, store once under (provider, eventKey), apply
 * idempotently. An unverifiable callback is rejected and its payment is settled by a status query instead.
 */
export async function receiveCallback(env: PaymentsEnv, provider: string, request: CallbackRequest): Promise<CallbackVerdict> {
  if (!env.registry.has(provider)) return { result: 'unknown_provider' };
  const module = env.registry.module(provider);
  const em = env.em.fork();
  const hint = module.facets.callbacks?.hint(request);
  const found = hint ? await findTarget(em, provider, hint) : undefined;
  if (!found) return { result: 'unknown_reference' };
  const adapter = await adapterFor(env, em, found.site, provider);
  if (!adapter.callbacks) return { result: 'unsupported' };
  let parsed: ParsedCallback;
  try {
    parsed = await adapter.callbacks.parse(request);
  } catch (error) {
    if (!(error instanceof CallbackVerificationError)) throw error;
    env.log.warn({ provider, target: `${found.type}:${found.id}`, reason: error.message }, 'callback rejected: could not be verified');
    void settleResource(env, `${found.type}:${found.id}`).catch(() => undefined);
    return { result: 'rejected', reason: error.message };
  }
  const target = await narrowToOperation(em, found, parsed.operation);
  const stored = await store(em, provider, target, parsed);
  if (stored.duplicate) return { result: 'duplicate', eventId: stored.id };
  try {
    await apply(env, target, parsed.outcome);
    await em.nativeUpdate(ProviderEvent, { id: stored.id }, { processedAt: new Date() });
  } catch (error) {
    await em.nativeUpdate(ProviderEvent, { id: stored.id }, { error: error instanceof Error ? error.message : 'apply failed' });
    throw error;
  }
  return { result: 'applied', eventId: stored.id };
}

/** Insert once (the payload redacted again: card data must not reach the table even if an adapter slips); a redelivery finds the row. One that was stored but not applied (a crash) is applied again. */
async function store(em: EntityManager, provider: string, target: CallbackTarget, parsed: ParsedCallback): Promise<{ id: string; duplicate: boolean }> {
  const rows = await em.execute<{ id: string }[]>(
    `insert into provider_event (id, site_id, provider, event_key, type, payload, verified, received_at)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, true, now()) on conflict (provider, event_key) do nothing returning id`,
    [target.site.id, provider, parsed.eventKey, parsed.type, redactBody(JSON.stringify(parsed.payload))],
  );
  if (rows.length) return { id: rows[0].id, duplicate: false };
  const existing = await em.fork().findOneOrFail(ProviderEvent, { provider, eventKey: parsed.eventKey });
  return { id: existing.id, duplicate: existing.processedAt !== undefined && existing.processedAt !== null };
}

/** Unsigned notifications carry no outcome: the provider's answer is the truth (completion for a payment, else status). */
async function apply(env: PaymentsEnv, target: CallbackTarget, outcome: ProviderOutcome | undefined): Promise<void> {
  if (!outcome) {
    if (target.type === 'Transaction') await completeTransaction(env, target.id);
    else await settleResource(env, `${target.type}:${target.id}`);
    return;
  }
  if (target.type === 'Transaction') await applySettledPayment(env, target.id, outcome, 'callback');
  if (target.type === 'PaymentOperation') await applySettledOperation(env, target.id, outcome);
  if (target.type === 'Refund') await applySettledRefund(env, target.id, outcome);
  if (target.type === 'Payout') await applySettledPayout(env, target.id, outcome);
}
