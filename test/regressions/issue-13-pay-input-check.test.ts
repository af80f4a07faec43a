import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { validate } from 'class-validator';
import { PayInput } from '../../src/graphql/payments/pay.input';
import { payInputPasses } from '../../src/graphql/payments/pay-input-check';
import { MoneyInput } from '../../src/graphql/common/money.type';
import { PaymentSourceInput } from '../../src/graphql/payments/payment-source.input';
import { CardInput } from '../../src/graphql/payments/card.input';
import { BankAccountInput } from '../../src/graphql/payments/bank-account.input';
import { PAY, card, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

/**
 * Issue 13 (write path, second round): the pay input skips class-validator where a synchronous check of the same
 * rules passes (pay-input-check.ts). The check must never pass what class-validator refuses; refusals keep
 * their code, field and wording because class-validator still gives them.
 */
const money = (amount: string) => Object.assign(new MoneyInput(), { amount, currency: 'EUR' });
const cardSource = (extra: Partial<CardInput> = {}) =>
  Object.assign(new PaymentSourceInput(), { card: Object.assign(new CardInput(), { number: '4111111111111111', expMonth: 12, expYear: 2031, cvc: '737', holderName: 'Ada Lovelace', ...extra }) });
const input = (fields: Partial<PayInput>) => Object.assign(new PayInput(), { provider: 'cardgateway', amount: money('12.00'), source: cardSource(), captureLater: false, saveMethod: false, ...fields });

const CASES: [string, PayInput][] = [
  ['the common sale', input({})],
  ['no provider', input({ provider: null })],
  ['an empty provider', input({ provider: '' })],
  ['a provider of 64 characters', input({ provider: 'p'.repeat(64) })],
  ['a provider of 65 characters', input({ provider: 'p'.repeat(65) })],
  ['a provider that is only a variation selector', input({ provider: '\uFE0F' })],
  ['a provider of 64 emoji', input({ provider: '😀'.repeat(64) })],
  ['a negative amount', input({ amount: money('-1.00') })],
  ['an amount in exponent form', input({ amount: money('1e3') })],
  ['an amount with a space', input({ amount: money(' 1.00') })],
  ['an amount of 33 digits', input({ amount: money('1'.repeat(33)) })],
  ['an amount of 32 digits', input({ amount: money('1'.repeat(32)) })],
  ['an empty amount', input({ amount: money('') })],
  ['an idempotency key', input({ idempotencyKey: 'k-1' })],
  ['an idempotency key with a space', input({ idempotencyKey: 'k 1' })],
  ['an empty idempotency key', input({ idempotencyKey: '' })],
  ['an idempotency key of 256 characters', input({ idempotencyKey: 'k'.repeat(256) })],
  ['a holder name of 100 characters', input({ source: cardSource({ holderName: 'a'.repeat(100) }) })],
  ['a holder name of 101 characters', input({ source: cardSource({ holderName: 'a'.repeat(101) }) })],
  ['an empty holder name', input({ source: cardSource({ holderName: '' }) })],
  ['a holder name with accents', input({ source: cardSource({ holderName: 'Zoë Ångström' }) })],
  ['no holder name', input({ source: cardSource({ holderName: null }) })],
  ['a saved method', input({ source: Object.assign(new PaymentSourceInput(), { paymentMethodId: 'x' }) })],
  ['no source', input({ source: null })],
  ['a bank account', input({ source: Object.assign(new PaymentSourceInput(), { bankAccount: Object.assign(new BankAccountInput(), {}) }) })],
  ['a bad return URL', input({ returnUrl: 'ftp://x' })],
  ['a good return URL', input({ returnUrl: 'https://shop.example/back' })],
  ['a bad customer IP', input({ customerIp: '300.1.1.1' })],
  ['a description of 256 characters', input({ description: 'd'.repeat(256) })],
  ['an empty fee option', input({ feeOptionId: '' })],
  ['metadata', input({ metadata: { order: '42' } })],
];

describe('issue 13: the pay input skips class-validator only where class-validator accepts it', () => {
  it.each(CASES)('%s: the check passes only if class-validator finds nothing', async (_name, value) => {
    const errors = await validate(value, { forbidUnknownValues: false, skipMissingProperties: true });
    if (payInputPasses(value)) expect(errors).toEqual([]);
  });

  it('passes the common card sale (so the fast path is taken at all)', () => {
    expect(payInputPasses(input({}))).toBe(true);
    expect(payInputPasses(input({ idempotencyKey: randomUUID(), provider: null, metadata: { a: '1' } }))).toBe(true);
  });

  describe('over HTTP', () => {
    let f: PaymentsFixture;
    beforeAll(async () => {
      f = await startPaymentsFixture();
    });
    afterAll(() => f?.t.close());

    // The answers the unchanged code gave (class-validator's wording, mapped to a userError by the field).
    it.each([
      ['amount', { amount: { amount: '1e3', currency: 'EUR' }, source: { card: card() } }, ['input', 'amount', 'amount'], 'amount must be a decimal string such as "10.55"'],
      ['holder name', { amount: { amount: '1.00', currency: 'EUR' }, source: { card: card(undefined, { holderName: 'a'.repeat(101) }) } }, ['input', 'source', 'card', 'holderName'], 'holderName must be shorter than or equal to 100 characters'],
      ['provider', { provider: 'p'.repeat(65), amount: { amount: '1.00', currency: 'EUR' }, source: { card: card() } }, ['input', 'provider'], 'provider must be shorter than or equal to 64 characters'],
    ])('refuses a bad %s as before, with its code, field and wording, and writes nothing', async (_name, fields, field, message) => {
      const res = await f.gql(PAY, { input: { provider: 'cardgateway', ...fields } });
      expect(res.status).toBe(200);
      expect(res.data!.pay.transaction).toBeNull();
      expect(res.data!.pay.userErrors).toEqual([{ code: 'INVALID_INPUT', field, message }]);
    });
  });
});
