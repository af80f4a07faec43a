import { GraphQLError } from 'graphql';
import type { AuthCheckerFn } from 'type-graphql';
import { AuthError } from '../../kernel/errors';
import type { Scope } from '../../domain/sites/api-key.entity';
import { requireScope } from '../../domain/sites/principal';
import type { Context } from '../context';

/**
 * The field-level scope check behind `@Authorized(Scope.READ)`. A field that reaches past what a mutation
 * wrote (a transaction's order, a customer's orders) needs the same scope as the root read of those records,
 * so a pay-only key can read what it just wrote but not browse history through it. Refusing throws at the
 * field's path; the field is nullable, so only it is null and the rest of the response (what was written) stays.
 */
export const scopeChecker: AuthCheckerFn<Context, Scope> = ({ context }, scopes) => {
  try {
    for (const scope of scopes) requireScope(context.principal, scope);
    return true;
  } catch (error) {
    if (error instanceof AuthError) throw new GraphQLError(error.message, { extensions: { code: error.code } });
    throw error;
  }
};
