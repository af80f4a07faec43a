import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { performSale, performTransfer, performVerification } from './bodies';
import { afterPerform } from './processing';
import { expectedInitiateSignature, type Flow } from './signature';
import type { DapiCardInput, DapiInvoice, DapiSandboxState } from './state';

export function pneError(reply: FastifyReply, status: number, cause: string, message: string, invoiceId?: string): FastifyReply {
  return reply.code(status).send({ error: { cause, code: randomUUID(), message }, ...(invoiceId ? { invoiceId } : {}) });
}

const SCHEMAS = { verification: performVerification, sale: performSale, transfer: performTransfer } as const;

type Perform = z.infer<typeof performVerification> | z.infer<typeof performSale> | z.infer<typeof performTransfer>;

function cardsOf(flow: Flow, body: Perform): { source: DapiCardInput; destination?: DapiCardInput } {
  if (flow === 'verification') return { source: { pan: (body as z.infer<typeof performVerification>).sourceCard.number } };
  const b = body as z.infer<typeof performTransfer>;
  const source = { pan: b.sourceOfFunds.card?.number, clientCardId: b.sourceOfFunds.reference?.clientCardId };
  if (flow === 'sale') return { source };
  return { source, destination: { pan: b.destinationOfFunds.card?.number, clientCardId: b.destinationOfFunds.reference?.clientCardId } };
}

function expired(body: Perform): boolean {
  const card = 'sourceCard' in body ? body.sourceCard : 'sourceOfFunds' in body ? body.sourceOfFunds.card : undefined;
  if (!card) return false;
  const now = new Date();
  return card.expiry.year < now.getUTCFullYear() || (card.expiry.year === now.getUTCFullYear() && card.expiry.month < now.getUTCMonth() + 1);
}

/**
 * "Perform verification|sale|transfer" (the app → Payneteasy): validate, check the merchant's initiate signature
 * ("pne -> pne: check signature"), answer the session token at once, and go on in the background (the merchant
 * check, then the cardholder's authentication), which the app follows with status requests.
 */
export async function perform(state: DapiSandboxState, flow: Flow, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const { endpointId, invoiceId } = request.params as { endpointId: string; invoiceId: string };
  const merchant = state.merchants.get(endpointId);
  if (!merchant) return pneError(reply, 400, 'INVALID_CONFIGURATION', `End point with id ${endpointId} not found`, invoiceId);
  const parsed = SCHEMAS[flow].safeParse(request.body);
  if (!parsed.success) return pneError(reply, 400, 'INVALID_REQUEST', `invalid ${parsed.error.issues[0]?.path.join('.') ?? 'body'}: ${parsed.error.issues[0]?.message}`, invoiceId);
  const body = parsed.data as Perform;
  if (expired(body)) return pneError(reply, 400, 'INVALID_REQUEST', 'the card has expired', invoiceId);
  const amountCentis = 'amountCentis' in body.transaction ? body.transaction.amountCentis : undefined;
  const facts = { ...body.session, serialNumber: body.consumer.device.serialNumber, endpointId, invoiceId, currency: body.transaction.currency, amountCentis };
  if (body.session.signature !== expectedInitiateSignature(flow, merchant.controlKey, facts)) {
    return pneError(reply, 400, 'INVALID_REQUEST', 'session.signature does not match', invoiceId);
  }
  const key = state.invoiceKey(endpointId, invoiceId);
  if (state.invoices.has(key)) return pneError(reply, 400, 'INVALID_REQUEST', 'this invoice has already been performed', invoiceId);
  const inv: DapiInvoice = {
    flow, endpointId, invoiceId, token: randomUUID(), accessToken: body.session.accessToken, nonce: body.session.nonce, signature: body.session.signature,
    serialNumber: body.consumer.device.serialNumber, email: body.consumer.email, currency: body.transaction.currency, amountCentis,
    ...cardsOf(flow, body), state: 'PROCESSING', createdAt: new Date().toISOString(),
  };
  state.invoices.set(key, inv);
  const baseUrl = `${request.protocol}://${request.headers.host}`;
  state.track(afterPerform(state, merchant, inv, baseUrl).catch(() => undefined));
  return reply.send({ invoiceId, session: { token: inv.token } });
}
