import type { EntityManager } from '@mikro-orm/postgresql';
import { DeclineReasonCode, type ProviderOutcome, type StatusRequest } from '../../providers/provider';
import type { Site } from '../sites/site.entity';
import { ageInDatabaseMs } from './database-clock';
import { adapterFor, deadlineOf, type PaymentsEnv } from './payments-env';
import { callProvider, type CallResult } from './provider-call';
import { DEFAULT_NOT_FOUND_FINAL_AFTER_MS } from './recovery-policy';

/** Asks the provider where a movement stands; undefined when it did not answer (the reconciler asks again). */
export async function askStatus(env: PaymentsEnv, em: EntityManager, site: Site, provider: string, request: StatusRequest): Promise<ProviderOutcome | undefined> {
  const adapter = await adapterFor(env, em, site, provider);
  const result = await callProvider(deadlineOf(env), (options) => adapter.payments.status(request, options));
  if (result.kind === 'error') {
    env.log.warn({ provider, reference: request.reference, code: result.error.code }, 'status query failed; will retry');
    return undefined;
  }
  return result.outcome;
}

/**
 * "Not found" at the provider is final only once the provider's declared window (ProviderModule
 * notFoundFinalAfterMs, hours) has passed: a provider may take in a request and process it much later, and a
 * payment failed in between is a card charged with no order behind it. Without the provider's key, the
 * longest window of any registered provider applies. RECOVERY (configuration) may override it for tests.
 * The age is measured by the database's clock, which wrote callStartedAt (set as phase 1 committed), not by this instance's.
 */
export async function notFoundIsFinal(env: PaymentsEnv, em: EntityManager, callStartedAt: Date, provider?: string): Promise<boolean> {
  return (await ageInDatabaseMs(em, callStartedAt)) > Math.max(deadlineOf(env), notFoundWindowMs(env, provider));
}

function notFoundWindowMs(env: PaymentsEnv, provider?: string): number {
  if (env.recovery?.notFoundFinalAfterMs !== undefined) return env.recovery.notFoundFinalAfterMs;
  const keys = provider && env.registry.has(provider) ? [provider] : env.registry.list().map((p) => p.key);
  return Math.max(0, ...keys.map((key) => env.registry.module(key).notFoundFinalAfterMs ?? DEFAULT_NOT_FOUND_FINAL_AFTER_MS));
}

/** A "not found" past its window is a failure of the movement; before it, the answer stays as it is (pending). */
export async function notFoundAsFailure(env: PaymentsEnv, tx: EntityManager, outcome: ProviderOutcome, callStartedAt: Date): Promise<CallResult> {
  if (outcome.status !== 'not_found' || !(await notFoundIsFinal(env, tx, callStartedAt))) return { kind: 'outcome', outcome };
  return { kind: 'outcome', outcome: { status: 'failed', code: 'NOT_RECEIVED_BY_PROVIDER', reason: 'the provider has no record of this operation', reasonCode: DeclineReasonCode.PROCESSING_ERROR } };
}
