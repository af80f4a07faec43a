import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The sandbox's own checksum code, written apart from the adapter's signing.ts so the two cannot share a
 * mistake. MD5 over the fields joined with "|", lowercase hex (docs/cardgateway.md "Checksums").
 */
export function md5Pipe(fields: readonly string[]): string {
  return createHash('md5').update(fields.join('|'), 'utf8').digest('hex');
}

/**
 * Field orders per operation: the secure key sits second, except payouts (last) and callbacks (last). The id
 * is the paymentId (CP, RF, RV, IN), the merchantTransactionId (DB, PA, PO, IN by MID), the card number (RG, a
 * stand-alone registration) or the registrationId (TOKEN, a payment with a saved card; DL, its deletion).
 */
export function expectedChecksum(op: string, memberId: string, secureKey: string, fields: { id: string; amount?: string }): string {
  switch (op) {
    case 'DB':
    case 'PA':
      return md5Pipe([memberId, secureKey, fields.id, fields.amount ?? '']);
    case 'CP':
    case 'RF':
      return md5Pipe([memberId, secureKey, fields.id, fields.amount ?? '']);
    case 'RV':
    case 'IN':
    case 'DL':
    case 'RG':
      return md5Pipe([memberId, secureKey, fields.id]);
    case 'TOKEN':
      return md5Pipe([memberId, secureKey, fields.id, fields.amount ?? '']);
    case 'PO':
      return md5Pipe([memberId, fields.id, fields.amount ?? '', secureKey]);
    default:
      return '';
  }
}

export function callbackChecksum(paymentId: string, merchantTransactionId: string, amount: string, shortStatus: string, secureKey: string): string {
  return md5Pipe([paymentId, merchantTransactionId, amount, shortStatus, secureKey]);
}

/** Lowercase hex only, as documented: an uppercase digest is refused. */
export function checksumMatches(received: string | undefined, expected: string): boolean {
  if (!received || !expected) return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
