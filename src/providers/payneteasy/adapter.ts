import type { CallbackRequest, CallbacksFacet, CallOptions, CompletionFacet, InboundRoutesFacet, PaymentProvider, PaymentsFacet, PayRequest, ProviderContext, StatusRequest } from '../provider';
import { dapiCompletion, dapiInboundRoutes, dapiStatus, isDapiReference } from './dapi';
import { echeckCallbackHint, parseEcheckCallback } from './echeck/callbacks';
import { EcheckCalls } from './echeck/echeck';
import { PAYNETEASY_FACETS, PAYNETEASY_KEY } from './facets';
import { echeckKeys, type PayneteasyCredentials } from './credentials';

/**
 * Payneteasy for one site's merchant account: the facets of PAYNETEASY_FACETS bound to its credentials. `pay` is
 * the eCheck sale; a sale or transfer of the Device API is performed by the app itself, so the gateway knows it
 * by its invoiceId (the DAPI session it recorded at Initiate) and asks the DAPI status for it.
 */
export class PayneteasyProvider implements PaymentProvider {
  readonly key = PAYNETEASY_KEY;
  readonly payments: PaymentsFacet;
  readonly callbacks: CallbacksFacet;
  readonly completion: CompletionFacet;
  readonly inboundRoutes: InboundRoutesFacet = dapiInboundRoutes;

  constructor(context: ProviderContext, credentials: PayneteasyCredentials) {
    const echeck = () => new EcheckCalls(context, echeckKeys(credentials));
    const dapi = dapiStatus(context);
    this.payments = {
      ...PAYNETEASY_FACETS.payments,
      pay: (r: PayRequest, o?: CallOptions) => echeck().pay(r, o),
      status: async (r: StatusRequest, o?: CallOptions) => ((await isDapiReference(context, r.reference)) ? dapi(r, o) : echeck().status(r, o)),
    };
    this.callbacks = { hint: echeckCallbackHint, parse: async (r: CallbackRequest) => parseEcheckCallback(r, credentials.controlKey) };
    this.completion = dapiCompletion(context);
  }
}
