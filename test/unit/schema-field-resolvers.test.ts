import 'reflect-metadata';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { createSchema } from '../../src/graphql/schema';

/**
 * A nested page resolves thousands of plain fields; each one wrapped in the errors middleware cost a promise
 * chain (the largest share of the gateway's CPU on `npm run bench` after entity hydration).
 */
describe('schema field resolvers', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await createSchema();
  });

  const field = (type: string, name: string) => {
    const object = schema.getType(type);
    if (!isObjectType(object)) throw new Error(`${type} is not an object type`);
    return object.getFields()[name];
  };

  it('reads plain data fields with the default resolver, outside the middleware chain', () => {
    for (const [type, name] of [
      ['Order', 'reference'],
      ['Order', 'amount'],
      ['Money', 'amountMinor'],
      ['Transaction', 'status'],
      ['OrderConnection', 'nodes'],
      ['PageInfo', 'hasNextPage'],
      ['Viewer', 'scopes'],
    ]) {
      expect({ field: `${type}.${name}`, resolve: field(type, name).resolve }).toEqual({ field: `${type}.${name}`, resolve: undefined });
    }
  });

  it('keeps a resolver (and with it the errors middleware) on root fields and field resolvers', () => {
    for (const [type, name] of [
      ['Query', 'orders'],
      ['Query', 'viewer'],
      ['Mutation', 'createOrder'],
      ['Order', 'customer'],
      ['Order', 'transactions'],
      ['Customer', 'paymentMethods'],
    ]) {
      expect({ field: `${type}.${name}`, resolver: typeof field(type, name).resolve }).toEqual({ field: `${type}.${name}`, resolver: 'function' });
    }
  });
});
