import { buildSchema, execute, parse, validate, type GraphQLError } from 'graphql';
import { clientSafeMessage } from '../../src/server/protection/client-message';
import { luhnValid } from '../../src/kernel/card-validation';
import { containsCardNumber, redactSecrets, scrubLogLine, scrubText } from '../../src/security/scrub';

describe('luhnValid', () => {
  it('accepts the documented test cards and refuses a one-digit typo', () => {
    for (const pan of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '4222222222222']) {
      expect(luhnValid(pan)).toBe(true);
    }
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('5555555555554445')).toBe(false);
  });
});

describe('scrubText', () => {
  it('masks Luhn-valid card numbers, plain or split by spaces or dashes, keeping the last four digits', () => {
    expect(scrubText('pan 4111111111111111 and 5555-5555-5555-4444 and 3782 822463 10005')).toBe(
      'pan [card ****1111] and [card ****4444] and [card ****0005]',
    );
  });

  it('leaves digit runs alone that are not card numbers: Luhn failures, fractions and short numbers', () => {
    expect(scrubText('order 4111111111111112, amount 10.4111111111111111, id 123456789012')).toBe(
      'order 4111111111111112, amount 10.4111111111111111, id 123456789012',
    );
  });

  it('leaves ids in UUID form alone, though their digit groups run on into a Luhn-valid number', () => {
    // "4111-111111111111" across the last two groups is the VISA test number: refused as card data before.
    const id = 'abcdefab-cdef-abcd-4111-111111111111';
    expect(containsCardNumber(id)).toBe(false);
    expect(containsCardNumber(`customer ${id}`)).toBe(false);
    expect(scrubText(`request ${id} paid`)).toBe(`request ${id} paid`);
    expect(scrubText(`${id} 4111 1111 1111 1111`)).toBe(`${id} [card ****1111]`);
    expect(containsCardNumber('4111-1111-1111-1111')).toBe(true);
  });

  it('masks CVV values next to their names and API keys anywhere', () => {
    const key = `pgk_0123456789ab_${'A'.repeat(43)}`;
    expect(scrubText(`{"cvv":"123","cvc2": 4567} securityCode=999 key ${key}`)).toBe('{"cvv":"***","cvc2": ***} securityCode=*** key pgk_[redacted]');
  });
});

describe('redactSecrets', () => {
  const value = { card: { number: '4111111111111112', cvv: '123' }, note: 'see 4111111111111111', ref: 4111111111111112, at: 1795380282219 };

  it('replaces secret-named fields at any depth and masks Luhn-valid numbers in strings', () => {
    expect(redactSecrets(value)).toEqual({
      card: { number: '[redacted]', cvv: '[redacted]' },
      note: 'see [card ****1111]',
      ref: 4111111111111112,
      at: 1795380282219,
    });
  });

  it("redacts a mobile app's access token (Payneteasy session.accessToken, the device-session inputs)", () => {
    expect(redactSecrets({ input: { accessToken: 'gpLhX7JaoWCGQCZIK8LWyrNKnrCi_n80JzFuhuu8ha0', deviceId: 'PIXEL' }, session: { access_token: 'x' } })).toEqual({
      input: { accessToken: '[redacted]', deviceId: 'PIXEL' },
      session: { access_token: '[redacted]' },
    });
  });

  it('in suspicious mode treats every 13–19 digit run as card data, Luhn or not', () => {
    expect(redactSecrets({ ...value, note: 'see 4111111111111112' }, { suspicious: true })).toEqual({
      card: { number: '[redacted]', cvv: '[redacted]' },
      note: 'see [card ****1112]',
      ref: '[card ****1112]',
      at: '[card ****2219]',
    });
  });
});

describe('scrubLogLine', () => {
  it('returns a line without card data unchanged', () => {
    const line = '{"level":30,"time":1795380282219,"msg":"request completed","responseTime":7.1234567890123456}\n';
    expect(scrubLogLine(line)).toBe(line);
  });

  it('masks card data and keeps the line valid JSON, even when the number is a JSON number', () => {
    const line = '{"level":50,"time":1795380282219,"ref":4111111111111111,"err":{"message":"value \\"4111111111111111\\" is out of range"}}\n';
    const scrubbed = scrubLogLine(line);
    expect(JSON.parse(scrubbed)).toEqual({
      level: 50,
      time: 1795380282219,
      ref: '[card ****1111]',
      err: { message: 'value "[card ****1111]" is out of range' },
    });
  });
});

describe('clientSafeMessage on real graphql-js errors', () => {
  const schema = buildSchema(`
    input Card { number: String! cvv: String! }
    input Pay { cards: [Card!]! amount: Int! }
    type Query { pay(input: Pay!): Boolean, count(n: Int): Int }
  `);

  const variableErrors = (variables: Record<string, unknown>): readonly GraphQLError[] =>
    (execute({ schema, document: parse('query($input: Pay!) { pay(input: $input) }'), variableValues: variables }) as { errors: readonly GraphQLError[] }).errors;

  it('cuts the echoed value out of a coercion error and keeps the path and the expected type', () => {
    const [error] = variableErrors({ input: { cards: [{ number: '4111111111111111', cvv: '123' }, { number: 4111111111111112, cvv: '987' }], amount: 1 } });
    expect(error.message).toContain('4111111111111112');
    expect(clientSafeMessage(error)).toBe('Variable "$input" got invalid value at "input.cards[1].number"; Expected type "String".');
  });

  it('keeps value-free reasons and drops suggestions', () => {
    const errors = variableErrors({ input: { cards: [{ numbr: '4111111111111111', cvv: '123' }], amount: 1 } });
    expect(errors.map((e) => e.message).join()).toMatch(/Did you mean "number"\?/);
    expect(errors.map(clientSafeMessage)).toEqual([
      'Variable "$input" got invalid value at "input.cards[0]"; Field "number" of required type "String!" was not provided.',
      'Variable "$input" got invalid value at "input.cards[0]"; Field "numbr" is not defined by type "Card".',
    ]);
  });

  it('fails closed when the message has an unexpected shape', () => {
    const [error] = variableErrors({ input: { cards: [], amount: '4111111111111112' } });
    const reshaped = Object.assign(Object.create(Object.getPrototypeOf(error)), error, { message: `${error.message} (extra)` });
    expect(clientSafeMessage(reshaped)).toBe('Variable "$input" got an invalid value.');
  });

  it('removes values from literal errors in the document', () => {
    const errors = validate(schema, parse('{ count(n: "4111111111111112") pay(input: { cards: [], amount: 4111111111111112 }) }'));
    expect(errors.map(clientSafeMessage)).toEqual(['Expected type "Int".', 'Expected type "Int".']);
  });
});
