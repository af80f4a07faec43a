/** Test cards: what a card number does when it is tokenized or paid with. */
export interface CardScenario {
  accountType: 'credit' | 'debit';
  outcome: 'approve' | 'decline';
  declineCode?: string;
  declineReason?: string;
  /** Processed, then the connection is dropped before the answer. */
  loseAnswer?: boolean;
  /** Answer after this long (processed at once). */
  delayMs?: number;
}

export const TEST_CARDS: Record<string, CardScenario> = {
  '4111111111111111': { accountType: 'credit', outcome: 'approve' },
  '5555555555554444': { accountType: 'credit', outcome: 'approve' },
  '4000056655665556': { accountType: 'debit', outcome: 'approve' },
  '4000000000009995': { accountType: 'credit', outcome: 'decline', declineCode: '51', declineReason: 'Insufficient funds' },
  '4000000000000002': { accountType: 'credit', outcome: 'decline', declineCode: '05', declineReason: 'Do not honor' },
  '4000000000000069': { accountType: 'credit', outcome: 'decline', declineCode: '54', declineReason: 'Expired card' },
  '4000000000000341': { accountType: 'credit', outcome: 'approve', loseAnswer: true },
  '4000000000000077': { accountType: 'credit', outcome: 'approve', delayMs: 3_000 },
};

/** Any other valid-looking number approves as a credit card. */
export function scenarioOf(cardNumber: string): CardScenario {
  return TEST_CARDS[cardNumber] ?? { accountType: 'credit', outcome: 'approve' };
}

export function brandOf(cardNumber: string): string {
  if (cardNumber.startsWith('4')) return 'visa';
  if (/^5[1-5]/.test(cardNumber)) return 'mastercard';
  if (/^3[47]/.test(cardNumber)) return 'amex';
  return 'discover';
}
