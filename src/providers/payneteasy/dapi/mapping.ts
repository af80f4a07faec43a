import { assertNever } from '../../../kernel/assert-never';
import { money } from '../../../kernel/money';
import { DeclineReasonCode, type ProviderOutcome } from '../../provider';
import type { StatusResponse } from './status-wire';

/** DAPI decline codes (ISO 8583 in `errorCode`) → the neutral vocabulary; anything else is UNKNOWN. */
const DECLINES: Readonly<Record<string, DeclineReasonCode>> = {
  '5': DeclineReasonCode.DO_NOT_HONOR,
  '14': DeclineReasonCode.INVALID_CARD,
  '33': DeclineReasonCode.EXPIRED_CARD,
  '41': DeclineReasonCode.LOST_OR_STOLEN_CARD,
  '43': DeclineReasonCode.LOST_OR_STOLEN_CARD,
  '51': DeclineReasonCode.INSUFFICIENT_FUNDS,
  '54': DeclineReasonCode.EXPIRED_CARD,
  '61': DeclineReasonCode.LIMIT_EXCEEDED,
};

export function dapiDeclineReason(errorCode: string, s: Pick<StatusResponse, 'secure3DAuthStatus' | 'randomSumAuthStatus'>): DeclineReasonCode {
  if (s.secure3DAuthStatus === 'NOT_AUTHENTICATED' || s.randomSumAuthStatus === 'NOT_AUTHENTICATED') return DeclineReasonCode.AUTHENTICATION_FAILED;
  return DECLINES[errorCode] ?? DeclineReasonCode.UNKNOWN;
}

/**
 * A DAPI status answer as the engine's outcome (docs/payneteasy.md "Statuses"). TRANSFER_FEE_REQUEST is the
 * pause of consumer-defined transfer rates: `requires_action` with `fee_selection`, one option per gate
 * (id = assignedId), answered by the completion facet's "Complete transfer". Amounts are centis, so the DAPI
 * carries currencies of two decimals only; `currency` is the session's, for the commission of an approval.
 */
export function outcomeOfStatus(s: StatusResponse, currency: string): ProviderOutcome {
  const facts = { providerTransactionId: s.orderId ?? s.bankOrderId, providerStatus: s.state };
  const state = s.state;
  switch (state) {
    case 'PROCESSING':
    case 'UNKNOWN':
      return { ...facts, status: 'processing' };
    case 'REDIRECT_REQUEST':
      return s.redirectUrl ? { ...facts, status: 'requires_action', action: { type: 'redirect', url: s.redirectUrl, method: 'GET' } } : { ...facts, status: 'processing' };
    case 'TRANSFER_FEE_REQUEST': {
      const options = (s.transferFeeList ?? []).map((g) => ({ id: g.assignedId, fee: money(g.commissionCentis, g.currency), label: g.assignedId }));
      // The list "may not be presented in first Transfer status response": until it is, keep polling.
      return options.length ? { ...facts, status: 'requires_action', action: { type: 'fee_selection', options } } : { ...facts, status: 'processing' };
    }
    case 'APPROVED':
      return { ...facts, status: 'succeeded', ...(s.transaction?.commissionCentis !== undefined ? { fee: money(s.transaction.commissionCentis, currency) } : {}) };
    case 'DECLINED': {
      const code = s.errorCode === undefined ? 'DECLINED' : String(s.errorCode);
      return { ...facts, status: 'declined', code, reason: s.errorMessage ?? 'declined', reasonCode: dapiDeclineReason(code, s) };
    }
    default:
      return assertNever(state);
  }
}
