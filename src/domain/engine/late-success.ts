import type { EntityManager } from '@mikro-orm/postgresql';
import type { ProviderOutcome } from '../../providers/provider';
import type { Inquiry, MovementKind } from './movement-kind';
import type { MovementRef } from './movement-ref';
import type { PaymentsEnv } from './payments-env';
import { askStatus } from './provider-status';

/** The failure code of a movement the gateway ended itself: the provider had no record of it for its whole window. */
export const NOT_RECEIVED = 'NOT_RECEIVED_BY_PROVIDER';

/**
 * How a kind corrects a movement the gateway ended by its own inference ("not found" for the provider's whole
 * window; for payments also a customer step that expired) and that the provider made after all. Only the
 * provider's status answer corrects: a callback alone triggers the question (confirm-callback.ts). A row the
 * provider itself ended (its word: declined, failed) never matches and is never reopened; the database refuses
 * any other change of an ended row (integrity-triggers.ts, endedOnceTrigger).
 */
export interface LateSuccess {
  /**
   * SQL condition on the kind's table: the rows ended by inference that the reconciler looks at again, and that
   * a callback about them (or their payment) makes the gateway ask about: those the provider had no record of.
   */
  readonly endedWhere: string;
  /** The status question about this row while it is ended by inference; undefined otherwise. */
  inquiry(em: EntityManager, id: string): Promise<Inquiry | undefined>;
  /**
   * Under the row lock (lock, then read): a row still ended by inference whose provider says it was made becomes
   * SUCCEEDED, the money derived from it is counted, a `late_success` event is recorded and an error is logged.
   * Returns whether it moved; an answer that does not say "made" changes nothing.
   */
  correct(env: PaymentsEnv, id: string, outcome: ProviderOutcome): Promise<boolean>;
  /** For a kind made on a parent (refunds, captures): the parent's rows ended by inference, for its callbacks. */
  endedOf?(em: EntityManager, parentId: string): Promise<MovementRef[]>;
}

/**
 * Asks the provider about a row its kind ended by inference and corrects it if the provider made it. Returns
 * false when the row is not ended by inference (the caller resolves it as usual), true once it was asked about.
 */
export async function resolveInferredEnd(env: PaymentsEnv, kind: MovementKind, id: string): Promise<boolean> {
  const late = kind.lateSuccess;
  if (!late) return false;
  const em = env.em.fork();
  const inquiry = await late.inquiry(em, id);
  if (!inquiry) return false;
  const outcome = await askStatus(env, em, inquiry.site, inquiry.provider, inquiry.request);
  if (outcome) await late.correct(env, id, outcome);
  return true;
}

/** Whether this row is one its kind ended by inference (its `endedWhere`), read without a lock. */
export async function isEndedByInference(em: EntityManager, kind: MovementKind, id: string): Promise<boolean> {
  if (!kind.lateSuccess) return false;
  const rows = await em.getConnection().execute<unknown[]>(`select 1 from "${kind.table}" where id = ? and (${kind.lateSuccess.endedWhere})`, [id]);
  return rows.length > 0;
}

/** What operators read in the error log, and the event's message: the same words for every kind. */
export function lateSuccessLogged(env: PaymentsEnv, movement: string, fields: Record<string, unknown>): string {
  const message = `the provider reports this ${movement} made after the gateway had ended it (${String(fields.inferred)})`;
  env.log.error({ movement, ...fields }, `late provider success: a ${movement} the gateway had ended was made by the provider; its status now follows the provider`);
  return message;
}
