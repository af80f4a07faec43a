import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * The reconciler's schedule for one unsettled row (payment, capture/void, refund or payout): when it may be
 * asked about next, how often it was asked, and whether it was parked. Not money state: a parked payment keeps
 * its status; the marker only tells operators that recovery gave up asking on its own.
 */
@Entity({ tableName: 'reconcile_attempt' })
@Index({ properties: ['nextAttemptAt'] })
export class ReconcileAttempt {
  /** The movement, in its stored form (src/domain/engine/movement-ref.ts formatRef). */
  @PrimaryKey({ type: 'text' })
  resource!: string;

  @Property({ type: 'uuid' })
  siteId!: string;

  @Property({ type: 'integer' })
  attempts: Opt<number> = 0;

  /** Also the lease of the attempt running now: a second job for the row before this time asks nothing. */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  nextAttemptAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  lastAttemptAt?: Date;

  /** Set after the configured number of attempts; the sweep skips the row until an operator clears it. */
  @Property({ type: 'timestamptz', nullable: true })
  parkedAt?: Date | null;
}
