import vectors from '../vectors/cardgateway.json';
import { callbackChecksum, captureRefundChecksum, idChecksum, paymentChecksum, payoutChecksum, payWithTokenChecksum, registrationChecksum } from '../../src/providers/cardgateway/signing';
import { callbackChecksum as sandboxCallbackChecksum, expectedChecksum } from '../../src/providers/cardgateway/sandbox/checksum';

type Fields = Record<string, string>;
const all = vectors.vectors as unknown as { kind: string; description: string; fields: Fields; input: string; md5: string }[];

/** The adapter's signer for each vector kind. */
function adapterSign(kind: string, f: Fields): string {
  const keys = { memberId: f.memberId!, secureKey: f.secureKey! };
  switch (kind) {
    case 'payment':
      return paymentChecksum(keys, f.merchantTransactionId!, f.amount!);
    case 'captureRefund':
      return captureRefundChecksum(keys, f.paymentId!, f.amount!);
    case 'id':
      return idChecksum(keys, f.id!);
    case 'payout':
      return payoutChecksum(keys, f.merchantTransactionId!, f.amount!);
    case 'callback':
      return callbackChecksum(f.secureKey!, { paymentId: f.paymentId!, merchantTransactionId: f.merchantTransactionId!, amount: f.amount!, transactionStatus: f.transactionStatus! });
    case 'payWithToken':
      return payWithTokenChecksum(keys, f.registrationId!, f.amount!);
    case 'deleteRegistration':
      return idChecksum(keys, f.registrationId!);
    case 'registration':
      return registrationChecksum(keys, f.cardNumber!);
    default:
      throw new Error(`no signer for ${kind}`);
  }
}

/** The sandbox's verifier, written apart from the adapter, for the same vectors. */
function sandboxSign(kind: string, f: Fields): string {
  switch (kind) {
    case 'payment':
      return expectedChecksum('DB', f.memberId!, f.secureKey!, { id: f.merchantTransactionId!, amount: f.amount });
    case 'captureRefund':
      return expectedChecksum('CP', f.memberId!, f.secureKey!, { id: f.paymentId!, amount: f.amount });
    case 'id':
      return expectedChecksum('IN', f.memberId!, f.secureKey!, { id: f.id! });
    case 'payout':
      return expectedChecksum('PO', f.memberId!, f.secureKey!, { id: f.merchantTransactionId!, amount: f.amount });
    case 'callback':
      return sandboxCallbackChecksum(f.paymentId!, f.merchantTransactionId!, f.amount!, f.transactionStatus!, f.secureKey!);
    case 'payWithToken':
      return expectedChecksum('TOKEN', f.memberId!, f.secureKey!, { id: f.registrationId!, amount: f.amount });
    case 'deleteRegistration':
      return expectedChecksum('DL', f.memberId!, f.secureKey!, { id: f.registrationId! });
    case 'registration':
      return expectedChecksum('RG', f.memberId!, f.secureKey!, { id: f.cardNumber! });
    default:
      throw new Error(`no verifier for ${kind}`);
  }
}

describe('card gateway checksums against vectors computed with openssl dgst -md5', () => {
  it('has vectors for every checksum the platform uses, including the documented callback example', () => {
    expect(new Set(all.map((v) => v.kind))).toEqual(new Set(['payment', 'captureRefund', 'id', 'payout', 'callback', 'payWithToken', 'deleteRegistration', 'registration']));
    expect(all.some((v) => v.input.startsWith('77251|011E1D8A5C034|156.00|N|'))).toBe(true);
  });

  it.each(all.map((v) => [v.description, v] as const))('the adapter signs "%s" exactly as openssl did', (_d, v) => {
    expect(adapterSign(v.kind, v.fields)).toBe(v.md5);
  });

  it.each(all.map((v) => [v.description, v] as const))('the sandbox verifies "%s" exactly as openssl did', (_d, v) => {
    expect(sandboxSign(v.kind, v.fields)).toBe(v.md5);
  });

  it('changes the checksum when the amount is written without its two decimals', () => {
    const keys = { memberId: '10501', secureKey: 'Kx9pQ2vLm7#s' };
    const documented = all.find((v) => v.input === '10501|Kx9pQ2vLm7#s|order-0001|156.00')!;
    expect(paymentChecksum(keys, 'order-0001', '156')).not.toBe(documented.md5);
    expect(paymentChecksum(keys, 'order-0001', '156.00')).toBe(documented.md5);
  });

  it('signs a saved-card payment with the registration id where a card payment has our reference', () => {
    const keys = { memberId: '10501', secureKey: 'k' };
    expect(payWithTokenChecksum(keys, 'r1', '1.00')).not.toBe(paymentChecksum(keys, 'm1', '1.00'));
    expect(payWithTokenChecksum(keys, 'r1', '1.00')).toBe(paymentChecksum(keys, 'r1', '1.00'));
  });

  it('puts the secure key last for payouts and second for payments, so the two never coincide', () => {
    const keys = { memberId: '10501', secureKey: 'k' };
    expect(payoutChecksum(keys, 'm1', '1.00')).not.toBe(paymentChecksum(keys, 'm1', '1.00'));
  });
});
