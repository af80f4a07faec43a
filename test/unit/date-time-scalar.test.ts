import { GraphQLDateTimeISO } from 'graphql-scalars';
import { BoundedDateTimeISO } from '../../src/graphql/common/date-time.scalar';

const outcome = (serialize: (value: unknown) => unknown, value: unknown) => {
  try {
    return { value: serialize(value) };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

/** The scalar serializes a valid Date itself (a nested page has hundreds); every answer must be graphql-scalars'. */
describe('DateTimeISO serialization', () => {
  it.each([
    new Date('2026-11-28T01:54:29.123Z'),
    new Date('0001-01-01T00:00:00.000Z'),
    new Date('9999-12-31T23:59:59.999Z'),
    new Date(8.64e15),
    new Date(Number.NaN),
    '2026-11-28T01:54:29.123Z',
    '2026-11-28T02:54:29+01:00',
    'not a date',
    1_764_294_869_123,
    null,
    { toISOString: (): string => 'x' },
  ])('serializes %p as graphql-scalars does', (value) => {
    expect(outcome((v) => BoundedDateTimeISO.serialize(v), value)).toEqual(outcome((v) => GraphQLDateTimeISO.serialize(v), value));
  });
});
