import type { GraphQLRequestContext } from '@apollo/server';
import { redactSecrets } from '../../security/scrub';
import { mapVariables } from './input-positions';

/**
 * The variables of a failed operation as they may be logged. Card data is found by where it lands in the
 * schema (anything passed to a CardInput or to card.number/card.cvc, however the client named its
 * variables: `$csc`, `$cvn`, `$cvvCode`), then every other string and number is masked by value (any 13–19
 * digit run however it is spaced, Luhn or not) and by secret-looking key. A document that never resolved to an
 * operation gives no positions, so its variables are not logged at all, only their names.
 */
export function loggableVariables(requestContext: GraphQLRequestContext<object>): unknown {
  const { schema, document, operation, request } = requestContext;
  const variables = request.variables;
  if (!variables) return undefined;
  if (!document || !operation) {
    return redactSecrets(Object.fromEntries(Object.keys(variables).map((name) => [name, '[not logged: no operation resolved]'])), { suspicious: true });
  }
  const positioned = mapVariables(schema, document, operation, variables, {
    leaf: (value, _path, position) => (position === 'card' ? '[redacted]' : value),
    key: (key) => key,
  });
  return redactSecrets(positioned, { suspicious: true });
}
