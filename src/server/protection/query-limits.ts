import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';
import type { Config } from '../../config/config';

export type QueryLimit = 'depth' | 'cost' | 'aliases' | 'directives' | 'tokens';

export const QUERY_LIMIT_CODE = 'QUERY_LIMIT_EXCEEDED';

/** A query refused for its size or shape: always a 400, whatever the client accepts (it is not a schema error). */
export class QueryLimitError extends GraphQLError {
  constructor(
    readonly limit: QueryLimit,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code: QUERY_LIMIT_CODE, limit, ...details, http: { status: 400 } } });
  }
}

/** Directives have no business use here; armor's default ceiling only stops directive-flooding. */
const MAX_DIRECTIVES = 50;

/**
 * Depth, alias and directive limits as validation rules (graphql-armor's visitors). Depth counts fields only
 * (flattenFragments): a fragment adds no nesting to the result, and counting it made the repository's own
 * trusted documents too deep once NextAction became a union, whose variants can only be selected in fragments. Armor's own errors say
 * "Syntax Error: …", which is wrong for a well-formed query, so rejection reports our error instead.
 * The cost limit needs the request's variables, which validation never sees: see query-cost.plugin.ts.
 */
export function queryLimitRules(limits: Config['graphql']): ValidationRule[] {
  const reject = (limit: QueryLimit) => ({
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(new QueryLimitError(limit, readable(error.message))),
    ],
  });
  return [
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ...reject('depth') }),
    maxAliasesRule({ n: limits.maxAliases, ...reject('aliases') }),
    maxDirectivesRule({ n: MAX_DIRECTIVES, ...reject('directives') }),
  ] as ValidationRule[];
}

function readable(message: string): string {
  return message.replace(/^Syntax Error: /, '');
}

/**
 * graphql-js stops the lexer itself at maxTokens, before any parse tree is built. (Armor's Apollo token plugin
 * throws from a hook instead, which Apollo answers with a 500.)
 */
export function tokenLimitParseOptions(limits: Config['graphql']): ParseOptions {
  return { maxTokens: limits.maxTokens };
}

const TOKEN_LIMIT = /^Syntax Error: Document contains more that (\d+) tokens\. Parsing aborted\.$/;

/**
 * Gives limit errors their own code, in place, as Apollo hands them to plugins: Apollo wraps validation errors
 * under GRAPHQL_VALIDATION_FAILED and the token limit arrives as a parse error. Returns whether it was one.
 */
export function markQueryLimitError(error: GraphQLError): boolean {
  const extensions = error.extensions as Record<string, unknown>;
  const token = TOKEN_LIMIT.exec(error.message);
  if (token) {
    error.message = `Query token limit of ${token[1]} exceeded.`;
    extensions.limit = 'tokens';
  } else if (!(error.originalError instanceof QueryLimitError) && !(error instanceof QueryLimitError)) {
    return false;
  }
  extensions.code = QUERY_LIMIT_CODE;
  return true;
}
