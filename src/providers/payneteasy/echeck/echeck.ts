import { ProviderError, type CallOptions, type PayRequest, type ProviderContext, type ProviderOutcome, type StatusRequest } from '../../provider';
import { callV2 } from './client';
import { saleAnswer, saleOutcome, throwIfRefused } from './mapping';
import { saleEcheckRequest, statusRequest, type PayneteasyEcheckCredentials } from './requests';

/** The eCheck calls for one merchant account: sale-echeck, and the status command that follows it. */
export class EcheckCalls {
  constructor(
    private readonly context: ProviderContext,
    private readonly credentials: PayneteasyEcheckCredentials,
  ) {}

  /**
   * sale-echeck answers async-response (taken in, processing); one status command right after tells whether it
   * is final already (the vendor libraries poll the same way). If that ask fails in any way, the sale is still
   * taken in: processing, and the reconciler or the callback finishes it.
   */
  async pay(r: PayRequest, o?: CallOptions): Promise<ProviderOutcome> {
    const taken = saleAnswer(await callV2(this.context, saleEcheckRequest(this.credentials, r), o?.signal), r.amount.currency);
    try {
      const now = await this.ask(r.reference, taken.providerTransactionId, r.amount.currency, o);
      return now.status === 'not_found' ? taken : now;
    } catch (error) {
      // Whatever the status command answered, the sale was taken in: money may move, so never a failure here.
      if (error instanceof ProviderError) return { ...taken, status: 'processing' };
      throw error;
    }
  }

  /** By Payneteasy's orderid when known; else by our client_orderid alone (after a lost answer). */
  async status(r: StatusRequest, o?: CallOptions): Promise<ProviderOutcome> {
    if (r.operation !== 'payment') throw new ProviderError('final', 'UNSUPPORTED_OPERATION', `Payneteasy eCheck has no ${r.operation} to ask about`);
    return this.ask(r.reference, r.providerTransactionId, r.amount.currency, o);
  }

  private async ask(reference: string, orderId: string | undefined, currency: PayRequest['amount']['currency'], o?: CallOptions): Promise<ProviderOutcome> {
    const answer = await callV2(this.context, statusRequest(this.credentials, { clientOrderId: reference, orderId }), o?.signal);
    // The status command answers an order it does not hold with a validation error naming it ("… not found").
    if ((answer.type === 'validation-error' || answer.type === 'error') && answer['error-code'] !== '3' && /not found/i.test(answer['error-message'] ?? '')) {
      return { status: 'not_found', providerStatus: answer['error-code'], providerMessage: answer['error-message'] };
    }
    throwIfRefused(answer);
    return saleOutcome(answer, currency);
  }
}
