import { checkAnswer, mappingAnswer, type CheckAnswer } from './bodies';
import { expectedCheckSignature, expectedMappingSignature } from './signature';
import { DapiSandboxState, type DapiInvoice, type DapiMerchant } from './state';

const MERCHANT_TIMEOUT_MS = 5_000;

async function post(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(MERCHANT_TIMEOUT_MS),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json };
}

export type CheckVerdict = { ok: true; answer: CheckAnswer } | { ok: false; reason: string };

/**
 * "Check …" as Payneteasy sends it: what the app sent in Perform, echoed to the merchant server. Payneteasy goes
 * on only with a 200 whose invoiceId, nonce, token and checkSignature are right.
 */
export async function checkWithMerchant(merchant: DapiMerchant, inv: DapiInvoice): Promise<CheckVerdict> {
  const server = DapiSandboxState.merchantServerOf(merchant);
  if (!server) return { ok: false, reason: 'no merchant server URL configured' };
  const body: Record<string, unknown> = {
    consumer: { device: { serialNumber: inv.serialNumber } },
    session: { accessToken: inv.accessToken, nonce: inv.nonce, signature: inv.signature, token: inv.token },
  };
  if (inv.source.clientCardId) body.sourceOfFunds = { reference: { clientCardId: inv.source.clientCardId } };
  if (inv.destination?.clientCardId) body.destinationOfFunds = { reference: { clientCardId: inv.destination.clientCardId } };
  let answer: { status: number; json: unknown };
  try {
    answer = await post(`${server}/${inv.flow}/${encodeURIComponent(inv.invoiceId)}/check`, body);
  } catch (error) {
    return { ok: false, reason: `merchant server unreachable: ${(error as Error).message}` };
  }
  if (answer.status !== 200) return { ok: false, reason: `merchant server answered HTTP ${answer.status}: ${JSON.stringify(answer.json)}` };
  const parsed = checkAnswer.safeParse(answer.json);
  if (!parsed.success) return { ok: false, reason: 'unreadable check answer' };
  const a = parsed.data;
  if (a.invoiceId !== inv.invoiceId || a.session.nonce !== inv.nonce || a.session.token !== inv.token) return { ok: false, reason: 'check answer names another session' };
  const expected = expectedCheckSignature(inv.flow, merchant.controlKey, {
    serialNumber: inv.serialNumber,
    nonce: inv.nonce,
    endpointId: inv.endpointId,
    invoiceId: inv.invoiceId,
    sourceServerCardId: a.sourceOfFunds?.reference?.serverCardId,
    destinationServerCardId: a.destinationOfFunds?.reference?.serverCardId,
  });
  if (a.session.checkSignature !== expected) return { ok: false, reason: 'checkSignature mismatch' };
  return { ok: true, answer: a };
}

/** "… card mapping notification": the references Payneteasy created; the answer must carry the right checkSignature. */
export async function notifyMapping(merchant: DapiMerchant, inv: DapiInvoice, cards: Record<string, unknown>): Promise<string> {
  const server = DapiSandboxState.merchantServerOf(merchant);
  if (!server) return 'no merchant server URL configured';
  const body = { consumer: { device: { serialNumber: inv.serialNumber } }, session: { accessToken: inv.accessToken, token: inv.token }, ...cards };
  try {
    const answer = await post(`${server}/${inv.flow}/notification`, body);
    const parsed = mappingAnswer.safeParse(answer.json);
    if (answer.status !== 200 || !parsed.success) return `refused: HTTP ${answer.status}`;
    const expected = expectedMappingSignature(merchant.controlKey, { nonce: inv.nonce, endpointId: inv.endpointId, invoiceId: inv.invoiceId });
    if (parsed.data.invoiceId !== inv.invoiceId || parsed.data.session.checkSignature !== expected) return 'refused: checkSignature mismatch';
    return 'accepted';
  } catch (error) {
    return `unreachable: ${(error as Error).message}`;
  }
}
