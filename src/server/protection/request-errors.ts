import type { GraphQLError } from 'graphql';

/**
 * Apollo refuses some malformed requests with a GraphQLError that has an HTTP 4xx but no code (an APQ hash
 * that does not match its query, an unknown APQ version); formatError would mask them as internal errors and
 * the log would call them one. They get a code here, in place, as Apollo hands errors to plugins.
 */
const KNOWN: Record<string, string> = {
  'provided sha does not match query': 'PERSISTED_QUERY_HASH_MISMATCH',
  'Unsupported persisted query version': 'PERSISTED_QUERY_VERSION_UNSUPPORTED',
};

export function markCodelessRequestError(error: GraphQLError): void {
  const extensions = error.extensions as Record<string, unknown>;
  if (extensions.code !== undefined) return;
  const status = (extensions.http as { status?: number } | undefined)?.status;
  if (status === undefined || status < 400 || status >= 500) return;
  extensions.code = KNOWN[error.message] ?? 'BAD_REQUEST';
}
