import type { CallbackRequest, CallbacksFacet, CallOptions, PaymentProvider, PaymentsFacet, PayRequest, ProviderContext, StatusRequest } from '../provider';
import { echeckCallbackHint, parseEcheckCallback } from './echeck/callbacks';
import { EcheckCalls } from './echeck/echeck';
import { PAYNETEASY_FACETS, PAYNETEASY_KEY } from './facets';
import type { PayneteasyCredentials } from './credentials';

/** Payneteasy for one site's merchant account: the facets of PAYNETEASY_FACETS bound to its credentials. */
export class PayneteasyProvider implements PaymentProvider {
  readonly key = PAYNETEASY_KEY;
  readonly payments: PaymentsFacet;
  readonly callbacks: CallbacksFacet;
  // DAPI: the DAPI module's facets (built from the same context and credentials) are added here.

  constructor(context: ProviderContext, credentials: PayneteasyCredentials) {
    const echeck = new EcheckCalls(context, credentials);
    this.payments = {
      ...PAYNETEASY_FACETS.payments,
      pay: (r: PayRequest, o?: CallOptions) => echeck.pay(r, o),
      status: (r: StatusRequest, o?: CallOptions) => echeck.status(r, o),
    };
    this.callbacks = { hint: echeckCallbackHint, parse: async (r: CallbackRequest) => parseEcheckCallback(r, credentials.controlKey) };
  }
}
