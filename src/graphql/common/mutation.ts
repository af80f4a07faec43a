import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { IsOptional, Length, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { StoredResponse } from '../../domain/idempotency/idempotency.service';
import type { Scope } from '../../domain/sites/api-key.entity';
import { DomainError } from '../../kernel/errors';
import { callerScope, requireScope } from '../../domain/sites/principal';
import type { Context } from '../context';

/** The same rule as the idempotencyKey input field, for keys sent in the Idempotency-Key header. */
const HEADER_KEY = /^[\x21-\x7e]{1,255}$/;

/** Base of every mutation input; never used directly, so it is not emitted into the schema. */
@InputType('MutationInputBase')
export abstract class MutationInput {
  @Field(() => String, {
    nullable: true,
    description:
      'Retries with the same key and the same input return the stored result (replayed: true); the same key with ' +
      'other input is refused. Overrides the Idempotency-Key header. Kept at least 24 hours.',
  })
  @IsOptional()
  @Length(1, 255)
  @Matches(/^[\x21-\x7e]+$/, { message: 'idempotencyKey must be printable ASCII without spaces' })
  idempotencyKey?: string;
}

/**
 * Every mutation goes through here: scope check, then the work inside one DB transaction under the
 * idempotency key (input field, else the Idempotency-Key header). The work returns ids, not entities, so the
 * same JSON can be stored and replayed; the resolver reads the objects back by id (loadWritten).
 */
export async function runMutation<R extends StoredResponse>(
  ctx: Context,
  options: { operation: string; scope: Scope; input: MutationInput },
  work: (tx: EntityManager) => Promise<R>,
): Promise<R & { replayed: boolean }> {
  const principal = requireScope(ctx.principal, options.scope);
  const { idempotencyKey: _key, ...input } = options.input;
  const { response, replayed } = await ctx.idempotency.run(
    {
      scope: callerScope(principal),
      key: idempotencyKeyOf(ctx, options.input),
      operation: options.operation,
      input: { ...input },
    },
    work,
  );
  return { ...response, replayed };
}

/** The key a mutation runs under: the input field, else the Idempotency-Key header, which is checked here. */
export function idempotencyKeyOf(ctx: Context, input: MutationInput): string | undefined {
  if (input.idempotencyKey !== undefined) return input.idempotencyKey;
  if (ctx.idempotencyKeyHeader !== undefined && !HEADER_KEY.test(ctx.idempotencyKeyHeader)) {
    throw new DomainError('INVALID_IDEMPOTENCY_KEY', 'the Idempotency-Key header must be 1-255 printable ASCII characters without spaces');
  }
  return ctx.idempotencyKeyHeader;
}

/** A row a mutation wrote (or replayed), read back by id inside the acting site; null for an absent id. */
export async function loadWritten<T extends object, R>(
  ctx: Context,
  entity: EntityClass<T>,
  id: unknown,
  toType: (row: T) => R,
  em: EntityManager = ctx.em,
): Promise<R | null> {
  if (typeof id !== 'string') return null;
  const row = await em.findOne(entity, { id } as FilterQuery<NoInfer<T>>);
  return row ? toType(row) : null;
}
