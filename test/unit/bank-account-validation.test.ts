import { abaValid, validateBankAccount } from '../../src/kernel/bank-account-validation';
import { InvalidInputError } from '../../src/kernel/errors';

const refusal = (fn: () => void) => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof InvalidInputError ? { code: error.code, field: error.field, message: error.message } : error;
  }
};

describe('bank account checks before an eCheck is sent', () => {
  it('accepts routing numbers that pass the ABA checksum (the document\'s 113024588; 3·6 + 7·11 + 15 = 110)', () => {
    for (const routing of ['113024588', '011000015', '021000021', '121000358', '111000025']) expect([routing, abaValid(routing)]).toEqual([routing, true]);
  });

  it('refuses a wrong check digit, a wrong length, letters and all zeros', () => {
    for (const routing of ['113024589', '11302458', '1130245880', '11302458a', '000000000', '']) expect([routing, abaValid(routing)]).toEqual([routing, false]);
  });

  it('names the field and never repeats the account number', () => {
    const field = ['input', 'bankAccount'];
    expect(refusal(() => validateBankAccount({ routingNumber: '113024589', accountNumber: '99887766' }, field))).toMatchObject({ code: 'INVALID_ROUTING_NUMBER', field: [...field, 'routingNumber'] });
    const bad = refusal(() => validateBankAccount({ routingNumber: '113024588', accountNumber: '99887766x' }, field)) as { code: string; message: string };
    expect(bad).toMatchObject({ code: 'INVALID_ACCOUNT_NUMBER' });
    expect(bad.message).not.toContain('99887766');
    expect(refusal(() => validateBankAccount({ routingNumber: '113024588', accountNumber: '99887766', checkDate: '2025-02-30' }, field))).toMatchObject({ code: 'INVALID_CHECK_DATE' });
    expect(refusal(() => validateBankAccount({ routingNumber: '113024588', accountNumber: '99887766', checkNumber: '7777', checkDate: '2025-02-22' }, field))).toBeUndefined();
  });
});
