import type { InboundCaller, InboundServices } from '../../facets';
import { RECORD, type CardFacts, type CheckedReferences } from './session';
import type { CheckRequest, Flow } from './wire';

export interface Resolved {
  refs: CheckedReferences;
  /** The e-mail the source (else destination) reference was mapped with, which the check answer must carry. */
  email?: string;
}

/**
 * The clientCardIds Payneteasy echoes, as our serverCardIds: each must be a saved Payneteasy card of this
 * session's customer, still active. A destination card of an earlier transfer may only be a destination again.
 */
export async function resolveReferences(flow: Flow, echo: CheckRequest, caller: InboundCaller, services: InboundServices): Promise<Resolved | { refusal: string }> {
  const source = echo.sourceOfFunds?.reference?.clientCardId;
  const destination = echo.destinationOfFunds?.reference?.clientCardId;
  if (flow === 'verification' && (source || destination)) return { refusal: 'a verification takes no card reference' };
  if (flow === 'sale' && destination) return { refusal: 'a sale has no destination of funds' };
  const refs: CheckedReferences = {};
  let email: string | undefined;
  if (source) {
    const card = await cardOf(source, caller, services);
    if (!card) return { refusal: 'unknown sourceOfFunds.reference.clientCardId' };
    if (card.destinationOnly) return { refusal: 'this card reference may only receive a transfer' };
    refs.sourceClientCardId = source;
    refs.sourceServerCardId = card.serverCardId;
    email = card.email;
  }
  if (destination) {
    const card = await cardOf(destination, caller, services);
    if (!card) return { refusal: 'unknown destinationOfFunds.reference.clientCardId' };
    refs.destinationClientCardId = destination;
    refs.destinationServerCardId = card.serverCardId;
    email ??= card.email;
  }
  return { refs, email };
}

async function cardOf(clientCardId: string, caller: InboundCaller, services: InboundServices): Promise<CardFacts | undefined> {
  if (!caller.customerId) return undefined;
  const saved = await services.savedCards.find(caller.siteId, clientCardId);
  if (!saved?.active || saved.customerId !== caller.customerId || !saved.providerToken) return undefined;
  const facts = await services.records.find<CardFacts>(RECORD.card, clientCardId);
  return facts && facts.siteId === caller.siteId ? { ...facts.data, serverCardId: saved.providerToken } : undefined;
}
