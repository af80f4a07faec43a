import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  defaultFieldResolver,
  execute,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  isCompositeType,
  isListType,
  isAbstractType,
  isInputObjectType,
  isObjectType,
  typeFromAST,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  BREAK,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;
type Request = Parameters<Executor>[0];

/** Distinct operations kept compiled; past it the least recently used is compiled again when it returns. */
const MAX_COMPILED = 500;

/**
 * What the cache knows of one operation text: seen so far, compiled, or left to graphql-js (selects no list, or
 * not compilable). `oneOfVariables`: a variable's type holds a @oneOf input, which graphql-jit's coercion does
 * not know, so graphql-js checks the variables first.
 */
type Entry = { kind: 'seen'; times: number } | { kind: 'compiled'; query: CompiledQuery; oneOfVariables: boolean } | { kind: 'interpreted' };

/**
 * Apollo Server 5 executes with graphql-js and has no executor option; its `gateway` interface is the one
 * place to hand it another. Apollo still parses, validates (with our rules), runs every plugin hook and
 * formats errors; only execution changes.
 *
 * Queries that select a list of objects run as code compiled by graphql-jit from the operation, which skips
 * graphql-js's per-field interpretation (about a sixth of a nested page's CPU). The same resolvers run
 * (type-graphql's middlewares, guards and error handling are inside them). Everything else runs on
 * graphql-js as before: mutations (whose input coercion, `@oneOf` included, stays graphql-js's),
 * subscriptions sent over HTTP, a query whose variables graphql-js refuses (so the refusal and its wording
 * are graphql-js's, which the error masking knows), an operation seen fewer than `compileAfter` times (2 by
 * default: a client sending ever-new texts must not make us compile each one; tests use 1, so every test
 * query that selects a list runs compiled), and any operation graphql-jit cannot compile. docs/benchmarks.md has the figures.
 */
export function compiledExecution(schema: GraphQLSchema, compileAfter: number): Gateway {
  refuseAsyncTypeResolvers(schema);
  resolveFunctionValuedFields(schema);
  const cache = new LRUCache<string, Entry>({ max: MAX_COMPILED });
  const executor: Executor = async (request) => {
    // Apollo calls the executor even when no operation matches operationName (graphql-js then answers the
    // error), although its type says the operation is always there.
    const operation = request.operation as OperationDefinitionNode | undefined;
    const entry = operation?.operation === 'query' ? entryFor(cache, schema, request, compileAfter) : undefined;
    if (entry?.kind === 'compiled' && (!entry.oneOfVariables || variablesCoerce(schema, request))) {
      const result = (await entry.query.query(undefined, request.context, request.request.variables ?? {})) as ExecutionResult;
      // graphql-jit coerces the variables itself and answers a refusal without `data`, before anything runs:
      // graphql-js then answers the request, so the refusal keeps graphql-js's wording (which the error masking
      // knows). Until 2026-11-28 graphql-js coerced every compiled request's variables first, then graphql-jit again.
      if ('data' in result) return withGraphqlErrors(result);
    }
    return interpreted(schema, request);
  };
  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async stop() {
      cache.clear();
    },
  };
}

function entryFor(cache: LRUCache<string, Entry>, schema: GraphQLSchema, request: Request, compileAfter: number): Entry {
  const key = `${request.queryHash}:${request.operationName ?? ''}`;
  const entry = cache.get(key) ?? { kind: 'seen', times: 0 };
  if (entry.kind !== 'seen') return entry;
  entry.times++;
  if (entry.times < compileAfter) {
    cache.set(key, entry);
    return entry;
  }
  const compiled = selectsObjectList(schema, request.document)
    ? compileQuery(schema, request.document, request.operationName ?? undefined, { disablingCapturingStackErrors: true })
    : undefined;
  const next: Entry =
    compiled && isCompiledQuery(compiled) ? { kind: 'compiled', query: compiled, oneOfVariables: variablesHoldOneOf(schema, request.operation) } : { kind: 'interpreted' };
  cache.set(key, next);
  return next;
}

function variablesCoerce(schema: GraphQLSchema, request: Request): boolean {
  const definitions = request.operation.variableDefinitions ?? [];
  if (definitions.length === 0) return true;
  return !getVariableValues(schema, definitions, request.request.variables ?? {}).errors;
}

function variablesHoldOneOf(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  const seen = new Set<GraphQLInputType>();
  const holds = (type: GraphQLInputType | undefined): boolean => {
    const named = type && getNamedType(type);
    if (!named || !isInputObjectType(named) || seen.has(named)) return false;
    seen.add(named);
    return named.isOneOf || Object.values(named.getFields()).some((field) => holds(field.type));
  };
  return (operation.variableDefinitions ?? []).some((definition) => holds(typeFromAST(schema, definition.type) as GraphQLInputType | undefined));
}

/** What Apollo itself runs without a gateway (it passes no root value or field resolver here). */
function interpreted(schema: GraphQLSchema, request: Request): Promise<ExecutionResult> | ExecutionResult {
  return execute({
    schema,
    document: request.document,
    contextValue: request.context,
    variableValues: request.request.variables,
    operationName: request.request.operationName,
  });
}

/**
 * graphql-jit's errors leave `extensions` undefined when the thrown error has none; graphql-js always sets an
 * object, and Apollo and our plugins (request-errors.ts) rely on it. Same message, path, locations and cause.
 */
function withGraphqlErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((error) => {
    const copy = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions });
    Object.defineProperty(copy, 'locations', { value: error.locations, enumerable: error.locations !== undefined, writable: true });
    return copy;
  });
  return { ...result, errors };
}

/**
 * graphql-jit reads a field that has no resolver as a plain property, where graphql-js's default resolver calls
 * the property when it is a function (and awaits what it returns). Connections' `totalCount` is such a function
 * (counted only when selected: connection.ts), so it gets graphql-js's default resolver explicitly, which is
 * what graphql-js ran for it anyway.
 */
function resolveFunctionValuedFields(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.name.endsWith('Connection')) continue;
    const field = type.getFields().totalCount;
    if (field && !field.resolve) field.resolve = defaultFieldResolver;
  }
}

/**
 * Whether the document selects a list of objects (a page's nodes or edges). Compiled code wins per field
 * resolved, which lists multiply; for a handful of fields (the viewer) graphql-jit's fixed cost per request
 * measured higher than graphql-js's (gateway CPU per viewer request 0.83 ms against 0.61 ms), so such
 * operations stay interpreted.
 */
function selectsObjectList(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const type = typeInfo.getType();
        const nullable = type && getNullableType(type);
        if (nullable && isListType(nullable) && isCompositeType(getNamedType(nullable))) {
          found = true;
          return BREAK;
        }
        return undefined;
      },
    }),
  );
  return found;
}

/**
 * graphql-jit calls a union's or interface's resolveType without awaiting it: a promise there fails the field
 * at run time, and only in compiled queries. type-graphql wraps every resolveType of ours in an async function,
 * so abstract types rely on its own synchronous `instanceof` resolution (next-action.type.ts). Refused at start,
 * so a new one shows at once rather than as an internal error in production.
 */
function refuseAsyncTypeResolvers(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (isAbstractType(type) && type.resolveType?.constructor.name === 'AsyncFunction') {
      throw new Error(`${type.name} has an async resolveType, which compiled queries cannot await: leave resolveType out (type-graphql then resolves by instanceof)`);
    }
  }
}
