import 'reflect-metadata';
import { getMetadataStorage } from 'type-graphql';
import { ConnectionArgs } from '../../src/graphql/common/connection';
import { leanParams, type ParamMeta } from '../../src/graphql/common/lean-params';
import { createSchema } from '../../src/graphql/schema';

/**
 * Field resolvers without type-graphql's chain (src/graphql/common/lean-field-resolvers.ts) hand the method the
 * same page arguments type-graphql's convertArgsToInstance makes: an instance of the class, the class default where
 * nothing was given, and no key for an argument left out.
 */
describe('lean field resolver parameters', () => {
  beforeAll(() => createSchema());

  const argsParam = () => {
    const params = leanParams(getMetadataStorage(), [{ kind: 'args', index: 0, target: Object, methodName: 'm', getType: () => ConnectionArgs, typeOptions: {} } as unknown as ParamMeta]);
    return params![0]!;
  };
  const read = (args: Record<string, unknown>) => argsParam().read({ args, root: undefined, context: undefined as never, info: undefined as never }) as ConnectionArgs;

  it.each([
    [{ first: 5 }, { first: 5 }],
    [{ first: 5, after: 'abc' }, { first: 5, after: 'abc' }],
    [{}, { first: 20 }],
    [{ after: 'abc' }, { first: 20, after: 'abc' }],
    [{ first: 5, after: undefined }, { first: 5 }],
  ])('makes %j a ConnectionArgs with exactly %j', (args, expected) => {
    const made = read(args);
    expect(made).toBeInstanceOf(ConnectionArgs);
    expect(Object.keys(made)).toEqual(Object.keys(expected));
    expect({ ...made }).toEqual(expected);
  });

  it('asks for validation of the page arguments with their class', () => {
    expect(argsParam().validates).toBe(ConnectionArgs);
  });
});
