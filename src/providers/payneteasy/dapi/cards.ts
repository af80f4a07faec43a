import type { InboundCaller, InboundReply, InboundServices } from '../../facets';
import { RECORD, type CardFacts } from './session';

/**
 * The app's saved cards (a gateway route beside the document's "Store reference in app or send it by request"):
 * each clientCardId with its BIN and whether it may only receive a transfer. Never a card number.
 */
export async function listCards(caller: InboundCaller, services: InboundServices): Promise<InboundReply> {
  if (!caller.customerId) return { status: 200, body: { cards: [] } };
  const saved = await services.savedCards.list(caller.siteId, caller.customerId);
  const cards = [];
  for (const card of saved) {
    const facts = await services.records.find<CardFacts>(RECORD.card, card.id);
    if (facts) cards.push({ clientCardId: card.id, bin: facts.data.bin, uniqueReferenceCardId: facts.data.uniqueReferenceCardId, destinationOnly: facts.data.destinationOnly });
  }
  return { status: 200, body: { cards } };
}
