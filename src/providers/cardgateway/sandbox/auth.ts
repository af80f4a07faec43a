import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { RESULT, type Result } from './codes';
import type { SandboxMerchant, SandboxState } from './state';

export interface Reply {
  http: number;
  body: Record<string, unknown>;
}

const signingKey = randomBytes(32);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const sign = (data: string) => createHmac('sha256', signingKey).update(data).digest('base64url');

export const errorReply = (http: number, result: Result): Reply => ({ http, body: { result, timestamp: new Date().toISOString() } });

/**
 * POST /authToken (form-encoded): authentication.partnerId, merchant.username, authentication.sKey → a JWT
 * with "iss":"PZ", valid knobs.tokenTtlMs (the platform's: one hour). Response shape per docs/cardgateway.md
 * "Auth token".
 */
export function issueToken(state: SandboxState, fields: Record<string, string>): Reply {
  const partnerId = fields['authentication.partnerId'];
  const username = fields['merchant.username'];
  const secretKey = fields['authentication.sKey'];
  if (!partnerId || !username || !secretKey) return errorReply(400, { ...RESULT.invalidRequest, description: 'Invalid request: authentication.partnerId, merchant.username and authentication.sKey are required' });
  const merchant = state.merchantByUsername(partnerId, username);
  if (!merchant || !sameText(merchant.secureKey, secretKey)) return errorReply(403, RESULT.invalidCredentials);
  const now = Date.now();
  const expiresAt = now + state.knobs.tokenTtlMs;
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iss: 'PZ', sub: username, role: 'merchant', iat: Math.floor(now / 1000), exp: Math.floor(expiresAt / 1000), jti: randomBytes(8).toString('hex') })}`;
  const token = `${unsigned}.${sign(unsigned)}`;
  state.tokens.set(token, { memberId: merchant.memberId, expiresAt });
  return {
    http: 200,
    body: { partnerId, memberId: merchant.memberId, result: RESULT.token, timestamp: new Date(now).toISOString(), LoginName: username, AuthToken: token },
  };
}

/** The AuthToken header (any case) must be a token we issued and that has not expired: else HTTP 401. */
export function authenticate(state: SandboxState, headers: Record<string, unknown>, fields: Record<string, string>): SandboxMerchant | Reply {
  const token = headers['authtoken'];
  const issued = typeof token === 'string' ? state.tokens.get(token) : undefined;
  if (!issued || issued.expiresAt <= Date.now()) return errorReply(401, RESULT.invalidToken);
  const merchant = state.merchants.get(issued.memberId);
  if (!merchant) return errorReply(401, RESULT.invalidToken);
  if (fields['authentication.memberId'] !== merchant.memberId) {
    return errorReply(400, { ...RESULT.invalidRequest, description: 'Invalid request: authentication.memberId does not match the authToken' });
  }
  return merchant;
}

export function expireAllTokens(state: SandboxState): void {
  for (const issued of state.tokens.values()) issued.expiresAt = 0;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
