import type { EntityManager } from '@mikro-orm/postgresql';
import { resolveMovement } from '../../../src/domain/engine/resolve';
import { unscoped } from '../../../src/domain/tenancy';
import { idOf, toGlobalId } from '../../../src/graphql/common/global-id';
import { paymentsEnvOf } from '../../../src/graphql/context';
import type { DapiHarness } from './harness';

const SESSION = `session { endpointId invoiceId nonce signature expiresAt sourceClientCardId destinationClientCardId }
  transaction { id status kind reference amount { amount currency } }
  replayed userErrors { code field message }`;

export const START_VERIFICATION = `mutation($input: StartCardVerificationInput!) { startCardVerification(input: $input) { ${SESSION} } }`;
export const START_SALE = `mutation($input: StartDeviceSaleInput!) { startDeviceSale(input: $input) { ${SESSION} } }`;
export const START_TRANSFER = `mutation($input: StartDeviceTransferInput!) { startDeviceTransfer(input: $input) { ${SESSION} } }`;

export const SELECT_FEE = `mutation($input: SelectTransferFeeInput!) { selectTransferFee(input: $input) {
  transaction { id status fee { amount currency } } replayed userErrors { code field message } } }`;

export const TXN = `query($id: ID!) { node(id: $id) { ... on Transaction { id status kind reference providerTransactionId declineReasonCode
  fee { amount currency }
  nextAction { __typename ... on RedirectAction { url method } ... on FeeSelectionAction { expiresAt feeOptions { id label fee { amount currency } } } } } } }`;

export const SAVED_CARDS = `query($id: ID!) { node(id: $id) { ... on Customer { paymentMethods(first: 20) { nodes { id provider status first6 clientCardId } } } } }`;

/** The merchant's server, through GraphQL over HTTP with its API key, for one customer on one device. */
export class MerchantServer {
  constructor(
    private readonly h: DapiHarness,
    readonly customerId: string,
    readonly accessToken: string,
    readonly deviceId: string,
  ) {}

  private base() {
    return { provider: 'payneteasy', accessToken: this.accessToken, deviceId: this.deviceId };
  }

  async startVerification(currency = 'EUR') {
    return (await this.h.gql(START_VERIFICATION, { input: { ...this.base(), currency } })).data!.startCardVerification;
  }

  async startSale(amount: string, source?: string, extra: Record<string, unknown> = {}) {
    const input = { ...this.base(), amount: { amount, currency: 'EUR' }, sourcePaymentMethodId: source, ...extra };
    return (await this.h.gql(START_SALE, { input })).data!.startDeviceSale;
  }

  async startTransfer(amount: string, cards: { source?: string; destination?: string } = {}) {
    const input = { ...this.base(), amount: { amount, currency: 'EUR' }, sourcePaymentMethodId: cards.source, destinationPaymentMethodId: cards.destination };
    return (await this.h.gql(START_TRANSFER, { input })).data!.startDeviceTransfer;
  }

  async selectFee(transactionId: string, feeOptionId: string) {
    return (await this.h.gql(SELECT_FEE, { input: { transactionId, feeOptionId } })).data!.selectTransferFee;
  }

  /**
   * The engine's follow-up of one open payment, as a reconciler job runs it (ask the provider's status, apply it),
   * now rather than after the reconciler's backoff.
   */
  async poll(transactionId: string): Promise<void> {
    const env = paymentsEnvOf(this.h.t.running.deps, unscoped(this.h.t.running.orm.em as EntityManager));
    await resolveMovement(env, { kind: 'payment', id: idOf(transactionId, 'Transaction')! });
  }

  async transaction(id: string) {
    return (await this.h.gql(TXN, { id })).data!.node;
  }

  async savedCards(): Promise<{ id: string; provider: string; status: string; first6: string; clientCardId: string | null }[]> {
    return (await this.h.gql(SAVED_CARDS, { id: toGlobalId('Customer', this.customerId) })).data!.node.paymentMethods.nodes;
  }
}

/** The shape MobileApp.perform takes, from a GraphQL session. */
export const initiated = (s: { endpointId: string; invoiceId: string; nonce: string; signature: string }) => ({
  endpointId: s.endpointId,
  invoiceId: s.invoiceId,
  session: { nonce: s.nonce, signature: s.signature },
});
