/**
 * Seeded "my paysafecard" accounts for the customer panel and for payouts and refunds (which find the customer
 * by e-mail). The names carry the document's comparison examples (docs/paysafecard.md "Customer data
 * comparison"): ß for ss, a middle name inside the first name, an accent.
 */
export interface SandboxAccount {
  pscId: number;
  email: string;
  firstName: string;
  lastName: string;
  /** yyyy-MM-dd, as paysafecard always sends it. */
  dateOfBirth: string;
  accountCreated: string;
  kycLevel: 'SIMPLE' | 'FULL';
  country: string;
  active: boolean;
}

const account = (pscId: number, email: string, firstName: string, lastName: string, dateOfBirth: string, extra: Partial<SandboxAccount> = {}): SandboxAccount => ({
  pscId,
  email,
  firstName,
  lastName,
  dateOfBirth,
  accountCreated: '2020-09-28 22:05:51',
  kycLevel: 'FULL',
  country: 'AT',
  active: true,
  ...extra,
});

export const SEEDED_ACCOUNTS: readonly SandboxAccount[] = [
  account(172853330915, 'max.mustermann@hotmail.com', 'Max Michael', 'Musterman', '1990-09-28'),
  account(401258316218, 'max.musster@example.com', 'Max', 'Mußterman', '1988-01-01'),
  account(736489412559, 'johannes.kerner@example.com', 'Johannes B.', 'Kerner', '1975-05-20'),
  account(779456189809, 'johannes.bauer@example.com', 'Johannes', 'Bàuer', '1982-02-14'),
  account(999995740212, 'young.customer@example.com', 'Lena', 'Jung', '2012-06-01', { kycLevel: 'SIMPLE' }),
  account(512345678901, 'simple.kyc@example.com', 'Sam', 'Simple', '1991-03-03', { kycLevel: 'SIMPLE' }),
  account(612345678902, 'inactive@example.com', 'Ina', 'Aktiv', '1980-10-10', { active: false }),
  account(712345678903, 'german.resident@example.com', 'Greta', 'Deutsch', '1979-07-07', { country: 'DE' }),
];

export function findAccount(accounts: readonly SandboxAccount[], email: string | undefined): SandboxAccount | undefined {
  if (!email) return undefined;
  return accounts.find((a) => a.email.toLowerCase() === email.toLowerCase());
}

/** Age in whole years on `today`. */
export function ageOf(dateOfBirth: string, today = new Date()): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const age = today.getUTCFullYear() - y;
  const before = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
  return before ? age - 1 : age;
}
