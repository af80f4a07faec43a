import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import type { EntityManager } from '@mikro-orm/postgresql';
import { documentHash } from '../../client/trusted-documents';
import type { ClientTokenGrant } from '../../domain/sites/principal';
import { checkClientTokenOperation } from '../client-tokens/client-token-gate.plugin';
import { NOT_TRUSTED, TRUSTED_DOCUMENTS } from '../client-tokens/trusted-documents';
import type { Config } from '../../config/config';
import type { Logger } from '../logger';
import { maskError } from '../graphql';
import { safeStringLiteralsRule } from '../protection/input-guard';
import { MAX_EXPANDED_SELECTIONS, operationCost } from '../protection/query-cost';
import { QueryLimitError, queryLimitRules, tokenLimitParseOptions } from '../protection/query-limits';
import { isSafeError } from '../protection/request-log.plugin';

/**
 * Parse and validate as HTTP does (token, depth, alias, directive and cost limits; card data in literals refused),
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
  const costly = overCost(schema, limits.maxCost, document, operation, payload.variables ?? undefined);
  if (costly) return [costly];
  return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
}

export function isErrors(args: ExecutionArgs | readonly GraphQLError[]): args is readonly GraphQLError[] {
  return Array.isArray(args);
}

/**
 * A client token's subscription passes what its HTTP requests pass: a trusted document (by the hash of its exact
 * text) and the client-token gate (its order, that order's transactions). Undefined when it may run.
 */
export async function clientTokenRefusal(schema: GraphQLSchema, args: ExecutionArgs, payload: SubscribePayload, grant: ClientTokenGrant, em: EntityManager): Promise<ExecutionArgs | readonly GraphQLError[]> {
  if (!TRUSTED_DOCUMENTS[documentHash(payload.query)]) {
    return [refusal('client tokens may run only the trusted documents (schema/trusted-documents.json): send a registered operation\'s exact text', NOT_TRUSTED)];
  }
  const operation = getOperationAST(args.document, args.operationName)!;
  try {
    await checkClientTokenOperation(schema, operation, (args.variableValues ?? {}) as Record<string, unknown>, grant, em);
  } catch (error) {
    if (error instanceof GraphQLError) return [error];
    throw error;
  }
  return args;
}

/** The HTTP cost limit, applied to what one message of the subscription may resolve. */
function overCost(schema: GraphQLSchema, maxCost: number, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): QueryLimitError | undefined {
  const result = operationCost(schema, document, operation, variables);
  if (result.kind === 'too-many-selections') return new QueryLimitError('cost', `Query cost cannot be computed: more than ${MAX_EXPANDED_SELECTIONS} selections once fragments are expanded.`);
  if (result.kind === 'cost' && result.cost > maxCost) return new QueryLimitError('cost', `Query cost limit of ${maxCost} exceeded, found ${result.cost}.`, { cost: { requested: result.cost, limit: maxCost } });
  return undefined;
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
