import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyBaseLogger } from 'fastify';
import type { GraphQLError } from 'graphql';
import { clientSafeMessage } from './client-message';
import { markQueryLimitError } from './query-limits';
import { markCodelessRequestError } from './request-errors';
import { loggableVariables } from './loggable-variables';

interface LogContext {
  requestId: string;
  log: FastifyBaseLogger;
}

/** Errors that carry a code of ours (or of GraphQL's validation) are meant for the client; others are masked. */
export function isSafeError(code: unknown): boolean {
  return typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR';
}

/**
 * One log line per GraphQL operation (name, type, duration, error codes; variables only when it failed, with
 * card data redacted by position and value: see loggable-variables.ts). Unexpected errors are logged in full
 * with the request id, which the client gets as `correlationId`, so support can find the line from the response.
 */
export function requestLogPlugin<C extends LogContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (markQueryLimitError(error)) continue;
            markCodelessRequestError(error);
            if (isSafeError(error.extensions?.code)) continue;
            (error.extensions as Record<string, unknown>).correlationId = contextValue.requestId;
            contextValue.log.error({ err: error.originalError ?? error, correlationId: contextValue.requestId }, 'internal error');
          }
        },
        async willSendResponse(requestContext) {
          const { request, operation, errors, response } = requestContext;
          const failed = Boolean(errors?.length);
          contextValue.log[failed ? 'warn' : 'info'](
            {
              graphql: {
                operationName: request.operationName ?? operation?.name?.value,
                operationType: operation?.operation,
                status: response.http.status ?? 200,
                durationMs: Number(process.hrtime.bigint() - started) / 1e6,
                errors: errors?.map(summarize),
                variables: failed ? loggableVariables(requestContext) : undefined,
              },
            },
            failed ? 'graphql operation failed' : 'graphql operation',
          );
        },
      };
    },
  };
}

function summarize(error: GraphQLError): { code: unknown; message: string; path?: readonly (string | number)[] } {
  const code = error.extensions?.code;
  return { code, message: isSafeError(code) ? clientSafeMessage(error) : 'Internal server error', path: error.path };
}
