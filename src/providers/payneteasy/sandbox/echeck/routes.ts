import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { minorUnits, type EcheckMerchant } from './control';
import { formReply, readForm } from './form';
import { sendCallbacks } from './notify';
import { scenarioFor } from './scenarios';
import { EcheckState, type EcheckOrder } from './state';
import { unknownEndpoint, validateSale, validateStatus, type Refusal } from './validate';

export const V2 = '/paynet/api/v2';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.min(ms, 60_000)));

function refusal(reply: FastifyReply, r: Refusal, f: Record<string, string>, serial: string): FastifyReply {
  return formReply(reply, { type: r.type, 'serial-number': serial, 'merchant-order-id': f.client_orderid, 'error-message': r.errorMessage, 'error-code': r.errorCode });
}

/** POST /paynet/api/v2/sale-echeck/:endpointId and /status/:endpointId — API v2, form-encoded both ways. */
export function registerEcheckRoutes(app: FastifyInstance, state: EcheckState): void {
  const merchantOf = (request: FastifyRequest): EcheckMerchant | string => {
    const { endpointId } = request.params as { endpointId: string };
    return state.merchants.get(endpointId) ?? endpointId;
  };
  app.post(`${V2}/sale-echeck/:endpointId`, async (request, reply) => {
    const f = readForm(request.body);
    const merchant = merchantOf(request);
    const serial = state.newSerial();
    if (typeof merchant === 'string') return refusal(reply, unknownEndpoint(merchant), f, serial);
    const refused = validateSale(merchant, f);
    if (refused) return refusal(reply, refused, f, serial);
    const order = createOrder(state, merchant, f, serial);
    if (order.scenario.delayMs) await sleep(order.scenario.delayMs);
    if (order.scenario.loseAnswer) {
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    return formReply(reply, { type: 'async-response', 'serial-number': serial, 'merchant-order-id': order.clientOrderId, 'paynet-order-id': order.orderId, 'end-point-id': merchant.endpointId });
  });
  app.post(`${V2}/status/:endpointId`, async (request, reply) => {
    const f = readForm(request.body);
    const merchant = merchantOf(request);
    const serial = state.newSerial();
    if (typeof merchant === 'string') return refusal(reply, unknownEndpoint(merchant), f, serial);
    const refused = validateStatus(merchant, f);
    if (refused) return refusal(reply, refused, f, serial);
    const order = f.orderid ? state.orders.get(f.orderid) : state.byClientOrderId(merchant.endpointId, f.client_orderid!);
    if (!order || order.endpointId !== merchant.endpointId || order.clientOrderId !== f.client_orderid) {
      return formReply(reply, { type: 'validation-error', 'serial-number': serial, 'merchant-order-id': f.client_orderid, 'error-message': `Order with client_orderid ${f.client_orderid} not found`, 'error-code': '4' });
    }
    return formReply(reply, statusFields(order, serial));
  });
}

/** status-response: the sale's status, and the amount returned or charged back since, when there is any. */
function statusFields(order: EcheckOrder, serial: string): Record<string, string | undefined> {
  const sale = EcheckState.saleOf(order);
  const reversed = order.transactions.filter((t) => t.type !== 'sale' && t.status === 'approved').reduce((sum, t) => sum + t.amountMinor, 0n);
  return {
    type: 'status-response',
    status: sale.status,
    'serial-number': serial,
    'merchant-order-id': order.clientOrderId,
    'paynet-order-id': order.orderId,
    amount: order.amount,
    currency: order.currency,
    'returned-amount': reversed > 0n ? `${reversed / 100n}.${(reversed % 100n).toString().padStart(2, '0')}` : undefined,
    'error-code': sale.errorCode,
    'error-message': sale.errorMessage,
  };
}

function createOrder(state: EcheckState, merchant: EcheckMerchant, f: Record<string, string>, serial: string): EcheckOrder {
  const scenario = scenarioFor(f.account_number!);
  const order: EcheckOrder = {
    orderId: state.newOrderId(),
    endpointId: merchant.endpointId,
    clientOrderId: f.client_orderid!,
    amount: f.amount!,
    amountMinor: BigInt(minorUnits(f.amount!)!),
    currency: f.currency!,
    email: f.email!,
    accountLast4: f.account_number!.slice(-4),
    routingNumber: f.routing_number!,
    serverCallbackUrl: f.server_callback_url,
    notifyUrl: f.notify_url,
    scenario,
    transactions: [],
  };
  order.transactions.push({ type: 'sale', status: 'processing', amountMinor: order.amountMinor, serialNumber: serial });
  state.orders.set(order.orderId, order);
  const settle = () => finish(state, order);
  if (state.knobs.processingMs > 0) setTimeout(settle, state.knobs.processingMs).unref();
  else settle();
  return order;
}

/** The ACH result: the scenario's final status, the callbacks, and any later return or chargeback. */
function finish(state: EcheckState, order: EcheckOrder): void {
  const sale = EcheckState.saleOf(order);
  const { status, errorCode, errorMessage, later } = order.scenario;
  Object.assign(sale, { status, errorCode, errorMessage });
  void sendCallbacks(state, order, sale).then(() => {
    if (!later || status !== 'approved') return;
    setTimeout(() => {
      const txn = { type: later.type, status: 'approved' as const, amountMinor: order.amountMinor, serialNumber: state.newSerial(), errorMessage: later.reason };
      order.transactions.push(txn);
      void sendCallbacks(state, order, txn);
    }, later.afterMs).unref();
  });
}
