import { ProviderError, type CompletionFacet, type ProviderContext, type ProviderOutcome, type StatusRequest, type CallOptions } from '../../provider';
import { DapiClient, type DapiSessionRef } from './client';
import { outcomeOfStatus } from './mapping';
import { RECORD, type DapiSession } from './session';

/** The session an engine reference names (the DAPI invoiceId), with what asking Payneteasy about it takes. */
async function sessionOf(context: ProviderContext, invoiceId: string): Promise<{ ref: DapiSessionRef; currency: string } | undefined> {
  if (!context.records) throw new ProviderError('final', 'NO_RECORDS', 'the Device API needs the gateway database to find its sessions');
  const found = await context.records.find<DapiSession>(RECORD.session, invoiceId);
  if (!found || found.siteId !== context.siteId || !found.data.token) return undefined;
  const s = found.data;
  const accessToken = context.records.open(found.siteId, s.accessTokenSealed);
  if (accessToken === undefined) return undefined;
  return { ref: { flow: s.flow, endpointId: s.endpointId, invoiceId: s.invoiceId, accessToken, token: s.token! }, currency: s.currency };
}

/** Whether an engine reference is a DAPI invoice (a session the merchant-server endpoints recorded at Initiate). */
export async function isDapiReference(context: ProviderContext, reference: string): Promise<boolean> {
  return (await context.records?.find<DapiSession>(RECORD.session, reference)) !== undefined;
}

/**
 * `payments.status` of a DAPI session: not_found until Payneteasy has checked it with the merchant server (it
 * has no session token before), then Payneteasy's own status answer, mapped.
 */
export function dapiStatus(context: ProviderContext) {
  const client = new DapiClient(context);
  return async (request: StatusRequest, options?: CallOptions): Promise<ProviderOutcome> => {
    const session = await sessionOf(context, request.reference);
    if (!session) return { status: 'not_found' };
    const answer = await client.status(session.ref, options);
    return answer === 'not_found' ? { status: 'not_found' } : outcomeOfStatus(answer, session.currency);
  };
}

/**
 * The completion of a transfer paused at TRANSFER_FEE_REQUEST: "Complete transfer" with the chosen gate
 * (feeOptionId = assignedId), sent at most once by the engine (`choice`), then the status as it stands.
 */
export function dapiCompletion(context: ProviderContext): CompletionFacet {
  const client = new DapiClient(context);
  return {
    kind: 'choice',
    complete: async (request, options) => {
      if (!request.feeOptionId) throw new ProviderError('final', 'FEE_OPTION_REQUIRED', 'Complete transfer needs the chosen fee option (assignedId)');
      const session = await sessionOf(context, request.reference);
      if (!session || session.ref.flow !== 'transfer') throw new ProviderError('final', 'ORDER_NOT_FOUND', 'no checked Device API transfer with this reference');
      await client.completeTransfer(session.ref, request.feeOptionId, options);
      const answer = await client.status(session.ref, options);
      return answer === 'not_found' ? { status: 'processing' } : outcomeOfStatus(answer, session.currency);
    },
  };
}
