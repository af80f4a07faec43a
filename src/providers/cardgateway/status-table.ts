import { assertNever } from '../../kernel/assert-never';

/** The platform's long `status` values (docs/cardgateway.md "Statuses and result codes"). */
export const LONG_STATUSES = [
  'begun',
  'authstarted',
  'authsuccessful',
  'authfailed',
  'authcancelled',
  'cancelstarted',
  'cancelled',
  'capturestarted',
  'capturesuccess',
  'capturefailed',
  'settled',
  'markedforreversal',
  'reversed',
  'chargeback',
  'failed',
  'payoutstarted',
  'payoutsuccessful',
  'payoutfailed',
] as const;

export type LongStatus = (typeof LONG_STATUSES)[number];

export type OutcomeKind = 'succeeded' | 'authorized' | 'requires_action' | 'processing' | 'cancelled' | 'declined' | 'failed';

export function longStatus(value: string | undefined): LongStatus | undefined {
  return (LONG_STATUSES as readonly string[]).includes(value ?? '') ? (value as LongStatus) : undefined;
}

/**
 * Long status → what it means for the payment it describes. A refunded (reversed, markedforreversal) or
 * disputed (chargeback) payment was still paid: refunds and disputes are tracked on their own. A status we
 * do not know falls back to the short status, and without one to processing — never to success or failure.
 */
export function outcomeKind(status: string | undefined, shortStatus?: string): OutcomeKind {
  const known = longStatus(status);
  if (!known) return shortKind(shortStatus);
  switch (known) {
    case 'authsuccessful':
      return 'authorized';
    case 'capturesuccess':
    case 'settled':
    case 'markedforreversal':
    case 'reversed':
    case 'chargeback':
    case 'payoutsuccessful':
      return 'succeeded';
    case 'authstarted':
      return 'requires_action';
    case 'begun':
    case 'cancelstarted':
    case 'capturestarted':
    case 'payoutstarted':
      return 'processing';
    case 'authcancelled':
    case 'cancelled':
      return 'cancelled';
    case 'authfailed':
    case 'payoutfailed':
      return 'declined';
    case 'capturefailed':
    case 'failed':
      return 'failed';
    default:
      return assertNever(known);
  }
}

/** Short transactionStatus: Y success, N failed, P pending, 3D customer at the ACS, C cancelled. */
function shortKind(shortStatus: string | undefined): OutcomeKind {
  switch (shortStatus) {
    case 'Y':
      return 'succeeded';
    case 'N':
      return 'declined';
    case 'C':
      return 'cancelled';
    case '3D':
      return 'requires_action';
    default:
      return 'processing';
  }
}

export type ResultClass = 'success' | 'declined' | 'rejected';

/**
 * Result codes by family: 0xxxx success or pending (00001 succeeded, 00004 captured, 00026 record found),
 * 1xxxx rejected by the platform or the issuer (10001 declined, 100xx operation failed, 11xxx issuer codes),
 * 2xxxx declines with a description (20007); anything else (our sandbox's 3xxxx request errors, HTTP-like
 * codes) is a rejected request.
 */
export function resultClass(code: string): ResultClass {
  if (/^0\d{4}$/.test(code) || code === '200') return 'success';
  if (/^(1|2)\d{4}$/.test(code)) return 'declined';
  return 'rejected';
}

/**
 * A payment answered with a result code but no status at all (neither long nor short): what the code alone
 * says (docs/cardgateway.md "Statuses and result codes"). 10001 (declined by the authorization system), the
 * 11xxx issuer codes and the 2xxxx declines with a description are declines; the platform's other 100xx codes
 * (an operation that failed, a record not found) and request errors are failures. Success codes stay
 * processing: without a status the answer does not say whether money was only held or taken, and the
 * inquiry will. Pending and unknown codes are processing too.
 */
export function resultCodeKind(code: string): OutcomeKind {
  if (code === '10001' || /^11\d{3}$/.test(code) || /^2\d{4}$/.test(code)) return 'declined';
  if (/^10\d{3}$/.test(code) || /^3\d{4}$/.test(code)) return 'failed';
  return 'processing';
}
