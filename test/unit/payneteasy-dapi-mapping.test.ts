import { money } from '../../src/kernel/money';
import { outcomeOfStatus } from '../../src/providers/payneteasy/dapi/mapping';
import { statusResponse } from '../../src/providers/payneteasy/dapi/status-wire';
import { DeclineReasonCode } from '../../src/providers/provider';

const read = (body: unknown) => outcomeOfStatus(statusResponse.parse(body), 'EUR');
const base = { invoiceId: 'inv-1', session: { token: 'tok' } };

describe('Payneteasy DAPI status → outcome', () => {
  it("reads the document's consumer-defined rates example (two gates) as a fee selection, one option per assignedId", () => {
    const body = {
      ...base,
      state: 'TRANSFER_FEE_REQUEST',
      transferFeeList: [
        { assignedId: 'gate-a', commissionCentis: 150, currency: 'EUR' },
        { assignedId: 'gate-b', commissionCentis: '29', currency: 'EUR' },
      ],
    };
    expect(read(body)).toEqual({
      status: 'requires_action',
      providerStatus: 'TRANSFER_FEE_REQUEST',
      providerTransactionId: undefined,
      action: { type: 'fee_selection', options: [{ id: 'gate-a', fee: money(150n, 'EUR'), label: 'gate-a' }, { id: 'gate-b', fee: money(29n, 'EUR'), label: 'gate-b' }] },
    });
  });

  it('keeps polling a TRANSFER_FEE_REQUEST whose list has not arrived yet, and an unknown state', () => {
    expect(read({ ...base, state: 'TRANSFER_FEE_REQUEST' }).status).toBe('processing');
    expect(read({ ...base, state: 'SOMETHING_NEW' })).toMatchObject({ status: 'processing', providerStatus: 'UNKNOWN' });
  });

  it('turns REDIRECT_REQUEST into a redirect for the browser (3-D Secure or the random sum form)', () => {
    expect(read({ ...base, state: 'REDIRECT_REQUEST', redirectUrl: 'https://acs.example/x' })).toMatchObject({ status: 'requires_action', action: { type: 'redirect', url: 'https://acs.example/x', method: 'GET' } });
  });

  it('reads APPROVED with its order id and commission, DECLINED with the issuer code and a neutral reason', () => {
    expect(read({ ...base, state: 'APPROVED', bankOrderId: 'bo-1', orderId: '7001', transaction: { amountCentis: 1999, commissionCentis: 35 } })).toEqual({
      status: 'succeeded', providerStatus: 'APPROVED', providerTransactionId: '7001', fee: money(35n, 'EUR'),
    });
    expect(read({ ...base, state: 'DECLINED', bankOrderId: 'bo-2', errorCode: 51, errorMessage: 'Insufficient funds' })).toMatchObject({
      status: 'declined', code: '51', reason: 'Insufficient funds', reasonCode: DeclineReasonCode.INSUFFICIENT_FUNDS,
    });
    expect(read({ ...base, state: 'DECLINED', errorCode: 999, secure3DAuthStatus: 'NOT_AUTHENTICATED' })).toMatchObject({ reasonCode: DeclineReasonCode.AUTHENTICATION_FAILED });
    expect(read({ ...base, state: 'DECLINED', errorCode: 999 })).toMatchObject({ reasonCode: DeclineReasonCode.UNKNOWN });
  });
});
