import { randomInt, randomUUID } from 'node:crypto';
import { checkWithMerchant, notifyMapping, type CheckVerdict } from './merchant-calls';
import { cardScenario, transferGates } from './scenarios';
import type { DapiInvoice, DapiMerchant, DapiSandboxState, StoredCard } from './state';

/** Error codes the sandbox answers a decline with when no test card decided it. */
const CHECK_FAILED = { errorCode: 100, errorMessage: 'Merchant check failed' };
const EMAIL_RULE = { errorCode: 101, errorMessage: 'consumer.email does not match the card reference' };
const BAD_REFERENCE = { errorCode: 102, errorMessage: 'Unknown or unusable card reference' };

export function decline(inv: DapiInvoice, reason: { errorCode: number; errorMessage: string }): void {
  Object.assign(inv, { state: 'DECLINED', ...reason, redirectUrl: undefined, bankOrderId: inv.bankOrderId ?? `bo-${randomUUID().slice(0, 8)}` });
}

/**
 * After "Perform …" was accepted: ask the merchant server ("Check …") and refuse to go on unless it answers
 * rightly; resolve card references to the cards Payneteasy holds; pause for the consumer's gate when the
 * merchant has consumer-defined transfer rates; then authenticate the cardholder.
 */
export async function afterPerform(state: DapiSandboxState, merchant: DapiMerchant, inv: DapiInvoice, baseUrl: string): Promise<void> {
  const verdict = await checkWithMerchant(merchant, inv);
  inv.checkVerdict = verdict.ok ? 'accepted' : verdict.reason;
  if (verdict.ok) inv.checkAnswer = verdict.answer;
  if (!verdict.ok) return decline(inv, CHECK_FAILED);
  const problem = resolveCards(state, inv, verdict);
  if (problem) return decline(inv, problem);
  if (inv.flow === 'transfer' && merchant.consumerDefinedRates) {
    inv.state = 'TRANSFER_FEE_REQUEST';
    inv.transferFeeList = transferGates(inv.amountCentis ?? 0, inv.currency);
    return;
  }
  await authenticate(state, merchant, inv, baseUrl);
}

function resolveCards(state: DapiSandboxState, inv: DapiInvoice, verdict: Extract<CheckVerdict, { ok: true }>) {
  const a = verdict.answer;
  if (inv.source.clientCardId) {
    const card = state.cards.get(a.sourceOfFunds?.reference?.serverCardId ?? '');
    if (!card || card.destinationOnly) return BAD_REFERENCE;
    if (card.email !== undefined && (card.email !== inv.email || a.consumer?.email !== card.email)) return EMAIL_RULE;
    inv.sourceCard = card;
  }
  if (inv.destination?.clientCardId) {
    const card = state.cards.get(a.destinationOfFunds?.reference?.serverCardId ?? '');
    if (!card) return BAD_REFERENCE;
    inv.destinationCard = card;
  }
  return undefined;
}

/** 3-D Secure (challenge or frictionless), the random sum check for cards outside 3-D Secure, or the issuer's decline. */
export async function authenticate(state: DapiSandboxState, merchant: DapiMerchant, inv: DapiInvoice, baseUrl: string): Promise<void> {
  const scenario = inv.sourceCard?.scenario ?? cardScenario(inv.source.pan ?? '');
  switch (scenario.kind) {
    case 'decline':
      inv.secure3DAuthStatus = 'AUTHENTICATED';
      return decline(inv, scenario);
    case 'three_d_secure':
      inv.state = 'REDIRECT_REQUEST';
      inv.redirectUrl = `${baseUrl}/paynet/dapi/v1/__acs/${inv.token}`;
      return;
    case 'random_sum':
      inv.secure3DAuthStatus = 'UNSUPPORTED';
      inv.randomSumCentis = randomInt(1, 100);
      inv.state = 'REDIRECT_REQUEST';
      inv.redirectUrl = `${baseUrl}/paynet/dapi/v1/__random-sum/${inv.token}`;
      return;
    case 'approve':
      inv.secure3DAuthStatus = 'AUTHENTICATED';
      return finish(state, merchant, inv);
  }
}

/** Process the preauth / sale / transfer, map the new cards to the merchant server, then APPROVED. */
export async function finish(state: DapiSandboxState, merchant: DapiMerchant, inv: DapiInvoice): Promise<void> {
  inv.state = 'PROCESSING';
  inv.redirectUrl = undefined;
  const cards: Record<string, unknown> = {};
  if (inv.source.pan) {
    inv.sourceCard = mint(state, inv.source.pan, inv.email, false);
    const ref = { serverCardId: inv.sourceCard.serverCardId, uniqueReferenceCardId: inv.sourceCard.uniqueReferenceCardId };
    if (inv.flow === 'verification') Object.assign(cards, { reference: ref, sourceCard: { bin: Number(inv.sourceCard.bin) } });
    else cards.sourceCard = { bin: Number(inv.sourceCard.bin), reference: ref };
  }
  if (inv.destination?.pan) {
    inv.destinationCard = mint(state, inv.destination.pan, inv.email, true);
    cards.destinationCard = { bin: Number(inv.destinationCard.bin), reference: { serverCardId: inv.destinationCard.serverCardId, uniqueReferenceCardId: inv.destinationCard.uniqueReferenceCardId } };
  }
  if (Object.keys(cards).length) inv.mappingVerdict = await notifyMapping(merchant, inv, cards);
  inv.bankOrderId = `bo-${randomUUID().slice(0, 8)}`;
  inv.orderId = String(randomInt(1_000_000, 9_999_999));
  inv.state = 'APPROVED';
}

function mint(state: DapiSandboxState, pan: string, email: string, destinationOnly: boolean): StoredCard {
  let unique = state.uniqueIds.get(pan);
  if (unique === undefined) {
    unique = 700_000 + state.uniqueIds.size + 1;
    state.uniqueIds.set(pan, unique);
  }
  const card: StoredCard = {
    serverCardId: `sc-${randomUUID()}`,
    uniqueReferenceCardId: unique,
    bin: pan.slice(0, 6),
    last4: pan.slice(-4),
    scenario: cardScenario(pan),
    email,
    destinationOnly,
  };
  state.cards.set(card.serverCardId, card);
  return card;
}
