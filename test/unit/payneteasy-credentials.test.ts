import { dapiCredentials } from '../../src/providers/payneteasy/dapi/credentials';
import { echeckKeys, validatePayneteasyCredentials } from '../../src/providers/payneteasy/credentials';

const KEY = '2D3A59C1-8E4F-4B7A-9C0D-1E2F3A4B5C6D';

describe('Payneteasy credentials', () => {
  it('takes a Device-API-only account (control key and one endpoint per flow) and refuses eCheck with it for good', () => {
    const c = validatePayneteasyCredentials({ controlKey: KEY, verificationEndpointId: '4701', saleEndpointId: '4702', transferEndpointId: '4703' });
    expect(dapiCredentials(c as Record<string, string>)?.endpointIds).toEqual({ verification: '4701', sale: '4702', transfer: '4703' });
    expect(() => echeckKeys(c)).toThrow(expect.objectContaining({ kind: 'final', code: 'INVALID_CREDENTIALS' }));
  });

  it('falls back to endpointId for each flow without its own, and keeps eCheck with endpointId and login', () => {
    const c = validatePayneteasyCredentials({ controlKey: KEY, endpointId: '39790', login: 'demo', transferEndpointId: '4703' });
    expect(dapiCredentials(c as Record<string, string>)?.endpointIds).toEqual({ verification: '39790', sale: '39790', transfer: '4703' });
    expect(echeckKeys(c)).toEqual({ endpointId: '39790', login: 'demo', controlKey: KEY });
  });

  it('refuses an account with neither endpointId nor all three flow endpoints, naming the field, never a value', () => {
    const refused = (() => {
      try {
        return validatePayneteasyCredentials({ controlKey: KEY, saleEndpointId: '4702' });
      } catch (error) {
        return error as Error;
      }
    })();
    expect(refused).toMatchObject({ code: 'INVALID_CREDENTIALS', message: expect.stringContaining('endpointId') });
    expect((refused as Error).message).not.toContain(KEY);
  });
});
