import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

export enum IdempotencyState {
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
}

/**
 * One claimed idempotency key (Stripe semantics). `scope` is the caller (principal site + acting site), so two
 * tenants never see each other's keys. Kept at least 24 h (see idempotency.service.ts).
 */
@Entity({ tableName: 'idempotency_record' })
@Unique({ properties: ['scope', 'key'] })
export class IdempotencyRecord {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  scope!: string;

  @Property({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  operation!: string;

  /** SHA-256 of the canonical input, card data included only as its hash. */
  @Property({ type: 'text' })
  requestHash!: string;

  @Enum({ items: () => IdempotencyState })
  state: Opt<IdempotencyState> = IdempotencyState.IN_PROGRESS;

  /**
   * The stored result: ids and userErrors, replayed by loading the same ids again. While IN_PROGRESS with a
   * resource, the ids of that resource: the answer a retry gets before the owner finishes.
   */
  @Property({ type: 'jsonb', nullable: true })
  response?: Record<string, unknown>;

  /** The resource the operation created, so a retry after a crash finds it (type + id). */
  @Property({ type: 'text', nullable: true })
  resource?: string;

  /** Fencing token of the request that holds the claim; a takeover replaces it, so the old owner can write nothing more. */
  @Property({ type: 'uuid', nullable: true })
  owner?: string;

  /** The owner's heartbeat: a claim whose heartbeat is older than the takeover age may be taken over. */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  lockedAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Index()
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;
}
