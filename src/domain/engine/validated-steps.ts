import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ProviderOutcome } from '../../providers/provider';
import type { PaymentsEnv } from './payments-env';
import type { CallResult } from './provider-call';
import { beginStep, type StepDeclaration } from './steps';

/**
 * A movement whose provider checks it before it moves money (paysafecard payouts and refunds): a validation
 * (moves nothing) and then the money step of a validated row, each its own recovery point. The kind says how
 * to record an answer, send its money step from the row alone, and ask about the step on the row.
 */
export interface ValidatedMovement {
  entity: EntityName<object>;
  /** The status of a row whose validation the provider accepted. */
  validated: string;
  steps: { validate: string; money: string };
  /** Records a call's answer (either step) under the row lock; only an open row changes. */
  record(env: PaymentsEnv, id: string, result: CallResult): Promise<void>;
  /** Sends the money step, built from the row (no card: it is never stored). */
  sendMoneyStep(env: PaymentsEnv, em: EntityManager, id: string): Promise<CallResult>;
  /**
   * The row as recovery sees it; undefined once it is final. `held`: validated only, it waits for the caller's
   * own request for the money step (createPayout validateOnly → capturePayout), which recovery never sends.
   */
  openRow(em: EntityManager, id: string): Promise<{ step?: string; status: string; held?: boolean } | undefined>;
  /** The provider's answer about the step on the row; undefined when it could not be asked now. */
  ask(env: PaymentsEnv, em: EntityManager, id: string): Promise<ProviderOutcome | undefined>;
}

export const validatedSteps = (steps: ValidatedMovement['steps']): readonly StepDeclaration[] => [
  { name: steps.validate, movesMoney: false, recovery: 'status' },
  { name: steps.money, movesMoney: true, recovery: 'status' },
];

/**
 * The money step of a validated row, sent at most once: beginStep moves the row from the validation to the
 * money step in one committed, conditional statement before the call, so of the live request and the
 * reconciler (or two instances) only one sends it, and after a crash the row shows it may have been sent.
 */
export async function sendMoneyStep(env: PaymentsEnv, kind: ValidatedMovement, id: string): Promise<void> {
  const em = env.em.fork();
  const begun = await beginStep(em, kind.entity, id, { from: kind.steps.validate, to: kind.steps.money, status: kind.validated });
  if (!begun) return;
  await kind.record(env, id, await kind.sendMoneyStep(env, em, id));
}

/**
 * Recovers a row in steps: a validated row whose money step never began gets it now (nothing moved yet, so it
 * is sent once); otherwise the provider is asked about the step on the row, which is never sent again. A
 * validation the answer confirms goes on to its money step, unless the row is held for its caller.
 */
export async function resolveValidated(env: PaymentsEnv, kind: ValidatedMovement, id: string): Promise<void> {
  const em = env.em.fork();
  const row = await kind.openRow(em, id);
  if (!row) return;
  if (!(row.step === kind.steps.validate && row.status === kind.validated)) {
    const outcome = await kind.ask(env, em, id);
    if (!outcome) return;
    await kind.record(env, id, { kind: 'outcome', outcome });
  }
  if (!row.held) await sendMoneyStep(env, kind, id);
}
