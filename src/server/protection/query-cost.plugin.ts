import type { ApolloServerPlugin } from '@apollo/server';
import { assertNever } from '../../kernel/assert-never';
import { MAX_EXPANDED_SELECTIONS, operationCost } from './query-cost';
import { QueryLimitError } from './query-limits';
import type { CostBudget } from '../throttle/cost-budget';
import type { BucketStatus } from '../throttle/token-buckets';

/** When throttling is on: the budget, and whose bucket an operation spends from (its API key). */
export interface CostThrottle<C> {
  budget: CostBudget;
  keyOf(context: C): string;
}

/**
 * The cost limit, checked once the operation is known and before anything executes. It is not a validation
 * rule because the cost depends on variables (`first: $n`), and Apollo validates a document once and caches
 * the verdict for every later request with other variables. A refused operation is a 400 QUERY_LIMIT_EXCEEDED
 * naming its cost and the limit; an executed one reports its cost in `extensions.cost`. With a throttle, the
 * cost is also spent from the key's budget first (429 THROTTLED when it is short), and `extensions.cost`
 * carries the budget left (`throttleStatus`).
 */
export function queryCostPlugin<C extends object>(maxCost: number, throttle?: CostThrottle<C>): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      let requested: number | undefined;
      let throttleStatus: BucketStatus | undefined;
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          const result = operationCost(schema, document, operation, request.variables);
          switch (result.kind) {
            case 'invalid-variables':
              return;
            case 'too-many-selections':
              throw new QueryLimitError('cost', `Query cost cannot be computed: more than ${MAX_EXPANDED_SELECTIONS} selections once fragments are expanded.`);
            case 'cost':
              if (result.cost > maxCost) {
                throw new QueryLimitError('cost', `Query cost limit of ${maxCost} exceeded, found ${result.cost}.`, {
                  cost: { requested: result.cost, limit: maxCost },
                });
              }
              throttleStatus = throttle?.budget.spend(throttle.keyOf(contextValue), result.cost);
              requested = result.cost;
              return;
            default:
              assertNever(result);
          }
        },
        async willSendResponse({ response }) {
          if (requested === undefined || response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          singleResult.extensions = { ...singleResult.extensions, cost: { requested, limit: maxCost, ...(throttleStatus && { throttleStatus }) } };
        },
      };
    },
  };
}
