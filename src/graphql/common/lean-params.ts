import { GraphQLScalarType } from 'graphql';
import type { getMetadataStorage, ResolverData } from 'type-graphql';
import type { Context } from '../context';

type Storage = ReturnType<typeof getMetadataStorage>;
export type ParamMeta = NonNullable<Storage['fieldResolvers'][number]['params']>[number];

/** One parameter of a resolver method, read from the call as type-graphql's getParams reads it. */
export interface Param {
  read(data: ResolverData<Context>): unknown;
  /** The argument class to hand validateFn, for `@Args()` parameters. */
  validates?: Function;
}

const SIMPLE = new Set<unknown>([String, Boolean, Number, Date, Array, Promise]);

/**
 * The parameters of a field resolver, or undefined when one of them is a kind this does not reproduce exactly
 * (`@Arg`, custom decorators, `@Args()` classes with input-object fields): such fields keep type-graphql's resolver.
 */
export function leanParams(storage: Storage, params: readonly ParamMeta[]): Param[] | undefined {
  const sorted = [...params].sort((a, b) => a.index - b.index);
  if (sorted.some((p, i) => p.index !== i)) return undefined;
  const out: Param[] = [];
  for (const param of sorted) {
    const read = paramOf(storage, param);
    if (!read) return undefined;
    out.push(read);
  }
  return out;
}

function paramOf(storage: Storage, param: ParamMeta): Param | undefined {
  switch (param.kind) {
    case 'context': {
      const name = param.propertyName;
      return { read: name ? (data) => (data.context as unknown as Record<string, unknown>)[name] : (data) => data.context };
    }
    case 'info':
      return { read: (data) => data.info };
    case 'root': {
      const name = param.propertyName;
      const Type = param.getType?.() as Function | undefined;
      const convert = converterTo(Type);
      return { read: (data) => convert(name ? (data.root as Record<string, unknown>)[name] : data.root) };
    }
    case 'args':
      return param.validateFn ? undefined : argsParam(storage, param.getType() as new () => object);
    default:
      return undefined;
  }
}

/**
 * `@Args()` of a class whose fields are all scalars (ConnectionArgs): type-graphql copies the given values onto a
 * new instance (so class defaults apply), dropping keys left undefined. Other classes are not handled here.
 */
function argsParam(storage: Storage, ArgsClass: new () => object): Param | undefined {
  const names: string[] = [];
  for (let target: unknown = ArgsClass; (target as Function | undefined)?.prototype !== undefined; target = Object.getPrototypeOf(target)) {
    const meta = storage.argumentTypes.find((t) => t.target === target);
    for (const field of meta?.fields ?? []) {
      const type = field.getType();
      if (!(type instanceof GraphQLScalarType) && type !== String && type !== Number && type !== Boolean) return undefined;
      names.push(field.name);
    }
  }
  if (!names.length) return undefined;
  const make = argsFactory(ArgsClass, names);
  return {
    validates: ArgsClass,
    read: ({ args }) => {
      const given: Record<string, unknown> = {};
      for (const name of names) if (args[name] !== undefined) given[name] = args[name];
      return make ? make(given) : toType(ArgsClass, given);
    },
  };
}

/**
 * What toType(ArgsClass, given) makes, without `delete` (which turns every page's arguments object into a slow
 * dictionary): the instance's own keys in the constructor's order, each the given value or the class default, a
 * key whose default is undefined left out when not given, then given keys the class does not declare. Only for
 * classes whose constructor sets primitive defaults and nothing else (ConnectionArgs: first = 20); others use toType.
 */
function argsFactory(ArgsClass: new () => object, names: string[]): ((given: Record<string, unknown>) => object) | undefined {
  const probe = new ArgsClass() as Record<string, unknown>;
  const defaults = Object.entries(probe);
  if (Object.getPrototypeOf(probe) !== ArgsClass.prototype || defaults.some(([, value]) => value !== null && (typeof value === 'object' || typeof value === 'function'))) return undefined;
  const own = new Set(defaults.map(([key]) => key));
  const extra = names.filter((name) => !own.has(name));
  return (given) => {
    const instance = Object.create(ArgsClass.prototype as object) as Record<string, unknown>;
    for (const [key, value] of defaults) {
      if (key in given) instance[key] = given[key];
      else if (value !== undefined) instance[key] = value;
    }
    for (const key of extra) if (key in given) instance[key] = given[key];
    return instance;
  };
}

/** toType for one class, with the checks that depend only on the class made once. */
export function converterTo(Target: Function | undefined): (data: unknown) => unknown {
  if (!Target || Target instanceof GraphQLScalarType) return (data) => data;
  return (data) => (data instanceof Target ? data : toType(Target, data));
}

/** type-graphql's convertToType: the value as an instance of the parameter's class, unless it is one already. */
function toType(Target: Function | undefined, data: unknown): unknown {
  if (!Target || data === null || data === undefined || Target instanceof GraphQLScalarType) return data;
  // Checked first (type-graphql checks it after the simple types; both return the value): the common case.
  if (data instanceof Target || SIMPLE.has((data as object).constructor)) return data;
  if (Array.isArray(data)) return data.map((item) => toType(Target, item));
  const instance = new (Target as new () => Record<string, unknown>)();
  for (const key of Object.keys(instance)) {
    if (instance[key] === undefined && !(key in (data as object))) delete instance[key];
  }
  return Object.assign(instance, data);
}
