import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { CallbackVerificationError, type CallbackRequest, type ParsedCallback, type ProviderOutcome } from '../../providers/provider';
import { adapterFor, type PaymentsEnv } from '../engine/payments-env';
import { kindOf } from '../engine/kinds';
import { findTarget, narrowToOperation, type CallbackTarget } from './callback-target';
import { confirmWithProvider } from './confirm-callback';
import { applyProviderReversal } from '../refunds/provider-reversal';
import { storeVerified } from './inbox-store';
import { ProviderEvent } from './provider-event.entity';

export type CallbackVerdict =
  | { result: 'applied' | 'duplicate' | 'awaiting_confirmation'; eventId: string }
  | { result: 'unknown_provider' }
  /** One answer for every callback that can't be verified, whether or not its reference exists. */
  | { result: 'rejected' };

/**
 * The callback inbox. A callback is verified with the secret of the site that owns the movement it names,
 * stored once under (provider, eventKey), then acted on: its outcome is applied as is only when the signature
 * covers it (`signedOutcome`); otherwise it is a hint and the provider's status query decides. A callback that
 * can't be verified (unknown reference, bad signature, junk) is recorded and answered the same way each time,
 * and causes no provider call: an unauthenticated post must not spend the merchant's credentials. The
 * reconciler resolves its movement on its own schedule.
 */
export async function receiveCallback(env: PaymentsEnv, provider: string, request: CallbackRequest): Promise<CallbackVerdict> {
  if (!env.registry.has(provider)) return { result: 'unknown_provider' };
  const em = env.em.fork();
  const hint = env.registry.module(provider).facets.callbacks?.hint(request);
  const found = hint ? await findTarget(em, provider, hint) : undefined;
  const verified = found ? await verify(env, em, found, provider, request) : { rejected: 'no movement matches the callback' };
  if ('rejected' in verified) {
    // Logged, not stored: a request answered with an error writes no row (a stranger can't fill the inbox).
    env.log.warn({ provider, reason: verified.rejected, claimed: claimedBy(hint), bytes: request.rawBody.length, sha256: createHash('sha256').update(request.rawBody).digest('hex') }, 'callback rejected: could not be verified');
    return { result: 'rejected' };
  }
  const parsed = verified.parsed;
  const target = await narrowToOperation(em, found!, parsed.operation);
  const stored = await storeVerified(em, provider, target.site, parsed);
  if (!stored.claimed) return { result: 'duplicate', eventId: stored.id };
  try {
    const settled = await act(env, target, parsed);
    await em.nativeUpdate(ProviderEvent, { id: stored.id }, settled ? { processedAt: new Date(), error: null } : { error: 'awaiting the provider' });
    return { result: settled ? 'applied' : 'awaiting_confirmation', eventId: stored.id };
  } catch (error) {
    await em.nativeUpdate(ProviderEvent, { id: stored.id }, { error: error instanceof Error ? error.message : 'apply failed' });
    throw error;
  }
}

type Verified = { parsed: ParsedCallback } | { rejected: string };

async function verify(env: PaymentsEnv, em: EntityManager, found: CallbackTarget, provider: string, request: CallbackRequest): Promise<Verified> {
  const adapter = await adapterFor(env, em, found.site, provider);
  // Answered like any unverifiable callback, so this too can't tell a known reference from an unknown one.
  if (!adapter.callbacks) return { rejected: 'this provider takes no callbacks' };
  try {
    return { parsed: await adapter.callbacks.parse(request) };
  } catch (error) {
    if (error instanceof CallbackVerificationError) return { rejected: error.message };
    throw error;
  }
}

/** Returns whether the movements the callback is about are settled now. */
async function act(env: PaymentsEnv, target: CallbackTarget, parsed: ParsedCallback): Promise<boolean> {
  if (parsed.signedOutcome && parsed.outcome) {
    await applySigned(env, target, parsed.outcome);
    return true;
  }
  await kindOf(target.ref.kind).noteSignedAmount?.(env, target.ref.id, parsed);
  const settled = await confirmWithProvider(env, target);
  // A refund callback naming a settled payment and no open refund of ours: the provider reversed it itself.
  if (parsed.operation === 'refund' && target.ref.kind === 'payment') return (await applyProviderReversal(env, target)) && settled;
  return settled;
}

/** The signature covers the whole outcome (status, movement, amount, currency): its kind applies it under the row lock. */
async function applySigned(env: PaymentsEnv, target: CallbackTarget, outcome: ProviderOutcome): Promise<void> {
  await kindOf(target.ref.kind).apply(env, target.ref.id, outcome, 'callback');
}

/** What an unverified callback claims to be about, cut short: enough to find it in the log, never the body. */
function claimedBy(hint: { reference?: string; providerTransactionId?: string } | undefined) {
  return { reference: hint?.reference?.slice(0, 100), providerTransactionId: hint?.providerTransactionId?.slice(0, 100) };
}
