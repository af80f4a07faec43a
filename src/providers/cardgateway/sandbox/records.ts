import type { FastifyInstance } from 'fastify';
import type { SandboxState } from './state';

/** One transaction as the platform sees it, in plain JSON (cents as strings): what the fault suite compares with. */
export interface PaymentRecord {
  paymentId: string;
  merchantTransactionId: string;
  paymentType: string;
  status: string;
  amountCents: string;
  capturedCents: string;
  refundedCents: string;
  refundCount: number;
  /** Times money was taken or held under this merchantTransactionId (all of the member's payments). */
  charges: number;
}

export function paymentRecords(state: SandboxState): PaymentRecord[] {
  return [...state.payments.values()].map((p) => ({
    paymentId: p.paymentId,
    merchantTransactionId: p.merchantTransactionId,
    paymentType: p.paymentType,
    status: p.status,
    amountCents: String(p.amountCents),
    capturedCents: String(p.capturedCents),
    refundedCents: String(p.refundedCents),
    refundCount: p.refundCount,
    charges: state.charges.get(`${p.memberId}|${p.merchantTransactionId}`) ?? 0,
  }));
}

/** GET /__sandbox/payments: every transaction the sandbox holds, for invariant checks from another process. */
export function registerRecordRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get('/__sandbox/payments', async () => paymentRecords(state));
}
