import vectors from '../vectors/paynearme.json';
import { signature, signed, signingString } from '../../src/providers/paynearme/signing';
import { expectedSignature, redactedVerificationString, verificationString, verifySignature } from '../../src/providers/paynearme/sandbox/verify';

interface Vector {
  description: string;
  secret: string;
  params: Record<string, string>;
  string: string;
  command: string;
  signature: string;
  source: 'published' | 'openssl';
}
const all = vectors.vectors as unknown as Vector[];

describe('PayNearMe API 3.0 signatures against test/vectors/paynearme.json', () => {
  it('holds the published worked example and at least four openssl vectors', () => {
    expect(all.filter((v) => v.source === 'published')).toHaveLength(1);
    expect(all.filter((v) => v.source === 'openssl').length).toBeGreaterThanOrEqual(4);
  });

  it.each(all.map((v) => [v.description, v] as const))("the adapter's signer builds the string and digest of: %s", (_name, v) => {
    expect(signingString(v.params)).toBe(v.string);
    expect(signature(v.params, v.secret)).toBe(v.signature);
  });

  it.each(all.map((v) => [v.description, v] as const))("the sandbox's verifier builds the string and digest of: %s", (_name, v) => {
    expect(verificationString(v.params)).toBe(v.string);
    expect(expectedSignature(v.params, v.secret)).toBe(v.signature);
    expect(verifySignature({ ...v.params, signature: v.signature }, v.secret)).toBe(true);
  });

  it('the sandbox refuses the vector under another secret, or with one value changed', () => {
    const v = all[0]!;
    expect(verifySignature({ ...v.params, signature: v.signature }, `${v.secret}x`)).toBe(false);
    expect(verifySignature({ ...v.params, order_amount: '501', signature: v.signature }, v.secret)).toBe(false);
  });

  it('leaves the signature field out of what is signed, so a signed body verifies as sent', () => {
    const v = all[1]!;
    const body = signed(v.params, v.secret);
    expect(body.signature).toBe(v.signature);
    expect(signingString(body)).toBe(v.string);
    expect(verifySignature(body, v.secret)).toBe(true);
  });

  it("the sandbox's error string hides card values but keeps every key", () => {
    const v = all.find((x) => 'payment_method_cvv_pii' in x.params)!;
    const shown = redactedVerificationString(v.params);
    expect(shown).not.toContain('4111111111111111');
    expect(shown).toContain('payment_method_card_number_pii[redacted]');
    expect(shown).toContain('site_identifierS3PPP000001');
  });
});
