import type { FastifyReply, FastifyRequest } from 'fastify';
import { statusBody } from './bodies';
import { pneError } from './perform';
import { authenticate } from './processing';
import type { Flow } from './signature';
import type { DapiInvoice, DapiSandboxState } from './state';

/** The invoice a status or complete request names, when its access token and session token are the invoice's. */
function sessionInvoice(state: DapiSandboxState, flow: Flow, request: FastifyRequest, reply: FastifyReply): DapiInvoice | FastifyReply {
  const { endpointId, invoiceId } = request.params as { endpointId: string; invoiceId: string };
  const parsed = statusBody.safeParse(request.body);
  if (!parsed.success) return pneError(reply, 400, 'INVALID_REQUEST', 'session.accessToken and session.token are required', invoiceId);
  const inv = state.invoices.get(state.invoiceKey(endpointId, invoiceId));
  if (!inv || inv.flow !== flow) return pneError(reply, 404, 'ORDER_NOT_FOUND', 'no such invoice', invoiceId);
  if (inv.accessToken !== parsed.data.session.accessToken || inv.token !== parsed.data.session.token) {
    return pneError(reply, 400, 'INVALID_REQUEST', 'the session does not match this invoice', invoiceId);
  }
  return inv;
}

/** "Verification|Sale|Transfer status": the state, and what the app needs for it (redirect, fee list, decline). */
export function status(state: DapiSandboxState, flow: Flow, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const inv = sessionInvoice(state, flow, request, reply);
  if (!('invoiceId' in inv)) return inv;
  const final = inv.state === 'APPROVED' || inv.state === 'DECLINED';
  return reply.send({
    invoiceId: inv.invoiceId,
    session: { token: inv.token },
    state: inv.state,
    ...(inv.state === 'REDIRECT_REQUEST' ? { redirectUrl: inv.redirectUrl } : {}),
    ...(inv.state === 'TRANSFER_FEE_REQUEST' ? { transferFeeList: inv.transferFeeList } : {}),
    ...(final ? { bankOrderId: inv.bankOrderId, orderId: inv.orderId } : {}),
    ...(inv.state === 'DECLINED' ? { errorCode: inv.errorCode, errorMessage: inv.errorMessage } : {}),
    ...(inv.secure3DAuthStatus ? { secure3DAuthStatus: inv.secure3DAuthStatus } : {}),
    ...(inv.randomSumAuthStatus ? { randomSumAuthStatus: inv.randomSumAuthStatus } : {}),
    ...(inv.flow !== 'verification' && final ? { transaction: { amountCentis: inv.amountCentis, commissionCentis: inv.commissionCentis ?? 0 } } : {}),
  });
}

/**
 * "Complete transfer" with the consumer's gate: only in TRANSFER_FEE_REQUEST, only a listed assignedId, only
 * once (a second one finds the transfer no longer paused and is refused).
 */
export function completeTransfer(state: DapiSandboxState, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const inv = sessionInvoice(state, 'transfer', request, reply);
  if (!('invoiceId' in inv)) return inv;
  const { assignedId } = request.params as { assignedId: string };
  if (inv.state !== 'TRANSFER_FEE_REQUEST') return pneError(reply, 400, 'INVALID_REQUEST', 'the transfer is not waiting for a fee selection', inv.invoiceId);
  const gate = inv.transferFeeList?.find((g) => g.assignedId === assignedId);
  if (!gate) return pneError(reply, 400, 'INVALID_REQUEST', `unknown assignedId ${assignedId}`, inv.invoiceId);
  inv.assignedId = gate.assignedId;
  inv.commissionCentis = gate.commissionCentis;
  inv.state = 'PROCESSING';
  const merchant = state.merchants.get(inv.endpointId)!;
  state.track(authenticate(state, merchant, inv, `${request.protocol}://${request.headers.host}`).catch(() => undefined));
  if (state.knobs.loseNextCompleteAnswer) {
    // The gate is taken and the transfer goes on; only the answer is lost on the way back (a fault for tests).
    state.knobs.loseNextCompleteAnswer = false;
    reply.hijack();
    request.raw.socket.destroy();
    return reply;
  }
  return reply.send({ invoiceId: inv.invoiceId, session: { token: inv.token } });
}
