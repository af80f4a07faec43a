import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { PubSub } from 'type-graphql';
import type { LiveChanges } from '../../domain/live/live-changes';
import { scopedTo } from '../../domain/tenancy';
import type { Context } from '../context';
import { createLoaders } from '../loaders';

/** A subscription's context: the connection's principal, as for a request, plus the instance's live changes. */
export interface SubscriptionContext extends Context {
  live: LiveChanges;
}

/**
 * A subscription lives for minutes or hours, and a request's EntityManager and DataLoaders cache what they
 * read: each emission gets fresh ones (still scoped to the acting site), so the second emission does not show
 * the first one's rows. graphql-ws executes an emission completely before it asks for the next.
 */
export function freshen(ctx: SubscriptionContext): SubscriptionContext {
  const em = scopedTo(ctx.deps.orm.em as EntityManager, ctx.principal.actingSiteId);
  ctx.em = em;
  ctx.loaders = createLoaders(em);
  return ctx;
}

/** Another site's id, an id of another type and a malformed id are all "not found", as for node(id:). */
export function notFound(type: string): GraphQLError {
  return new GraphQLError(`no ${type} with this id in the acting site`, { extensions: { code: 'NOT_FOUND' } });
}

/**
 * type-graphql refuses to build a schema with subscriptions unless given a PubSub, though every subscription
 * here brings its own `subscribe` (changes arrive through PostgreSQL, see live-changes.ts). This one is never
 * used, and says so if it ever is.
 */
export const noPubSub: PubSub = {
  publish: () => {
    throw new Error('subscriptions are fed by PostgreSQL (live-changes.ts), not by publish');
  },
  subscribe: () => {
    throw new Error('every subscription declares its own subscribe');
  },
};
