import 'reflect-metadata';
import { getMetadataStorage, validate, type ValidationError } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { ConnectionArgs } from '../../src/graphql/common/connection';
import { validateArgs } from '../../src/graphql/common/validate-args';
import { ListArgs } from '../../src/graphql/node/created-range.args';
import { OrdersArgs } from '../../src/graphql/orders/orders.args';
import { CustomersArgs } from '../../src/graphql/customers/customers.args';

const OPTIONS = { forbidUnknownValues: false, skipMissingProperties: true };
const argsOf = <T extends object>(type: new () => T, values: Partial<T>) => Object.assign(new type(), values);
const run = async (value: unknown) => {
  try {
    await validateArgs(value, Object, {} as never);
    return undefined;
  } catch (error) {
    return error;
  }
};

/**
 * The page arguments skip class-validator when a synchronous check passes (src/graphql/common/validate-args.ts).
 * That is right only while the check accepts exactly what the decorators accept.
 */
describe('argument validation', () => {
  it('declares ConnectionArgs with only @Min(0) and @Max on first: a new constraint there needs its check updated', () => {
    const constraints = getMetadataStorage()
      .getTargetValidationMetadatas(ConnectionArgs, '', true, false)
      .map((m) => `${m.propertyName}:${m.name ?? m.type}:${JSON.stringify(m.constraints)}`)
      .sort();
    expect(constraints).toEqual(['first:max:[100]', 'first:min:[0]']);
  });

  it.each([-1000, -1, 0, 1, 20, 99, 100, 101, 1_000_000])('answers first: %i of ConnectionArgs as class-validator does', async (first) => {
    const args = argsOf(ConnectionArgs, { first, after: 'x' });
    const expected = await validate(args, OPTIONS);
    const error = await run(args);
    if (expected.length === 0) return expect(error).toBeUndefined();
    expect(error).toBeInstanceOf(ArgumentValidationError);
    const errors = (error as ArgumentValidationError).extensions.validationErrors as ValidationError[];
    expect(errors.map((e) => [e.property, e.constraints])).toEqual(expected.map((e) => [e.property, e.constraints]));
  });

  it('validates subclasses, arrays and other inputs with class-validator as before', async () => {
    expect(await run(argsOf(ListArgs, { first: 5 }))).toBeUndefined();
    const refused = await run(argsOf(ListArgs, { first: 101 }));
    expect((refused as ArgumentValidationError).extensions.validationErrors).toEqual([expect.objectContaining({ property: 'first', constraints: { max: 'first must not be greater than 100' } })]);
    const inArray = await run([argsOf(ConnectionArgs, { first: 1 }), null, argsOf(ListArgs, { first: -1 })]);
    expect(inArray).toBeInstanceOf(ArgumentValidationError);
    for (const scalar of [null, undefined, 5, 'text', true]) expect(await run(scalar)).toBeUndefined();
  });

  it.each([
    ['ListArgs', () => argsOf(ListArgs, { first: 5 })],
    ['OrdersArgs', () => argsOf(OrdersArgs, { first: 50 })],
    ['CustomersArgs', () => argsOf(CustomersArgs, { first: 0, after: 'x' })],
  ])('answers a %s page with no filter synchronously, without class-validator', (_name, make) => {
    expect(validateArgs(make(), Object, {} as never)).toBeUndefined();
  });

  it.each([
    ['OrdersArgs first 101', () => argsOf(OrdersArgs, { first: 101 })],
    ['OrdersArgs first -1', () => argsOf(OrdersArgs, { first: -1 })],
    ['OrdersArgs with a reference too long', () => argsOf(OrdersArgs, { first: 5, reference: 'r'.repeat(256) })],
    ['OrdersArgs with a valid filter', () => argsOf(OrdersArgs, { first: 5, provider: 'paynearme' })],
    ['CustomersArgs first 101', () => argsOf(CustomersArgs, { first: 101 })],
  ])('answers %s as class-validator does', async (_name, make) => {
    const expected = await validate(make(), OPTIONS);
    const error = await run(make());
    if (expected.length === 0) return expect(error).toBeUndefined();
    const errors = (error as ArgumentValidationError).extensions.validationErrors as ValidationError[];
    expect(errors.map((e) => [e.property, e.constraints])).toEqual(expected.map((e) => [e.property, e.constraints]));
  });
});
