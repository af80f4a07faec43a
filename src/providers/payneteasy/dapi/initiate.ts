import { randomInt, randomUUID } from 'node:crypto';
import { currencyExponent, isCurrency, money } from '../../../kernel/money';
import type { InboundCaller, InboundReply, InboundRequest, InboundServices } from '../../facets';
import { dapiCredentials } from './credentials';
import { merchantError } from './errors';
import { RECORD, SESSION_TTL_MS, type DapiSession } from './session';
import { initiateSignature } from './signing';
import { initiateRequest, type Flow } from './wire';

/** The reference proxy's nonce alphabet; 64 characters, inside the document's string(32-128). */
const NONCE_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ^$';

export function newNonce(): string {
  return Array.from({ length: 64 }, () => NONCE_ALPHABET[randomInt(NONCE_ALPHABET.length)]).join('');
}

/**
 * "Initiate verification|sale|transfer": the engine has checked the app's access token and that it is bound to
 * this device. The merchant server creates the invoice (for a sale or transfer, a PENDING transaction whose
 * reference is the invoiceId), the nonce and the signature, records the session, and answers what the app
 * needs for its direct call to Payneteasy.
 */
export async function initiate(flow: Flow, request: InboundRequest, caller: InboundCaller, services: InboundServices): Promise<InboundReply> {
  const parsed = initiateRequest.safeParse(request.body);
  if (!parsed.success) return merchantError(400, 'INVALID_REQUEST', `invalid ${firstIssue(parsed.error.issues)}`);
  const { transaction } = parsed.data;
  const needsAmount = flow !== 'verification';
  if (needsAmount && transaction.amountCentis === undefined) return merchantError(400, 'INVALID_REQUEST', 'invalid transaction.amountCentis: required');
  if (!needsAmount && transaction.amountCentis !== undefined) return merchantError(400, 'INVALID_REQUEST', 'invalid transaction.amountCentis: a verification has no amount');
  // centis are hundredths ("1.00 EUR = 100 centis"): exact only for currencies of two decimals.
  if (!isCurrency(transaction.currency) || currencyExponent(transaction.currency) !== 2) {
    return merchantError(400, 'INVALID_REQUEST', 'invalid transaction.currency: an ISO 4217 currency with two decimals');
  }
  const credentials = dapiCredentials(await services.credentials(caller.siteId));
  if (!credentials) return merchantError(500, 'SERVER_FAILED', 'the merchant has no Device API settings');
  const session: DapiSession = {
    flow,
    invoiceId: randomUUID(),
    endpointId: credentials.endpointIds[flow],
    nonce: newNonce(),
    signature: '',
    accessToken: caller.accessToken!,
    serialNumber: caller.deviceId!,
    customerId: caller.customerId,
    currency: transaction.currency,
    amountCentis: transaction.amountCentis === undefined ? undefined : String(transaction.amountCentis),
    expiresAt: new Date(Date.now() + SESSION_TTL_MS).toISOString(),
  };
  session.signature = initiateSignature(credentials.key, {
    ...session,
    amountCentis: session.amountCentis === undefined ? undefined : BigInt(session.amountCentis),
  });
  await services.records.create(caller.siteId, RECORD.session, session.invoiceId, session);
  if (flow !== 'verification') {
    const amount = money(BigInt(transaction.amountCentis!), transaction.currency);
    await services.transactions.open(caller.siteId, { reference: session.invoiceId, kind: flow === 'sale' ? 'SALE' : 'TRANSFER', amount, customerId: caller.customerId });
  }
  return {
    status: 200,
    body: { endpointId: session.endpointId, invoiceId: session.invoiceId, session: { nonce: session.nonce, signature: session.signature } },
  };
}

/** The field a zod issue is about, without echoing the value. */
export function firstIssue(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  return issue ? `${issue.path.map(String).join('.') || 'body'}: ${issue.message}` : 'body';
}
