import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../../kernel/errors';
import type { InboundCaller } from '../../providers/provider';
import { Customer } from '../customers/customer.entity';
import { Site } from '../sites/site.entity';
import { AppAccessToken } from './app-access-token.entity';

/** Payneteasy's reference merchant proxy keeps an access token for 30 minutes; so do we by default. */
export const APP_TOKEN_TTL_MS = 30 * 60_000;

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export interface IssuedAppToken {
  accessToken: string;
  expiresAt: Date;
}

/**
 * The merchant's server has authenticated its customer (its own way) and asks the gateway for the app's access
 * token, bound to the customer's device. The token is shown once; only its hash is kept. 43 base64url
 * characters: inside DAPI's accessToken string(32-128).
 */
export async function issueAppAccessToken(
  em: EntityManager,
  request: { siteId: string; provider: string; customerId?: string; deviceId: string; ttlMs?: number },
): Promise<IssuedAppToken> {
  const deviceId = request.deviceId.trim();
  if (deviceId.length < 1 || deviceId.length > 50) throw new DomainError('INVALID_INPUT', 'the device id must be 1 to 50 characters', ['input', 'deviceId']);
  const customer = request.customerId ? await em.findOne(Customer, { id: request.customerId, site: request.siteId }) : undefined;
  if (request.customerId && !customer) throw new DomainError('NOT_FOUND', 'no such customer', ['input', 'customerId']);
  const accessToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + (request.ttlMs ?? APP_TOKEN_TTL_MS));
  em.create(AppAccessToken, {
    site: em.getReference(Site, request.siteId),
    customer: customer ?? undefined,
    provider: request.provider,
    deviceId,
    tokenHash: hashOf(accessToken),
    expiresAt,
  });
  await em.flush();
  return { accessToken, expiresAt };
}

/** The caller an access token proves, when it exists for this provider, is unexpired and bound to this device. */
export async function verifyAppAccessToken(em: EntityManager, provider: string, accessToken: string, deviceId: string): Promise<InboundCaller | undefined> {
  const rows = await em.execute(
    `select site_id, customer_id, device_id from app_access_token where token_hash = ? and provider = ? and expires_at > now()`,
    [hashOf(accessToken), provider],
  );
  const row = rows[0];
  if (!row || row.device_id !== deviceId) return undefined;
  return { siteId: row.site_id as string, customerId: (row.customer_id as string | null) ?? undefined, deviceId, accessToken };
}
