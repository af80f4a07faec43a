import type { InboundCaller, InboundReply, InboundRequest, InboundServices } from '../../facets';
import { dapiCredentials } from './credentials';
import { merchantError } from './errors';
import { RECORD, type CardFacts, type DapiSession } from './session';
import { mappingNotificationSignature, signatureEquals } from './signing';
import { notificationRequest, type Flow, type NotificationRequest } from './wire';

/**
 * Authentication of a card-mapping notification: it names Payneteasy's session token, which the merchant server
 * recorded from that session's successful check; the access token and device must be that session's too. The
 * token alone is no secret from the app, so a notification only ever maps cards to the session's own customer.
 */
export function verifyNotification(flow: Flow) {
  return async (request: InboundRequest, services: InboundServices): Promise<InboundCaller | undefined> => {
    const parsed = notificationRequest.safeParse(request.body);
    if (!parsed.success) return undefined;
    const link = await services.records.find<{ invoiceId: string }>(RECORD.token, parsed.data.session.token);
    const found = link && (await services.records.find<DapiSession>(RECORD.session, link.data.invoiceId));
    if (!found) return undefined;
    const s = found.data;
    const accessToken = services.records.open(found.siteId, s.accessTokenSealed);
    const same =
      accessToken !== undefined &&
      s.flow === flow &&
      s.token === parsed.data.session.token &&
      signatureEquals(parsed.data.session.accessToken, accessToken) &&
      parsed.data.consumer.device.serialNumber === s.serialNumber;
    return same ? { siteId: found.siteId, customerId: s.customerId, deviceId: s.serialNumber, accessToken } : undefined;
  };
}

interface Mapping {
  role: 'source' | 'destination';
  serverCardId: string;
  uniqueReferenceCardId?: string;
  bin?: string;
}

function mappingsOf(flow: Flow, n: NotificationRequest): Mapping[] {
  const out: Mapping[] = [];
  const add = (role: Mapping['role'], ref: NotificationRequest['reference'], bin: unknown) => {
    if (ref) out.push({ role, serverCardId: ref.serverCardId, uniqueReferenceCardId: ref.uniqueReferenceCardId?.toString(), bin: bin === undefined ? undefined : String(bin) });
  };
  if (flow === 'verification') add('source', n.reference ?? n.sourceCard?.reference, n.sourceCard?.bin);
  else add('source', n.sourceCard?.reference, n.sourceCard?.bin);
  if (flow === 'transfer') add('destination', n.destinationCard?.reference, n.destinationCard?.bin);
  return out;
}

/**
 * "… card mapping notification": each serverCardId Payneteasy created becomes a saved card of the session's
 * customer, whose id is the clientCardId the app uses from now on, with its uniqueReferenceCardId and the e-mail
 * the check answered with. A card the session already paid by reference is not saved again; a repeated
 * notification of the session saves nothing twice.
 */
export async function notify(flow: Flow, request: InboundRequest, caller: InboundCaller, services: InboundServices): Promise<InboundReply> {
  const n = notificationRequest.parse(request.body);
  const link = (await services.records.find<{ invoiceId: string }>(RECORD.token, n.session.token))!;
  const invoiceId = link.data.invoiceId;
  const credentials = dapiCredentials(await services.credentials(caller.siteId));
  if (!credentials) return merchantError(500, 'SERVER_FAILED', 'the merchant has no Device API settings', invoiceId);
  const session = (await services.records.find<DapiSession>(RECORD.session, invoiceId))!.data;
  const mapped = { ...session.mapped };
  for (const m of mappingsOf(flow, n)) {
    if (mapped[m.role] || alreadyReferenced(session, m)) continue;
    const saved = await services.savedCards.save(caller.siteId, { customerId: caller.customerId, providerToken: m.serverCardId, first6: m.bin?.slice(0, 6) });
    const facts: CardFacts = { serverCardId: m.serverCardId, uniqueReferenceCardId: m.uniqueReferenceCardId, email: session.checked?.email, destinationOnly: m.role === 'destination', bin: m.bin };
    await services.records.create(caller.siteId, RECORD.card, saved.id, facts);
    mapped[m.role] = saved.id;
  }
  await services.records.update<DapiSession>(RECORD.session, invoiceId, (s) => ({ ...s, mapped: { ...mapped, ...s.mapped } }));
  const checkSignature = mappingNotificationSignature(credentials.key, { nonce: session.nonce, endpointId: session.endpointId, invoiceId });
  return { status: 200, body: { invoiceId, session: { checkSignature, nonce: session.nonce, token: n.session.token } } };
}

function alreadyReferenced(s: DapiSession, m: Mapping): boolean {
  const used = m.role === 'source' ? s.checked?.sourceServerCardId : s.checked?.destinationServerCardId;
  return used === m.serverCardId;
}
