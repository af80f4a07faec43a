import { money } from '../../../src/kernel/money';
import { payneteasyModule } from '../../../src/providers/payneteasy';
import type { PayneteasySandbox } from '../../../src/providers/payneteasy/sandbox';
import type { PayRequest } from '../../../src/providers/provider';
import { Secret } from '../../../src/providers/secret';
import { startProviderHarness, type Harness } from '../contract/harness';

export { asCallback, waitFor } from '../contract/harness';

export const MERCHANT = { endpointId: '41001', login: 'echeck-merchant', controlKey: 'C0FFEE00-1111-2222-3333-444455556666' };

export type EcheckHarness = Harness<PayneteasySandbox>;

export const startEcheckHarness = (timeoutMs = 2_000): Promise<EcheckHarness> => startProviderHarness(payneteasyModule, MERCHANT, timeoutMs);

let counter = 0;
export const ref = () => `ech-${Date.now().toString(36)}-${++counter}`;

/** The document's routing number (ABA-valid) and a test account from sandbox/echeck/scenarios.ts. */
export const bankAccount = (accountNumber = '1234567890', extra: { checkNumber?: string; checkDate?: string } = {}) => ({
  type: 'bank_account' as const,
  routingNumber: '113024588',
  accountNumber: new Secret(accountNumber),
  holderName: 'John Smith',
  ...extra,
});

export function echeckPay(h: EcheckHarness, accountNumber?: string, minor = 1055n): PayRequest {
  return {
    reference: ref(),
    amount: money(minor, 'USD'),
    capture: true,
    source: bankAccount(accountNumber),
    customer: { email: 'john.smith@example.com', firstName: 'John', lastName: 'Smith', phone: '+12063582043', ip: '65.153.12.232' },
    description: 'Test Order Description',
    returnUrl: `${h.listener.url}/return`,
    notificationUrl: `${h.listener.url}/notify`,
  };
}
