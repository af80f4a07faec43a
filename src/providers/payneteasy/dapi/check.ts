import type { InboundCaller, InboundReply, InboundRequest, InboundServices } from '../../facets';
import { dapiCredentials } from './credentials';
import { merchantError } from './errors';
import { resolveReferences, type Resolved } from './references';
import { RECORD, type CheckedReferences, type DapiSession } from './session';
import { checkSaleSignature, checkTransferSignature, checkVerificationSignature, initiateSignature, signatureEquals } from './signing';
import { checkRequest, type CheckRequest, type Flow } from './wire';

/**
 * Authentication of "Check …" (Payneteasy → merchant server): Payneteasy echoes what the app sent it, and only
 * the merchant server could have issued that nonce and signature for this invoice, device and access token.
 * Every echoed value must equal the recorded session, and the signature must recompute from them with the
 * site's key; the session must not have expired. Anything else is refused before the handler runs.
 */
export function verifyCheck(flow: Flow) {
  return async (request: InboundRequest, services: InboundServices): Promise<InboundCaller | undefined> => {
    const parsed = checkRequest.safeParse(request.body);
    const found = await services.records.find<DapiSession>(RECORD.session, request.params.invoiceId ?? '');
    if (!parsed.success || !found) return undefined;
    const s = found.data;
    const echo = parsed.data;
    if (s.flow !== flow || Date.parse(s.expiresAt) <= Date.now()) return undefined;
    const accessToken = services.records.open(found.siteId, s.accessTokenSealed);
    const same =
      accessToken !== undefined &&
      echo.consumer.device.serialNumber === s.serialNumber &&
      signatureEquals(echo.session.accessToken, accessToken) &&
      echo.session.nonce === s.nonce &&
      signatureEquals(echo.session.signature, s.signature);
    if (!same) return undefined;
    const credentials = dapiCredentials(await services.credentials(found.siteId));
    if (!credentials) return undefined;
    const recomputed = initiateSignature(credentials.key, { ...s, accessToken: accessToken!, amountCentis: s.amountCentis === undefined ? undefined : BigInt(s.amountCentis) });
    if (!signatureEquals(echo.session.signature, recomputed)) return undefined;
    return { siteId: found.siteId, customerId: s.customerId, deviceId: s.serialNumber, accessToken };
  };
}

/**
 * "Check …": record Payneteasy's session token (one check per session: another token is a replay and refused),
 * resolve the card references the app used to our stored serverCardIds (with the e-mail they were mapped with),
 * and answer with the stored consumer data and the check signature.
 */
export async function check(flow: Flow, request: InboundRequest, caller: InboundCaller, services: InboundServices): Promise<InboundReply> {
  const invoiceId = request.params.invoiceId!;
  const echo = checkRequest.parse(request.body);
  const resolved = await resolveReferences(flow, echo, caller, services);
  if ('refusal' in resolved) return merchantError(400, 'INVALID_REQUEST', resolved.refusal, invoiceId);
  const named = (await services.records.find<DapiSession>(RECORD.session, invoiceId))?.data.startedWith;
  if (named && (named.source !== resolved.refs.sourceClientCardId || named.destination !== resolved.refs.destinationClientCardId)) {
    return merchantError(400, 'INVALID_REQUEST', 'the card references are not the saved cards this session was started for', invoiceId);
  }
  const customer = caller.customerId ? await services.customer(caller.siteId, caller.customerId) : undefined;
  const email = resolved.email ?? customer?.email;
  let replayed = false;
  const stored = await services.records.update<DapiSession>(RECORD.session, invoiceId, (s) => {
    if (s.token !== undefined && s.token !== echo.session.token) {
      replayed = true;
      return undefined;
    }
    return { ...s, token: echo.session.token, checked: { ...resolved.refs, email } };
  });
  if (!stored || replayed) return merchantError(400, 'INVALID_REQUEST', 'this session has already been checked', invoiceId);
  await services.records.create(caller.siteId, RECORD.token, echo.session.token, { invoiceId });
  const credentials = dapiCredentials(await services.credentials(caller.siteId));
  if (!credentials) return merchantError(500, 'SERVER_FAILED', 'the merchant has no Device API settings', invoiceId);
  const s = stored.data;
  const checkSignature = signCheck(flow, credentials.key, s, resolved);
  return { status: 200, body: answer(flow, s, echo, checkSignature, resolved.refs, { ...customer, email }) };
}

function signCheck(flow: Flow, key: Buffer, s: DapiSession, resolved: Resolved): string {
  const fields = { serialNumber: s.serialNumber, nonce: s.nonce, endpointId: s.endpointId, invoiceId: s.invoiceId, ...resolved.refs };
  if (flow === 'verification') return checkVerificationSignature(key, fields);
  if (flow === 'sale') return checkSaleSignature(key, fields);
  return checkTransferSignature(key, fields);
}

interface Consumer {
  email?: string;
  phone?: string;
  birthDate?: string;
}

function answer(flow: Flow, s: DapiSession, echo: CheckRequest, checkSignature: string, refs: CheckedReferences, consumer: Consumer) {
  const body: Record<string, unknown> = {
    invoiceId: s.invoiceId,
    session: { checkSignature, nonce: s.nonce, token: echo.session.token },
    transaction: { currency: s.currency },
  };
  const birthDay = consumer.birthDate ? consumer.birthDate.split('-').reverse().join('') : undefined;
  body.consumer = { ...(consumer.email ? { email: consumer.email } : {}), ...(flow === 'verification' && birthDay ? { birthDay } : {}) };
  if (flow === 'verification' && consumer.phone) body.billing = { phone: consumer.phone };
  if (refs.sourceServerCardId) body.sourceOfFunds = { reference: { serverCardId: refs.sourceServerCardId } };
  if (refs.destinationServerCardId) body.destinationOfFunds = { reference: { serverCardId: refs.destinationServerCardId } };
  return body;
}
