import { getOperationAST, GraphQLError, parse, specifiedRules, validate, type ExecutionArgs, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import type { Config } from '../../config/config';
import type { Logger } from '../logger';
import { maskError } from '../graphql';
import { safeStringLiteralsRule } from '../protection/input-guard';
import { queryLimitRules, tokenLimitParseOptions } from '../protection/query-limits';
import { isSafeError } from '../protection/request-log.plugin';

/**
 * Parse and validate as HTTP does (token, depth, alias and directive limits; card data in literals refused),
 * and run only subscriptions: queries and mutations go to POST /graphql, where idempotency keys, cost budgets
 * and Accept checks apply. Errors carry Apollo's codes so they pass the same masking.
 */
export function subscriptionOnly(schema: GraphQLSchema, limits: Config['graphql'], payload: SubscribePayload, tooMany: boolean): ExecutionArgs | readonly GraphQLError[] {
  if (tooMany) return [refusal('too many subscriptions on this connection', 'TOO_MANY_SUBSCRIPTIONS')];
  let document;
  try {
    document = parse(payload.query, tokenLimitParseOptions(limits));
  } catch (error) {
    if (error instanceof GraphQLError) return [withCode(error, 'GRAPHQL_PARSE_FAILED')];
    throw error;
  }
  const errors = validate(schema, document, [...specifiedRules, ...queryLimitRules(limits), safeStringLiteralsRule]);
  if (errors.length) return errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
  const operation = getOperationAST(document, payload.operationName);
  if (operation?.operation !== 'subscription') {
    return [refusal('only subscriptions run over WebSocket; send queries and mutations to POST /graphql', 'BAD_REQUEST')];
  }
  return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
}

/** The HTTP edge's masking (maskError): unexpected errors become "Internal server error" with a correlation id, logged in full. */
export function formatErrors(errors: readonly GraphQLError[], correlationId: string, log: Logger): GraphQLFormattedError[] {
  return errors.map((error) => {
    const formatted = error.toJSON();
    if (isSafeError(error.extensions?.code)) return maskError(formatted, error);
    log.error({ err: error.originalError ?? error, correlationId }, 'internal error in a subscription');
    return maskError({ ...formatted, extensions: { ...formatted.extensions, correlationId } }, error);
  });
}

function refusal(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return error.extensions?.code ? error : new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, originalError: error.originalError, extensions: { ...error.extensions, code } });
}
