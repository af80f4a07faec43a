/**
 * Test bank accounts → what the sandbox's ACH processing does with them. Any other account is approved. ACH
 * return reason codes (R01, R02, R03, R16) are the NACHA codes; the `error-code`/`error-message` pairs are the
 * sandbox's own, since the document lists none for sale-echeck.
 */
export interface Scenario {
  status: 'approved' | 'declined' | 'filtered' | 'error';
  errorCode?: string;
  errorMessage?: string;
  /** Processed, then the connection dropped without an answer. */
  loseAnswer?: boolean;
  /** Answer after this long (the adapter's deadline cuts it). */
  delayMs?: number;
  /** Approved, then returned (or charged back) later: reported on notify_url only. */
  later?: { type: 'return' | 'chargeback'; afterMs: number; reason: string };
}

export const TEST_ACCOUNTS: Readonly<Record<string, Scenario>> = {
  '1234567890': { status: 'approved' },
  '4000000051': { status: 'declined', errorCode: 'R01', errorMessage: 'Insufficient funds' },
  '4000000002': { status: 'declined', errorCode: 'R02', errorMessage: 'Account closed' },
  '4000000003': { status: 'declined', errorCode: 'R03', errorMessage: 'No account / unable to locate account' },
  '4000000016': { status: 'declined', errorCode: 'R16', errorMessage: 'Account frozen' },
  '4000000666': { status: 'filtered', errorCode: 'FILTERED', errorMessage: 'Transaction filtered by fraud control' },
  '4000000500': { status: 'error', errorCode: 'PROCESSOR', errorMessage: 'Processing error at the ACH processor' },
  '4000000341': { status: 'approved', loseAnswer: true },
  '4000000077': { status: 'approved', delayMs: 3_000 },
  '4000000201': { status: 'approved', later: { type: 'return', afterMs: 200, reason: 'R01 Insufficient funds' } },
  '4000000202': { status: 'approved', later: { type: 'chargeback', afterMs: 200, reason: 'R10 Customer advises not authorized' } },
};

export const scenarioFor = (accountNumber: string): Scenario => TEST_ACCOUNTS[accountNumber] ?? { status: 'approved' };
