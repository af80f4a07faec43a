import { isObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { AuthenticationError, AuthorizationError, getMetadataStorage, type AuthCheckerFn, type ResolverData, type ValidatorFn } from 'type-graphql';
import type { Context } from '../context';
import { resolverErrorResult } from './errors-middleware';
import { converterTo, leanParams, type Param } from './lean-params';

type Resolve = GraphQLFieldResolver<unknown, Context>;
type FieldResolverMeta = ReturnType<typeof getMetadataStorage>['fieldResolvers'][number];

export interface LeanOptions<Role extends string> {
  resolvers: readonly Function[];
  authChecker: AuthCheckerFn<Context, Role>;
  validateFn: ValidatorFn;
}

/**
 * type-graphql runs every @FieldResolver through its middleware chain: an async dispatcher per middleware, the
 * auth check as an async middleware and ErrorsMiddleware's try/await, some six promises per call. A nested page
 * of 50 orders calls field resolvers 150 times, and that chain was about a tenth of its CPU. This replaces, after
 * buildSchema, the resolve of each @FieldResolver that needs nothing more (no @UseMiddleware; parameters that are
 * the root, scalar-only `@Args()`, the context or info) with one function doing the same steps in the same order:
 * the auth check (`@Authorized`: the same checker, the same errors, outside the error mapping as type-graphql
 * runs it), the arguments made instances of their class and given to the same validateFn, the method called, and
 * a failure mapped as ErrorsMiddleware maps it. A failure still comes back as a rejected promise; a success may
 * now come back synchronously. Fields that do not qualify keep type-graphql's resolver. Returns how many changed.
 */
export function leanFieldResolvers<Role extends string>(schema: GraphQLSchema, options: LeanOptions<Role>): number {
  const storage = getMetadataStorage();
  const instances = new Map<Function, object>();
  let replaced = 0;
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const meta of storage.fieldResolvers) {
      const external = meta.kind === 'external';
      if (external ? !options.resolvers.includes(meta.target) : meta.target !== objectType.target) continue;
      if (meta.getObjectType?.() !== objectType.target) continue;
      const field = fields[meta.schemaName];
      const params = field?.resolve && !meta.middlewares?.length ? leanParams(storage, meta.params ?? []) : undefined;
      if (!field || !params) continue;
      let self: (root: unknown) => object;
      if (external) {
        let instance = instances.get(meta.target);
        if (!instance) instances.set(meta.target, (instance = new (meta.target as new () => object)()));
        self = () => instance;
      } else {
        // An object type's own getter or method (TransactionType.amount): called on the root as that class.
        self = converterTo(objectType.target) as (root: unknown) => object;
      }
      field.resolve = lean(meta, self, params, options);
      replaced++;
    }
  }
  return replaced;
}

function lean<Role extends string>(meta: FieldResolverMeta, self: (root: unknown) => object, params: Param[], options: LeanOptions<Role>): Resolve {
  const name = meta.methodName;
  const roles = meta.roles as Role[] | undefined;
  const call = (member: (...args: unknown[]) => unknown, target: object, data: ResolverData<Context>): unknown => {
    const values = params.map((param) => param.read(data));
    const pending: PromiseLike<unknown>[] = [];
    params.forEach((param, i) => {
      if (!param.validates) return;
      const check = options.validateFn(values[i], param.validates as never, data);
      if (isPromiseLike(check)) pending.push(check);
    });
    return pending.length ? Promise.all(pending).then(() => member.apply(target, values)) : member.apply(target, values);
  };
  const run = (data: ResolverData<Context>): unknown => {
    try {
      const target = self(data.root);
      const member = (target as Record<string, unknown>)[name];
      const result = typeof member === 'function' ? call(member as (...args: unknown[]) => unknown, target, data) : member;
      return isPromiseLike(result) ? Promise.resolve(result).catch((error: unknown) => resolverErrorResult(error, data.info)) : result;
    } catch (error) {
      return settle(error, data.info);
    }
  };
  return (root, args, context, info) => {
    const data: ResolverData<Context> = { root, args, context, info };
    if (!roles) return run(data);
    try {
      const granted = options.authChecker(data, roles);
      if (isPromiseLike(granted)) return Promise.resolve(granted).then((ok) => (ok ? run(data) : refuse(roles)));
      return granted ? run(data) : Promise.reject(denied(roles));
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

function denied(roles: readonly string[]): Error {
  return roles.length === 0 ? new AuthenticationError() : new AuthorizationError();
}

function refuse(roles: readonly string[]): never {
  throw denied(roles);
}

/** A synchronous failure, mapped as ErrorsMiddleware maps it, and delivered as a rejection like before. */
function settle(error: unknown, info: GraphQLResolveInfo): Promise<unknown> {
  try {
    return Promise.resolve(resolverErrorResult(error, info));
  } catch (mapped) {
    return Promise.reject(mapped);
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as PromiseLike<unknown>).then === 'function';
}
