import { ENDPOINTS, postJson, waitFor, type DapiHarness, type Flow, type HttpAnswer } from './harness';

const INITIATE_PATH: Record<Flow, string> = { verification: '/verification/initiate-verification', sale: '/transfer/initiate-sale', transfer: '/transfer/initiate-transfer' };

export interface AppCard {
  number?: string;
  clientCardId?: string;
}

/** The merchant's mobile app, as the document's diagrams draw it: the merchant server first, then Payneteasy. */
export class MobileApp {
  constructor(
    private readonly h: DapiHarness,
    readonly accessToken: string,
    readonly serialNumber: string,
    readonly email = 'ada@example.com',
  ) {}

  initiate(flow: Flow, transaction: { currency: string; amountCentis?: number }, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    const body = { consumer: { device: { serialNumber: this.serialNumber } }, session: { accessToken: this.accessToken }, transaction };
    return postJson(`${this.h.gatewayUrl}/providers/payneteasy${INITIATE_PATH[flow]}`, body, headers);
  }

  perform(flow: Flow, initiated: { endpointId: string; invoiceId: string; session: { nonce: string; signature: string } }, source: AppCard, extra: { destination?: AppCard; amountCentis?: number; currency?: string; email?: string } = {}): Promise<HttpAnswer> {
    const card = (c: AppCard) => (c.number ? { card: { number: c.number, securityCode: '123', expiry: { month: 12, year: new Date().getUTCFullYear() + 2 }, holder: { firstName: 'Ada', lastName: 'Lovelace' } } } : { reference: { clientCardId: c.clientCardId, securityCode: '123' } });
    const body: Record<string, unknown> = {
      consumer: { device: { serialNumber: this.serialNumber }, email: extra.email ?? this.email },
      session: { accessToken: this.accessToken, nonce: initiated.session.nonce, signature: initiated.session.signature },
      transaction: { currency: extra.currency ?? 'EUR', ...(flow === 'verification' ? {} : { amountCentis: extra.amountCentis }) },
    };
    if (flow === 'verification') body.sourceCard = card(source).card;
    else body.sourceOfFunds = card(source);
    if (flow === 'transfer' && extra.destination) body.destinationOfFunds = extra.destination.number ? { card: { number: extra.destination.number } } : { reference: { clientCardId: extra.destination.clientCardId } };
    return postJson(`${this.h.sandboxUrl}/paynet/dapi/v1/${flow}/${initiated.endpointId}/${initiated.invoiceId}`, body);
  }

  status(flow: Flow, invoiceId: string, token: string): Promise<HttpAnswer> {
    return postJson(`${this.h.sandboxUrl}/paynet/dapi/v1/${flow}/${ENDPOINTS[flow]}/${invoiceId}/status`, { session: { accessToken: this.accessToken, token } });
  }

  /** Polls the status (as the document recommends) until it leaves PROCESSING. */
  settled(flow: Flow, invoiceId: string, token: string): Promise<HttpAnswer> {
    return waitFor(() => this.status(flow, invoiceId, token), (a) => a.body?.state !== 'PROCESSING');
  }

  cards(): Promise<HttpAnswer> {
    return postJson(`${this.h.gatewayUrl}/providers/payneteasy/cards`, { consumer: { device: { serialNumber: this.serialNumber } }, session: { accessToken: this.accessToken } });
  }
}
