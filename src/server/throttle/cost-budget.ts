import { GraphQLError } from 'graphql';
import type { Config } from '../../config/config';
import type { Context } from '../../graphql/context';
import type { CostThrottle } from '../protection/query-cost.plugin';
import { THROTTLED } from './auth-failures';
import { TokenBuckets, type BucketStatus } from './token-buckets';

/** The per-API-key budget of query cost (Shopify's leaky bucket): an operation spends what it requested. */
export interface CostBudget {
  /** Spends `cost` from the key's bucket, or throws a 429 THROTTLED error that spends nothing. */
  spend(key: string, cost: number): BucketStatus;
  status(key: string): BucketStatus;
}

export function costBudget(config: Config['throttle']): CostBudget | undefined {
  if (!config.enabled) return undefined;
  const buckets = new TokenBuckets(config.costMaximum, config.costRestorePerSecond);
  return {
    spend(key, cost) {
      if (buckets.take(key, cost)) return buckets.status(key);
      const retryAfter = buckets.retryAfterSeconds(key, cost);
      const throttleStatus = buckets.status(key);
      throw new GraphQLError(`Throttled: this operation costs ${cost}, this API key has ${throttleStatus.currentlyAvailable} available; retry in ${retryAfter} s.`, {
        extensions: {
          code: THROTTLED,
          cost: { requested: cost, throttleStatus },
          http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) },
        },
      });
    },
    status: (key) => buckets.status(key),
  };
}

/**
 * The throttle the GraphQL route uses: one budget per API key (a partner's key has one budget for all its sites),
 * and one per client token, so the browsers of a checkout never spend their merchant server's budget.
 */
export function costThrottle(config: Config['throttle']): CostThrottle<Context> | undefined {
  const budget = costBudget(config);
  return budget && { budget, keyOf: (context) => context.principal.clientToken?.id ?? context.principal.apiKeyId };
}
