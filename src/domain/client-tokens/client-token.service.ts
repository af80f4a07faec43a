import type { EntityManager } from '@mikro-orm/postgresql';
import { AuthError, InvalidInputError, NotFoundError } from '../../kernel/errors';
import { Customer } from '../customers/customer.entity';
import { Order } from '../orders/order.entity';
import { Scope } from '../sites/api-key.entity';
import { secretMatches } from '../sites/api-key-secret';
import type { Principal } from '../sites/principal';
import { actingSite } from '../tenancy';
import { ClientToken } from './client-token.entity';
import { generateClientToken, parseClientToken } from './client-token-secret';

export const MAX_CLIENT_TOKEN_SECONDS = 3600;

export interface CreateClientTokenCommand {
  orderId?: string;
  customerId?: string;
  allowedOrigins: string[];
  expiresInSeconds: number;
}

/** Runs inside the mutation's transaction on the acting site's EntityManager; the plaintext is returned once. */
export async function createClientToken(tx: EntityManager, principal: Principal, cmd: CreateClientTokenCommand) {
  if (principal.clientToken) throw new AuthError('FORBIDDEN', 'client tokens cannot create client tokens');
  const order = cmd.orderId ? await tx.findOne(Order, { id: cmd.orderId }, { populate: ['customer'] }) : null;
  if (cmd.orderId && !order) throw new NotFoundError('order', ['input', 'orderId']);
  const customer = cmd.customerId ? await tx.findOne(Customer, { id: cmd.customerId }) : (order?.customer ?? null);
  if (cmd.customerId && !customer) throw new NotFoundError('customer', ['input', 'customerId']);
  if (order?.customer && customer && order.customer.id !== customer.id) {
    throw new InvalidInputError('CUSTOMER_MISMATCH', 'the order belongs to another customer', ['input', 'customerId']);
  }
  const secret = generateClientToken();
  const token = tx.create(ClientToken, {
    site: actingSite(tx),
    createdByKeyId: principal.apiKeyId,
    prefix: secret.prefix,
    secretHash: secret.secretHash,
    order: order ?? undefined,
    customer: customer ?? undefined,
    allowedOrigins: [...new Set(cmd.allowedOrigins)],
    expiresAt: new Date(Date.now() + cmd.expiresInSeconds * 1000),
  });
  await tx.flush();
  return { token, plaintext: secret.plaintext };
}

const INVALID = 'invalid or expired client token';

/**
 * A client token → a principal acting for its site with READ and PAY, narrowed by the grant (the GraphQL edge
 * lets it run only tokenizeCard, pay and the reads of its order). Expiry is checked on every request, and a
 * browser's Origin must be one the token allows; an app sends no Origin.
 */
export async function authenticateClientToken(em: EntityManager, bearer: string, origin: string | undefined): Promise<Principal> {
  const parsed = parseClientToken(bearer);
  if (!parsed) throw new AuthError('UNAUTHENTICATED', INVALID);
  const token = await em.findOne(ClientToken, { prefix: parsed.prefix }, { populate: ['site'], filters: false });
  if (!token || !secretMatches(parsed.secret, token.secretHash) || token.expiresAt.getTime() <= Date.now()) {
    throw new AuthError('UNAUTHENTICATED', INVALID);
  }
  if (origin !== undefined && !token.allowedOrigins.includes(origin)) {
    throw new AuthError('FORBIDDEN', `this client token is not allowed from origin ${JSON.stringify(origin.slice(0, 200))}`);
  }
  return {
    apiKeyId: token.createdByKeyId,
    siteId: token.site.id,
    siteKind: token.site.kind,
    actingSiteId: token.site.id,
    scopes: new Set([Scope.READ, Scope.PAY]),
    clientToken: {
      id: token.id,
      orderId: token.order?.id,
      customerId: token.customer?.id,
      allowedOrigins: token.allowedOrigins,
      expiresAt: token.expiresAt,
    },
  };
}

/** Whether any unexpired client token allows this origin: what a CORS preflight (which carries no token) can ask. */
export async function originAllowedByAnyToken(em: EntityManager, origin: string): Promise<boolean> {
  const rows = await em.execute(`select 1 from client_token where ? = any(allowed_origins) and expires_at > now() limit 1`, [origin]);
  return rows.length > 0;
}

/**
 * The allowed origins of a client token, for CORS on its requests; empty when the token is unknown. An expired
 * token keeps its origins here, so the page it was made for can read the 401 that says it expired.
 */
export async function allowedOriginsOf(em: EntityManager, bearer: string): Promise<string[]> {
  const parsed = parseClientToken(bearer);
  if (!parsed) return [];
  const token = await em.findOne(ClientToken, { prefix: parsed.prefix }, { filters: false });
  return token && secretMatches(parsed.secret, token.secretHash) ? token.allowedOrigins : [];
}
