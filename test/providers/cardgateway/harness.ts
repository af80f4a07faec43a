import { CardData } from '../../../src/providers/card-data';
import { cardGatewayModule } from '../../../src/providers/cardgateway';
import { startProviderHarness, type Harness as ProviderHarness } from '../contract/harness';
import type { CardGatewaySandbox } from '../../../src/providers/cardgateway/sandbox/server';

export { asCallback, startListener, waitFor, type Received } from '../contract/harness';

export const MERCHANT = { partnerId: 'p-77', memberId: '10777', username: 'contract-merchant', secureKey: 'contract-secure-key' };

export type Harness = ProviderHarness<CardGatewaySandbox>;

/** The card gateway adapter ↔ its sandbox over real HTTP, for a merchant of its own. */
export function startHarness(timeoutMs = 2_000): Promise<Harness> {
  return startProviderHarness(cardGatewayModule, MERCHANT, timeoutMs);
}

let counter = 0;
export const ref = (prefix = 'ord') => `${prefix}-${Date.now().toString(36)}-${++counter}`;

export const card = (number = '4111111111111111', cvc = '123', exp = { m: 12, y: new Date().getUTCFullYear() + 2 }) => new CardData(number, exp.m, exp.y, cvc, 'Ada Lovelace');
