import type { ApolloServerPlugin } from '@apollo/server';
import { assertNever } from '../../domain/assert-never';
import { MAX_EXPANDED_SELECTIONS, operationCost } from './query-cost';
import { QueryLimitError } from './query-limits';

/**
 * The cost limit, checked once the operation is known and before anything executes. It is not a validation
 * rule because the cost depends on variables (`first: $n`), and Apollo validates a document once and caches
 * the verdict for every later request with other variables. A refused operation is a 400 QUERY_LIMIT_EXCEEDED
 * naming its cost and the limit; an executed one reports its cost in `extensions.cost`.
 */
export function queryCostPlugin<C extends object>(maxCost: number): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      let requested: number | undefined;
      return {
        async didResolveOperation({ schema, document, operation, request }) {
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
              requested = result.cost;
              return;
            default:
              assertNever(result);
          }
        },
        async willSendResponse({ response }) {
          if (requested === undefined || response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          singleResult.extensions = { ...singleResult.extensions, cost: { requested, limit: maxCost } };
        },
      };
    },
  };
}
