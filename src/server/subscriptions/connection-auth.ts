import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { AuthError } from '../../kernel/errors';
import { parseApiKey } from '../../domain/sites/api-key-secret';
import { authenticate } from '../../domain/sites/auth.service';
import { PARTNER_SITE_REQUIRED, type Principal } from '../../domain/sites/principal';
import { siteIdOf } from '../../graphql/common/global-id';
import type { Logger } from '../logger';
import { isDatabaseUnavailable } from '../protection/database-unavailable';

/** The connection_init payload: the same two headers as over HTTP, as properties (either spelling). */
export type ConnectionParams = Record<string, unknown>;

/** Close codes: 4401 and 4403 mirror HTTP's 401 and 403; 1013 is WebSocket's "try again later". */
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;
const CLOSE_TRY_AGAIN_LATER = 1013;
const CLOSE_INTERNAL = 1011;

export type ConnectionOutcome = { principal: Principal; keyPrefix: string } | { refused: { code: number; reason: string } };

/**
 * The connection's principal, from its connection_init payload, through the very function that checks the
 * Authorization and X-Acting-Site headers of an HTTP request (same key verification, same partner grants and
 * scopes). A client token resolves to a principal limited to its order; the subscription's operation then passes
 * the same client-token gate as over HTTP (subscriptions.ts).
 */
export async function authenticateConnection(em: EntityManager, params: ConnectionParams | undefined, log: Logger, origin?: string): Promise<ConnectionOutcome> {
  const authorization = param(params, 'authorization');
  const acting = param(params, 'x-acting-site');
  try {
    const principal = await authenticate(() => em, authorization, acting ? (siteIdOf(acting) ?? acting) : undefined);
    // Over HTTP a partner without a site may still read viewer.grantedSites; every subscription needs a site.
    if (principal.choosingSite) return { refused: { code: CLOSE_FORBIDDEN, reason: PARTNER_SITE_REQUIRED } };
    if (principal.clientToken) {
      // A browser's socket: only from the token's allowed origins (CORS does not cover WebSocket). What it may
      // subscribe to is checked per operation (subscriptions.ts). Client tokens are not revoked, they expire:
      // the periodic re-check closes the socket then.
      if (origin !== undefined && !principal.clientToken.allowedOrigins.includes(origin)) return { refused: { code: CLOSE_FORBIDDEN, reason: `origin ${origin} is not allowed for this client token` } };
      return { principal, keyPrefix: `client-token:${principal.clientToken.id}` };
    }
    // authenticate accepted "Bearer <key>" with a well-formed key, so both are there.
    return { principal, keyPrefix: parseApiKey(/^Bearer\s+(\S+)$/i.exec(authorization!)![1])!.prefix };
  } catch (error) {
    if (error instanceof AuthError) {
      return { refused: { code: error.code === 'UNAUTHENTICATED' ? CLOSE_UNAUTHENTICATED : CLOSE_FORBIDDEN, reason: error.message } };
    }
    if (isDatabaseUnavailable(error)) return { refused: { code: CLOSE_TRY_AGAIN_LATER, reason: 'database unavailable, try again later' } };
    const correlationId = randomUUID();
    log.error({ err: error, correlationId }, 'internal error authenticating a WebSocket connection');
    return { refused: { code: CLOSE_INTERNAL, reason: `Internal server error (${correlationId})` } };
  }
}

/** A header-named property, matched case-insensitively like an HTTP header; only strings count. */
function param(params: ConnectionParams | undefined, name: string): string | undefined {
  const entry = Object.entries(params ?? {}).find(([key]) => key.toLowerCase() === name);
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}
