import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../../kernel/errors';
import type { Money } from '../../kernel/money';
import type { DeviceFlow, DeviceSession, DeviceSessionRequest } from '../../providers/provider';
import type { ProviderRegistry } from '../../providers/registry';
import type { CredentialCipher } from '../sites/credentials';
import { unscoped } from '../tenancy';
import { Transaction } from '../transactions/transaction.entity';
import { verifyAppAccessToken } from './app-access-tokens';
import { createInboundServices } from './inbound-services';

export interface StartDeviceSessionCommand {
  provider: string;
  flow: DeviceFlow;
  accessToken: string;
  deviceId: string;
  currency: string;
  amount?: Money;
  sourceCardId?: string;
  destinationCardId?: string;
}

export interface DeviceSessionDeps {
  registry: ProviderRegistry;
  cipher: CredentialCipher;
  /** The root EntityManager: the provider's records and the inbound transaction are written beside the mutation's. */
  rootEm: EntityManager;
}

/** The input field each part of the provider's request came from, for the userError. */
const FIELDS: Record<keyof DeviceSessionRequest, string[]> = {
  flow: ['input'],
  currency: ['input', 'currency'],
  amount: ['input', 'amount'],
  sourceCardId: ['input', 'sourcePaymentMethodId'],
  destinationCardId: ['input', 'destinationPaymentMethodId'],
};

/**
 * The merchant's server starts what its app will perform with the provider directly (Payneteasy's "Initiate …"),
 * through GraphQL: the app's access token must be one the gateway issued to this site for this device, as on
 * the app's own route. A sale or transfer is a PENDING transaction from here on, followed by the engine.
 */
export async function startDeviceSession(tx: EntityManager, deps: DeviceSessionDeps, siteId: string, cmd: StartDeviceSessionCommand): Promise<{ session: DeviceSession; transactionId?: string }> {
  const declaration = deps.registry.facet(cmd.provider, 'inboundRoutes', 'sessions for a mobile app');
  if (!declaration.startSession) throw new DomainError('UNSUPPORTED_BY_PROVIDER', `provider "${cmd.provider}" has no mobile app sessions`, ['input', 'provider']);
  const caller = await verifyAppAccessToken(tx, cmd.provider, cmd.accessToken, cmd.deviceId);
  if (!caller || caller.siteId !== siteId) {
    throw new DomainError('INVALID_ACCESS_TOKEN', 'the access token is unknown, expired, or was not issued for this device', ['input', 'accessToken']);
  }
  const services = createInboundServices(unscoped(deps.rootEm), deps.cipher, cmd.provider);
  const request: DeviceSessionRequest = { flow: cmd.flow, currency: cmd.currency, amount: cmd.amount, sourceCardId: cmd.sourceCardId, destinationCardId: cmd.destinationCardId };
  const started = await declaration.startSession(request, caller, services);
  if ('refusal' in started) {
    const { code, message, field } = started.refusal;
    // A sale or transfer names its currency inside the amount.
    const path = field === 'currency' && cmd.amount ? ['input', 'amount', 'currency'] : field ? FIELDS[field] : ['input'];
    throw new DomainError(code, message, path);
  }
  const txn = cmd.flow === 'verification' ? null : await tx.findOne(Transaction, { reference: started.session.invoiceId, provider: cmd.provider });
  return { session: started.session, transactionId: txn?.id };
}
