import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import Negotiator from 'negotiator';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from './database-unavailable';
import { QUERY_LIMIT_CODE } from './query-limits';

/** Errors about the request document or its variables, before anything ran. */
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE']);

/**
 * GraphQL over HTTP: a client that negotiates `application/json` reads errors from the body and SHOULD get 200
 * for parse, validation and variable errors; `application/graphql-response+json` gets 400 (Apollo answers 400
 * to both). Query limits stay 400 for everyone: they are a server policy, not a mistake in the document.
 * A request without Accept keeps 400 so that scripts and curl users see a plain 4xx for a broken query.
 * An operation that failed because the database could not be reached is 503 with Retry-After.
 */
export function responseStatusPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(requestContext) {
          const { response, errors } = requestContext;
          if (errors?.some(isDatabaseUnavailable)) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
            return;
          }
          if (response.http.status !== 400 || !errors?.length) return;
          if (!errors.every(isRequestError)) return;
          if (negotiatesPlainJson(requestContext)) response.http.status = 200;
        },
      };
    },
  };
}

function isRequestError(error: GraphQLError): boolean {
  const code = error.extensions?.code;
  return typeof code === 'string' && code !== QUERY_LIMIT_CODE && REQUEST_ERROR_CODES.has(code);
}

function negotiatesPlainJson(requestContext: GraphQLRequestContext<object>): boolean {
  const accept = requestContext.request.http?.headers.get('accept');
  if (!accept) return false;
  const preferred = new Negotiator({ headers: { accept } }).mediaType(['application/json', 'application/graphql-response+json']);
  return preferred === 'application/json';
}
