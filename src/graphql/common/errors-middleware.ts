import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { ArgumentValidationError, type MiddlewareFn } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { AuthError, DomainError } from '../../kernel/errors';
import { MoneyParseError } from '../../kernel/money';
import { ProviderError, userErrorCodeOf } from '../../providers/provider-errors';
import type { Context } from '../context';
import type { UserError } from './user-error.type';

/**
 * Expected failures become data: on mutations, DomainErrors and input validation errors are returned as
 * `userErrors` in the payload (Pothos errors-plugin semantics); on queries they are GraphQL errors with the
 * same code. Auth errors are always top-level. Anything else propagates and is masked by formatError.
 */
export const ErrorsMiddleware: MiddlewareFn<Context> = async ({ info }, next) => {
  try {
    return await next();
  } catch (error) {
    return resolverErrorResult(error, info);
  }
};

/** What a resolver's failure becomes (a mutation's payload, or a thrown error); shared with lean-field-resolvers.ts. */
export function resolverErrorResult(error: unknown, info: GraphQLResolveInfo): { userErrors: UserError[]; replayed: false } {
  if (error instanceof AuthError) {
    throw new GraphQLError(error.message, { extensions: { code: error.code } });
  }
  const mutation = info.parentType.name === 'Mutation';
  // A mutation's fields sit under its single `input` argument; a query's arguments are named directly.
  const userErrors = toUserErrors(error, mutation ? ['input'] : []);
  if (!userErrors) throw error;
  if (mutation) return { userErrors, replayed: false };
  const [first] = userErrors;
  throw new GraphQLError(first.message, { extensions: { code: first.code, field: first.field, ...(first.providerCode ? { providerCode: first.providerCode } : {}) } });
}

export function toUserErrors(error: unknown, argumentPath: string[] = ['input']): UserError[] | undefined {
  if (error instanceof DomainError) return [{ code: error.code, field: error.field, message: error.message, providerCode: error.providerCode }];
  if (error instanceof MoneyParseError) return [{ code: error.problem, message: error.message }];
  // Refused for good before anything moved (credentials that cannot make a call, e.g. a PayNearMe client site
  // without a 3PPP): the provider's client-safe message, on the provider field.
  if (error instanceof ProviderError && error.kind === 'final') return [{ ...userErrorCodeOf(error), field: [...argumentPath, 'provider'], message: error.message }];
  if (error instanceof ArgumentValidationError) {
    return flatten(error.extensions.validationErrors as ValidationError[], argumentPath);
  }
  return undefined;
}

function flatten(errors: ValidationError[], base: string[]): UserError[] {
  return errors.flatMap((e) => {
    const path = base[0] === 'input' && e.property === 'input' ? base : [...base, e.property];
    const own = Object.values(e.constraints ?? {}).map((message): UserError => ({ code: 'INVALID_INPUT', field: path, message }));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}
