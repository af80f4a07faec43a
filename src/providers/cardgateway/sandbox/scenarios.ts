/**
 * Test cards → what the sandbox's "issuer" does. Any other card number that passes the Luhn check is
 * approved. Decline codes follow the 11xxx family a Paymentz white-label publishes (11000 + the acquirer's
 * ISO 8583 code: 11005 authorization declined, 11033 card expired, 11043 stolen card); 11051 for
 * insufficient funds follows the same pattern (ISO 8583 "51"), the published list we found is cut off there.
 */
export type Scenario =
  | { kind: 'approve' }
  | { kind: 'decline'; code: string; description: string }
  | { kind: 'three_d_secure' }
  | { kind: 'slow' }
  | { kind: 'partial_approval' }
  | { kind: 'lose_response' };

export const TEST_CARDS: Readonly<Record<string, Scenario & { label: string }>> = {
  '4111111111111111': { kind: 'approve', label: 'Visa, approved' },
  '5555555555554444': { kind: 'approve', label: 'Mastercard, approved' },
  '4000000000000002': { kind: 'decline', code: '11005', description: 'Authorization declined (do not honor)', label: 'do not honor' },
  '4000000000009995': { kind: 'decline', code: '11051', description: 'Insufficient funds', label: 'insufficient funds' },
  '4000000000000069': { kind: 'decline', code: '11033', description: 'Card expired', label: 'expired card' },
  '4000000000009979': { kind: 'decline', code: '11043', description: 'Stolen card, pick up', label: 'stolen card' },
  '4000000000003220': { kind: 'three_d_secure', label: '3-D Secure: the ACS page decides' },
  '4000000000000077': { kind: 'slow', label: 'approved after knobs.slowCardDelayMs' },
  '4000000000000341': { kind: 'lose_response', label: 'charged, then the connection is dropped' },
  '4000000000000051': { kind: 'partial_approval', label: 'the issuer approves knobs.partialApprovalPercent of the amount (default 60 %)' },
};

export function scenarioFor(pan: string): Scenario {
  return TEST_CARDS[pan] ?? { kind: 'approve' };
}

export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}
