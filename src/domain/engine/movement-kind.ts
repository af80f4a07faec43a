import type { EntityManager } from '@mikro-orm/postgresql';
import type { OperationKind, ParsedCallback, ProviderOutcome, StatusRequest } from '../../providers/provider';
import type { StoredResponse } from '../idempotency/idempotency.service';
import type { Site } from '../sites/site.entity';
import type { LateSuccess } from './late-success';
import type { MovementKindName, MovementRef } from './movement-ref';
import type { PaymentsEnv } from './payments-env';
import type { StepDeclaration } from './steps';

/** A movement found by what a provider's callback names. */
export interface FoundMovement {
  ref: MovementRef;
  site: Site;
}

/** What the engine needs to ask the provider about one open row: read from the row, never sent twice. */
export interface Inquiry {
  site: Site;
  provider: string;
  request: StatusRequest;
}

/** The row as the engine reads it to resolve it: its answer, and the question to ask while it is open. */
export interface RowView {
  answer: StoredResponse;
  /** Absent once the movement is final: nothing is asked. */
  inquiry?: Inquiry;
}

/** An open movement and how old it is: one younger than the provider deadline still has its call in flight. */
export interface OpenMovement {
  ref: MovementRef;
  status: string;
  /** When its provider call started (database clock): a PENDING row younger than a call deadline is in flight. */
  callStartedAt: Date;
}

/** Where the reconciler finds due rows of this kind: the SQL condition on its table and the time it is due from. */
export interface DueRows {
  /** A condition on the kind's table; `:after` is "older than the sweep's age", `:pendingAfter` "older than one provider deadline". */
  where: string;
  since: 'updated_at' | 'created_at';
}

/**
 * One kind of money movement (a payment, a capture or void, a refund, a payout), declared once and registered
 * in src/domain/engine/kinds.ts. The engine's generic paths — the reconciler's sweep, resolving a row after a
 * crash or a callback, the callback inbox, the idempotency answer, the backlog gauges — iterate over the
 * registered kinds and call these members; none of them names a kind.
 */
export interface MovementKind {
  readonly name: MovementKindName;
  /** The SQL table of its rows; every row has id, site_id, status, created_at, updated_at, call_started_at. */
  readonly table: string;
  /** Statuses the provider (or the customer) may still move. */
  readonly openStatuses: readonly string[];
  /** The state fields (phase 1's) that make its answer while unsettled, its own id first: ['refundId', 'transactionId']. */
  readonly answerFields: readonly string[];
  readonly due: DueRows;
  /** The steps of a movement with more than one provider call (src/domain/engine/steps.ts); absent = one call. */
  readonly steps?: readonly StepDeclaration[];
  /** Reads the row (unlocked) for resolving; undefined when there is no such row. */
  view(em: EntityManager, id: string): Promise<RowView | undefined>;
  /**
   * Applies an outcome learnt outside the provider call (status query, signed callback). The kind locks
   * first (lock before read, so two appliers of one result count it once) and changes only an open row.
   */
  apply(env: PaymentsEnv, id: string, outcome: ProviderOutcome, source: string): Promise<void>;
  /** A verified callback's signed amount, for a kind that records one beside its row (payments do). */
  noteSignedAmount?(env: PaymentsEnv, id: string, parsed: ParsedCallback): Promise<void>;
  /** A kind whose resolution has rules of its own (late successes, customer-step expiry) replaces the generic one. */
  resolve?(env: PaymentsEnv, id: string): Promise<StoredResponse>;
  /** How a row the gateway ended by inference is corrected when the provider made it after all (late-success.ts). */
  readonly lateSuccess?: LateSuccess;
  /** For callbacks: the row carrying our reference, or the provider's id. */
  findByReference(em: EntityManager, provider: string, reference: string): Promise<FoundMovement | undefined>;
  findByProviderId?(em: EntityManager, provider: string, providerId: string): Promise<FoundMovement | undefined>;
  /** This row, when it is open. */
  openRow(em: EntityManager, id: string): Promise<OpenMovement | undefined>;
  /**
   * A movement made on another one (a capture, void or refund on a payment). A provider may name the parent in
   * a callback about the child, so the callback inbox looks for the parent's open children too.
   */
  readonly child?: {
    of: MovementKindName;
    /** The provider operations a row of this kind is (a callback says which one it is about). */
    operations: readonly OperationKind[];
    /** The parent's open rows of this kind, newest first, of one operation when given. */
    openOf(em: EntityManager, parentId: string, operation?: OperationKind): Promise<OpenMovement[]>;
  };
}
