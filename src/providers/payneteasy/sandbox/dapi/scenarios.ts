/**
 * Test cards of the Device API sandbox → what the sandbox's "issuer" and "3-D Secure directory" do. Any other
 * card number that passes the Luhn check is approved without a challenge.
 */
export type CardScenario =
  | { kind: 'approve' }
  | { kind: 'three_d_secure' }
  | { kind: 'random_sum' }
  | { kind: 'decline'; errorCode: number; errorMessage: string };

export const DAPI_TEST_CARDS: Readonly<Record<string, CardScenario & { label: string }>> = {
  '4111111111111111': { kind: 'approve', label: 'Visa, 3-D Secure frictionless, approved' },
  '4000000000003220': { kind: 'three_d_secure', label: '3-D Secure challenge: the ACS page decides' },
  '5555555555554444': { kind: 'random_sum', label: 'not enrolled in 3-D Secure: random sum check' },
  '4000000000000002': { kind: 'decline', errorCode: 5, errorMessage: 'Do not honor', label: 'declined, do not honor' },
  '4000000000009995': { kind: 'decline', errorCode: 51, errorMessage: 'Insufficient funds', label: 'declined, insufficient funds' },
};

export function cardScenario(pan: string): CardScenario {
  return DAPI_TEST_CARDS[pan] ?? { kind: 'approve' };
}

export function luhnOk(digits: string): boolean {
  if (!/^\d{9,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** The gates a transfer may go through when the merchant has consumer-defined transfer rates. */
export function transferGates(amountCentis: number, currency: string) {
  return [
    { assignedId: 'gate-instant', commissionCentis: 100 + Math.ceil(amountCentis / 100), currency },
    { assignedId: 'gate-economy', commissionCentis: 35, currency },
  ];
}
