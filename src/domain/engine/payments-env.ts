import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { randomBytes } from 'node:crypto';
import type { PaymentProvider } from '../../providers/provider';
import type { ProviderRegistry } from '../../providers/registry';
import { Customer } from '../customers/customer.entity';
import { DomainError } from '../../kernel/errors';
import type { CustomerData } from '../../providers/provider';
import { DEFAULT_TIMING, IdempotencyService, type PhaseTiming } from '../idempotency/idempotency.service';
import type { CredentialCipher } from '../sites/credentials';
import { Site } from '../sites/site.entity';
import type { RecoveryPolicy } from './recovery-policy';
import type { SiteCredentials } from '../tenancy';

/** Everything a payments service needs; built once per request (em, idempotency) from process-wide parts. */
export interface PaymentsEnv {
  em: EntityManager;
  idempotency: IdempotencyService;
  registry: ProviderRegistry;
  cipher: CredentialCipher;
  log: Logger;
  providerTimeoutMs: number;
  /** Absent → the defaults (RECOVERY_DEFAULTS). */
  recovery?: RecoveryPolicy;
}

export interface PaymentsParts {
  em: EntityManager;
  hashKey: Buffer;
  registry: ProviderRegistry;
  cipher: CredentialCipher;
  log: Logger;
  providerTimeoutMs: number;
  recovery?: RecoveryPolicy;
  /** Takeover age of idempotency claims and the database bounds of phases 1 and 3; defaults when absent. */
  phases?: PhaseTiming;
}

/** A PaymentsEnv on its own EntityManager fork (per request, per reconciler run, per callback). */
export function createPaymentsEnv(parts: PaymentsParts): PaymentsEnv {
  const em = parts.em.fork() as EntityManager;
  return { ...parts, em, idempotency: new IdempotencyService(em, parts.hashKey, parts.phases ?? DEFAULT_TIMING) };
}

/** The overall deadline for one provider operation: an adapter may make a token call before the real one. */
export function deadlineOf(env: Pick<PaymentsEnv, 'providerTimeoutMs'>): number {
  return env.providerTimeoutMs * 2 + 1_000;
}

/** The reference sent to the provider: short, [a-z0-9] only, so it fits every provider's id rules. */
export function newReference(prefix: 'pay' | 'cap' | 'vd' | 'rf' | 'po' | 'tk' | 'sch'): string {
  return `pg${prefix}${randomBytes(12).toString('hex')}`;
}

function credentials(env: PaymentsEnv, site: SiteCredentials, provider: string): Record<string, string> | undefined {
  const sealed = site.providerCredentials[provider];
  if (!sealed) return undefined;
  try {
    return env.cipher.decrypt(sealed, { siteId: site.id, provider });
  } catch {
    // Sealed for another site or provider (moved in the database), tampered with, or under another key.
    env.log.error({ siteId: site.id, provider }, 'stored provider credentials do not open for this site');
    throw new DomainError('PROVIDER_NOT_CONFIGURED', `this site's credentials for provider "${provider}" cannot be used`, ['input', 'provider']);
  }
}

/**
 * The adapter for this site (and the partner acting for it, if any). Credentials are decrypted when the adapter
 * is first built for these stored ciphertexts; later calls with the same row contents reuse it (registry.buildOnce).
 */
export async function adapterFor(env: PaymentsEnv, em: EntityManager, site: SiteCredentials, provider: string, partnerSiteId?: string): Promise<PaymentProvider> {
  const partner = partnerSiteId && partnerSiteId !== site.id ? await em.findOne(Site, { id: partnerSiteId }) : null;
  const sealedKey = [site.id, site.providerCredentials[provider] ?? '', partner?.id ?? '', partner?.providerCredentials[provider] ?? ''].join('\u0000');
  return env.registry.buildOnce(provider, sealedKey, () => ({
    siteId: site.id,
    credentials: credentials(env, site, provider),
    partner: partner ? { siteId: partner.id, credentials: credentials(env, partner, provider) } : undefined,
  }));
}

export function customerData(customer: Customer | null | undefined, ip?: string): CustomerData | undefined {
  if (!customer) return ip ? { ip } : undefined;
  return {
    id: customer.externalId ?? customer.id,
    email: customer.email,
    firstName: customer.firstName,
    lastName: customer.lastName,
    birthDate: customer.birthDate,
    phone: customer.phone,
    ip,
  };
}
