import { randomInt, randomUUID } from 'node:crypto';
import { currencyExponent, isCurrency } from '../../../kernel/money';
import type { UserErrorCodeValue } from '../../../kernel/user-error-code';
import type { DeviceSession, DeviceSessionRefusal, DeviceSessionRequest, InboundCaller, InboundReply, InboundRequest, InboundServices } from '../../facets';
import { dapiCredentials } from './credentials';
import { merchantError } from './errors';
import { RECORD, SESSION_TTL_MS, type CardFacts, type DapiSession } from './session';
import { initiateSignature } from './signing';
import { initiateRequest, type Flow } from './wire';

/** The reference proxy's nonce alphabet; 64 characters, inside the document's string(32-128). */
const NONCE_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ^$';

export function newNonce(): string {
  return Array.from({ length: 64 }, () => NONCE_ALPHABET[randomInt(NONCE_ALPHABET.length)]).join('');
}

type Started = { session: DeviceSession } | { refusal: DeviceSessionRefusal };

/**
 * "Initiate verification|sale|transfer" over the app's route: the engine has checked the app's access token and
 * that it is bound to this device. Answers what the app needs for its direct call to Payneteasy.
 */
export async function initiate(flow: Flow, request: InboundRequest, caller: InboundCaller, services: InboundServices): Promise<InboundReply> {
  const parsed = initiateRequest.safeParse(request.body);
  if (!parsed.success) return merchantError(400, 'INVALID_REQUEST', `invalid ${firstIssue(parsed.error.issues)}`);
  const { transaction } = parsed.data;
  const needsAmount = flow !== 'verification';
  if (needsAmount && transaction.amountCentis === undefined) return merchantError(400, 'INVALID_REQUEST', 'invalid transaction.amountCentis: required');
  if (!needsAmount && transaction.amountCentis !== undefined) return merchantError(400, 'INVALID_REQUEST', 'invalid transaction.amountCentis: a verification has no amount');
  const amount = transaction.amountCentis === undefined ? undefined : { amountMinor: BigInt(transaction.amountCentis), currency: transaction.currency as never };
  const started = await startSession({ flow, currency: transaction.currency, amount }, caller, services);
  if ('refusal' in started) {
    const { code, field, message } = started.refusal;
    if (code === 'PROVIDER_NOT_CONFIGURED') return merchantError(500, 'SERVER_FAILED', message);
    return merchantError(400, 'INVALID_REQUEST', field ? `invalid transaction.${field}: ${message}` : message);
  }
  const s = started.session;
  return { status: 200, body: { endpointId: s.endpointId, invoiceId: s.invoiceId, session: { nonce: s.nonce, signature: s.signature } } };
}

/**
 * The merchant server's half of "Initiate …", whoever asked (the app's route, or the merchant's server through
 * GraphQL): creates the invoice (for a sale or transfer, a PENDING transaction whose reference is the invoiceId),
 * the nonce and the signature, and records the session. Saved cards named here are the only ones the check
 * will then accept for this session.
 */
export async function startSession(request: DeviceSessionRequest, caller: InboundCaller, services: InboundServices): Promise<Started> {
  const { flow, currency } = request;
  // centis are hundredths ("1.00 EUR = 100 centis"): exact only for currencies of two decimals.
  if (!isCurrency(currency) || currencyExponent(currency) !== 2) return refused('INVALID_CURRENCY', 'an ISO 4217 currency with two decimals', 'currency');
  if (request.amount && request.amount.amountMinor <= 0n) return refused('INVALID_AMOUNT', 'the amount must be positive', 'amount');
  const cardProblem = await checkCards(request, caller, services);
  if (cardProblem) return { refusal: cardProblem };
  const credentials = dapiCredentials(await services.credentials(caller.siteId));
  if (!credentials) return refused('PROVIDER_NOT_CONFIGURED', 'the merchant has no Device API settings');
  const session: DapiSession = {
    flow,
    invoiceId: randomUUID(),
    endpointId: credentials.endpointIds[flow],
    nonce: newNonce(),
    signature: '',
    accessTokenSealed: services.records.seal(caller.siteId, caller.accessToken!),
    serialNumber: caller.deviceId!,
    customerId: caller.customerId,
    currency,
    amountCentis: request.amount?.amountMinor.toString(),
    expiresAt: new Date(Date.now() + SESSION_TTL_MS).toISOString(),
    ...(request.sourceCardId || request.destinationCardId ? { startedWith: { source: request.sourceCardId, destination: request.destinationCardId } } : {}),
  };
  session.signature = initiateSignature(credentials.key, { ...session, accessToken: caller.accessToken!, amountCentis: request.amount?.amountMinor });
  await services.records.create(caller.siteId, RECORD.session, session.invoiceId, session);
  if (flow !== 'verification') {
    await services.transactions.open(caller.siteId, { reference: session.invoiceId, kind: flow === 'sale' ? 'SALE' : 'TRANSFER', amount: request.amount!, customerId: caller.customerId });
  }
  return { session: { endpointId: session.endpointId, invoiceId: session.invoiceId, nonce: session.nonce, signature: session.signature, expiresAt: session.expiresAt } };
}

const refused = (code: UserErrorCodeValue, message: string, field?: DeviceSessionRefusal['field']): Started => ({ refusal: { code, message, field } });

/** Saved cards named at the start: the customer's active Payneteasy cards; a destination-only card never pays. */
async function checkCards(request: DeviceSessionRequest, caller: InboundCaller, services: InboundServices): Promise<DeviceSessionRefusal | undefined> {
  if (request.flow === 'verification' && (request.sourceCardId || request.destinationCardId)) return { code: 'INVALID_INPUT', message: 'a verification takes no saved card', field: 'sourceCardId' };
  if (request.flow === 'sale' && request.destinationCardId) return { code: 'INVALID_INPUT', message: 'a sale has no destination card', field: 'destinationCardId' };
  for (const role of ['sourceCardId', 'destinationCardId'] as const) {
    const id = request[role];
    if (!id) continue;
    const saved = caller.customerId ? await services.savedCards.find(caller.siteId, id) : undefined;
    const facts = saved ? await services.records.find<CardFacts>(RECORD.card, id) : undefined;
    if (!saved?.active || saved.customerId !== caller.customerId || !facts) return { code: 'NOT_FOUND', message: 'no saved card of this customer with this id', field: role };
    if (role === 'sourceCardId' && facts.data.destinationOnly) return { code: 'DESTINATION_ONLY_CARD', message: 'this card may only receive a transfer', field: role };
  }
  return undefined;
}

/** The field a zod issue is about, without echoing the value. */
export function firstIssue(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  return issue ? `${issue.path.map(String).join('.') || 'body'}: ${issue.message}` : 'body';
}
