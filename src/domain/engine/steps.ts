import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * One provider call of a movement made in several (validate → pay out; pay → customer → complete; tokenize
 * and pay). Each step is its own phase with its own recovery point: the row's `step` (or, for payments, its
 * status) says which call is in flight or was last made, and is committed before that call is sent.
 */
export interface StepDeclaration {
  name: string;
  /**
   * A step that moves money is sent at most once: once begun, recovery only asks the provider about it. A
   * step that moves none (a validation, a fee quote) may be asked about or sent again.
   */
  movesMoney: boolean;
  /** How recovery learns this step's outcome: the provider's status query, or the customer (then expiry). */
  recovery: 'status' | 'customer';
}

/**
 * Begins `to` on a row whose step is `from` and whose status is `status`, in one conditional statement
 * committed before the call: of two callers (a live request and the reconciler, two instances) exactly one
 * wins and sends the step; the other sends nothing. The call starts now on the database clock, so "not
 * found" for this step is judged from here.
 */
export async function beginStep(em: EntityManager, entity: EntityName<object>, id: string, step: { from: string; to: string; status: string | readonly string[] }): Promise<boolean> {
  const table = em.getMetadata().get(entity).tableName;
  const statuses = typeof step.status === 'string' ? [step.status] : [...step.status];
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `update "${table}" set step = ?, call_started_at = clock_timestamp(), updated_at = now()
      where id = ? and step = ? and status in (${statuses.map(() => '?').join(', ')}) returning id`,
    [step.to, id, step.from, ...statuses],
  );
  return rows.length === 1;
}
