import vectors from '../vectors/payneteasy-dapi.json';
import {
  checkSaleSignature,
  checkTransferSignature,
  checkVerificationSignature,
  dapiKey,
  initiateSignature,
  mappingNotificationSignature,
  signatureEquals,
} from '../../src/providers/payneteasy/dapi/signing';
import { expectedCheckSignature, expectedInitiateSignature, expectedMappingSignature } from '../../src/providers/payneteasy/sandbox/dapi/signature';

type Fields = Record<string, string>;
interface Vector {
  kind: string;
  description: string;
  controlKey: string;
  fields: Fields;
  input: string;
  signature: string;
}
const all = vectors.vectors as unknown as Vector[];

function adapterSign(v: Vector): string {
  const f = v.fields;
  const key = dapiKey(v.controlKey);
  const check = { serialNumber: f.serialNumber!, nonce: f.nonce!, endpointId: f.endpointId!, invoiceId: f.invoiceId!, sourceServerCardId: f.sourceServerCardId, destinationServerCardId: f.destinationServerCardId };
  switch (v.kind) {
    case 'initiateVerification':
    case 'initiateSale':
    case 'initiateTransfer':
      return initiateSignature(key, {
        accessToken: f.accessToken!, serialNumber: f.serialNumber!, endpointId: f.endpointId!, nonce: f.nonce!, invoiceId: f.invoiceId!, currency: f.currency!,
        amountCentis: f.amountCentis === undefined ? undefined : BigInt(f.amountCentis),
      });
    case 'checkVerification':
      return checkVerificationSignature(key, check);
    case 'checkSale':
      return checkSaleSignature(key, check);
    case 'checkTransfer':
      return checkTransferSignature(key, check);
    case 'mappingNotification':
      return mappingNotificationSignature(key, check);
    default:
      throw new Error(`no signer for ${v.kind}`);
  }
}

function sandboxSign(v: Vector): string {
  const f = v.fields;
  const facts = { ...f, amountCentis: f.amountCentis === undefined ? undefined : Number(f.amountCentis) } as never;
  switch (v.kind) {
    case 'initiateVerification':
      return expectedInitiateSignature('verification', v.controlKey, facts);
    case 'initiateSale':
      return expectedInitiateSignature('sale', v.controlKey, facts);
    case 'initiateTransfer':
      return expectedInitiateSignature('transfer', v.controlKey, facts);
    case 'checkVerification':
      return expectedCheckSignature('verification', v.controlKey, facts);
    case 'checkSale':
      return expectedCheckSignature('sale', v.controlKey, facts);
    case 'checkTransfer':
      return expectedCheckSignature('transfer', v.controlKey, facts);
    case 'mappingNotification':
      return expectedMappingSignature(v.controlKey, facts);
    default:
      throw new Error(`no verifier for ${v.kind}`);
  }
}

describe('Payneteasy DAPI signatures against vectors computed with openssl', () => {
  it('covers every signature the merchant server issues', () => {
    expect(new Set(all.map((v) => v.kind))).toEqual(
      new Set(['initiateVerification', 'initiateSale', 'initiateTransfer', 'checkVerification', 'checkSale', 'checkTransfer', 'mappingNotification']),
    );
  });

  it.each(all.map((v) => [v.description, v] as const))('the adapter signs: %s', (_d, v) => {
    expect(adapterSign(v)).toBe(v.signature);
  });

  it.each(all.map((v) => [v.description, v] as const))("the sandbox's verifier expects: %s", (_d, v) => {
    expect(sandboxSign(v)).toBe(v.signature);
  });

  it('writes 40 uppercase hex characters', () => {
    for (const v of all) expect(adapterSign(v)).toMatch(/^[0-9A-F]{40}$/);
  });

  it('refuses a control key that is not hex once its dashes are removed', () => {
    expect(() => dapiKey('not-a-key')).toThrow(/not hex/);
    expect(() => dapiKey('ABC')).toThrow(/not hex/);
    expect(() => dapiKey('')).toThrow(/not hex/);
  });

  it('compares signatures exactly: a lowercase echo or one changed character is not ours', () => {
    const v = all[0]!;
    expect(signatureEquals(v.signature, v.signature)).toBe(true);
    expect(signatureEquals(v.signature.toLowerCase(), v.signature)).toBe(false);
    expect(signatureEquals(`${v.signature.slice(0, -1)}0`, v.signature)).toBe(false);
    expect(signatureEquals(undefined, v.signature)).toBe(false);
  });
});
