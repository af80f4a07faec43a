import { compareCustomer, DEFAULT_MATCH_SETTINGS, normalizeName, parseDate } from '../../src/domain/customers/customer-match';
import { decideCustomerData } from '../../src/domain/customers/customer-data-decision';

const site = { customerDataMatch: null };
const psc = (firstName: string, lastName: string, birthDate = '1990-09-28') => ({ id: '172853330915', firstName, lastName, birthDate });

describe('customer data comparison (paysafecard customer data exchange)', () => {
  it.each([
    ['ss => ß', { firstName: 'Max', lastName: 'Mussterman' }, psc('Max', 'Mußterman')],
    ['middle name', { firstName: 'Johannes', lastName: 'Kerner' }, psc('Johannes B.', 'Kerner')],
    ['à è ò', { firstName: 'Johannes', lastName: 'Bauer' }, psc('Johannes', 'Bàuer')],
  ])("accepts the document's tolerance example: %s", (_name, ours, theirs) => {
    expect(decideCustomerData(site, { ...ours, birthDate: '1990-09-28' }, theirs, 'paysafecard')).toEqual({ ok: true });
  });

  it('accepts a middle name on our side too, and a typo within 90 % similarity', () => {
    expect(decideCustomerData(site, { firstName: 'Max', middleName: 'Michael', lastName: 'Musterman', birthDate: '1990-09-28' }, psc('Max', 'Musterman'), 'paysafecard')).toEqual({ ok: true });
    expect(decideCustomerData(site, { firstName: 'Max Michael', lastName: 'Mustermann', birthDate: '1990-09-28' }, psc('Max Michael', 'Musterman'), 'paysafecard')).toEqual({ ok: true });
  });

  it('compares dates as dates whatever their format', () => {
    for (const ours of ['1990-09-28', '28.09.1990', '28/09/1990', '1990/09/28', '19900928', '1990-09-28T00:00:00Z']) {
      expect([ours, decideCustomerData(site, { firstName: 'Max', lastName: 'Musterman', birthDate: ours }, psc('Max', 'Musterman'), 'paysafecard').ok]).toEqual([ours, true]);
    }
    expect(parseDate('1990-02-30')).toBeUndefined();
  });

  it("refuses a different first name with the document's message and both values", () => {
    const decision = decideCustomerData(site, { firstName: 'Maximillian', lastName: 'Mustermann', birthDate: '1988-01-01' }, psc('Max', 'Mustermann', '1988-01-01'), 'paysafecard');
    expect(decision).toEqual({
      ok: false,
      field: 'firstName',
      ours: 'Maximillian',
      theirs: 'Max',
      message:
        'Your transaction got declined. The reason is that during the data comparison with paysafecard, the first name was not matching. The first name must match in both systems. First name at paysafecard: Max. First name to compare: Maximillian. Please change your first name here and retry the payment.',
    });
  });

  it('refuses a clearly different last name and a different birth date, each with its message', () => {
    const last = decideCustomerData(site, { firstName: 'Max', lastName: 'Must', birthDate: '1988-01-01' }, psc('Max', 'Mustermann', '1988-01-01'), 'paysafecard');
    expect(last).toMatchObject({ ok: false, field: 'lastName', message: expect.stringContaining('Last name at paysafecard: Mustermann. Last name to compare: Must.') });
    const born = decideCustomerData(site, { firstName: 'Max', lastName: 'Mustermann', birthDate: '1988-07-23' }, psc('Max', 'Mustermann', '1988-01-01'), 'paysafecard');
    expect(born).toMatchObject({ ok: false, field: 'birthDate', message: expect.stringContaining('Date of birth at paysafecard: 1988-01-01. Date of birth to compare: 1988-07-23.') });
  });

  it('refuses names that differ by more than the threshold, and missing data on our side', () => {
    expect(compareCustomer({ firstName: 'Anna', lastName: 'Schmidt', birthDate: '1990-09-28' }, psc('Anna', 'Schmitz'), DEFAULT_MATCH_SETTINGS)?.field).toBe('lastName');
    expect(compareCustomer({ firstName: 'Jon', lastName: 'Musterman', birthDate: '1990-09-28' }, psc('John', 'Musterman'), DEFAULT_MATCH_SETTINGS)?.field).toBe('firstName');
    expect(compareCustomer({}, psc('Max', 'Musterman'), DEFAULT_MATCH_SETTINGS)?.field).toBe('firstName');
  });

  it("follows the site's fields and threshold", () => {
    const lenient = { customerDataMatch: { threshold: 0.5, fields: ['lastName' as const] } };
    expect(decideCustomerData(lenient, { firstName: 'Someone', lastName: 'Schmidt' }, psc('Max', 'Schmitz'), 'paysafecard')).toEqual({ ok: true });
  });

  it('accepts a payment made without a customer of ours: there is nothing to compare', () => {
    expect(decideCustomerData(site, null, psc('Max', 'Musterman'), 'paysafecard')).toEqual({ ok: true });
  });

  it('accepts or refuses an account-less payment by the site setting', () => {
    expect(decideCustomerData(site, { firstName: 'Max' }, undefined, 'paysafecard')).toEqual({ ok: true });
    expect(decideCustomerData({ customerDataMatch: { acceptAccountless: false } }, { firstName: 'Max' }, undefined, 'paysafecard')).toMatchObject({ ok: false, field: 'account' });
  });

  it('normalises case, accents, ß and punctuation', () => {
    expect(normalizeName('  JOHANNES  B.  Bàuer-Mußterman ')).toBe('johannes b bauer mussterman');
  });
});
