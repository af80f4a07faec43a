import type { CurrencyCode } from '../../../src/kernel/money';
import type { CustomerData, DeclineReasonCode, PaymentSource, ProviderModule, ProviderSandbox } from '../../../src/providers/provider';

/** A notification as the provider posts it to POST /callbacks/{key}: the exact bytes and headers. */
export interface Notification {
  headers: Record<string, string>;
  body: string;
}

/** What the provider's own books (its sandbox) hold for one of our references, in minor units. */
export interface ProviderRecord {
  /** Times money was taken or held for the reference. */
  charges: number;
  capturedMinor: bigint;
  refundedMinor: bigint;
}

/**
 * Everything the shared contract suite needs to know about one provider: one small object per provider, kept in
 * test/providers/<key>/contract-fixture.ts. Which tests run is decided by `module.facets`, never by this object.
 */
export interface ContractSpec<S extends ProviderSandbox = ProviderSandbox> {
  /** The catalog's module: facets, demo credentials (what its sandbox accepts) and startSandbox. */
  module: ProviderModule<string, S>;
  /** Credentials for the adapter-level harness when not the module's demo ones. */
  credentials?: Record<string, string>;
  currency: CurrencyCode;
  /**
   * The provider takes payments only against an order it holds (PayNearMe: pnm_order_identifier), and finds a
   * payment again through that order's history. The adapter tests send it as PayRequest/StatusRequest
   * providerOrderId; the engine tests pay through a gateway order linked to it (Order.providerOrderId), as a
   * merchant would. The order must take any amount (PayNearMe order_type "any").
   */
  providerOrderId?: string;
  /** Test cards: required unless the module declares `payments.redirect` (then `customer` stands in for them). */
  cards?: {
    approved: string;
    declined: { number: string; reasonCode: DeclineReasonCode };
    /** The provider charges it, then its answer is lost (connection dropped). */
    lostAnswer: string;
    /** Approved after longer than `slowMs`. */
    slow: string;
    /** Required when the module declares `completion`: its payment waits for the customer (REQUIRES_ACTION). */
    customerAction?: string;
  };
  slowMs: number;
  /**
   * How a payment comes to wait for the customer when the module declares `completion`. Absent: `pay` with
   * `cards.customerAction`. `inbound`: only a movement the provider's inbound routes open waits (Payneteasy: a
   * Device API transfer the app performs, paused at TRANSFER_FEE_REQUEST), so `pay` has no customer step for
   * this suite to drive; `coveredBy` names the tests that drive it through those routes instead.
   */
  customerStep?: { via: 'inbound'; coveredBy: string };
  /**
   * For a provider whose `pay` takes no cards (payments.sources without 'card', e.g. Payneteasy's ACH eCheck):
   * what each test "card" above is paid from instead — the strings in `cards` are then the provider's test ids
   * (test bank account numbers), and these build the adapter's PaymentSource and the GraphQL pay input from them.
   * Absent: the strings are card numbers, paid as cards.
   */
  source?: {
    adapter(testId: string): PaymentSource;
    /** The pay input's source (PaymentSourceInput), e.g. `{ bankAccount: {...} }`. */
    graphql(testId: string): Record<string, unknown>;
    /** Payer data the provider requires with this source (sale-echeck signs the e-mail). */
    customer?: CustomerData;
  };
  /**
   * Required when the module declares `payments.redirect`: the provider takes no card, the customer pays at the
   * provider's page, so the suite (redirect-suite.ts) plays the customer instead of choosing a test card, and
   * makes the sandbox lose or delay its answers with these hooks.
   */
  customer?: {
    /** At the provider's page, for the payment it knows as `providerTransactionId`: the customer pays or refuses. */
    act(sandbox: S, providerTransactionId: string, choice: 'pay' | 'refuse'): Promise<void>;
    /** The DeclineReasonCode the adapter gives the customer's refusal. */
    refusedReasonCode: DeclineReasonCode;
    /** The sandbox creates the next payment, then drops the connection without an answer. */
    loseNextAnswer(sandbox: S): Promise<void>;
    /** Every sandbox answer takes `ms` until the returned function is called. */
    slowDown(sandbox: S, ms: number): Promise<() => Promise<void>>;
  };
  /** The provider's record of a reference, read from its sandbox (over HTTP where it can be). */
  record(sandbox: S, reference: string): Promise<ProviderRecord>;
  /**
   * Required when the module declares `callbacks`: the genuine signed notification the provider would post now
   * for the reference (its current state at the sandbox), made with the sandbox's own signing code.
   */
  notify?(sandbox: S, reference: string): Promise<Notification>;
  /**
   * Required with `callbacks`: notifications made from a genuine one that claim money moved (success, capture)
   * when it did not: at least one whose signature is valid for the real outcome, and one whose signature is
   * invalid. None of them may move money.
   */
  forge?(genuine: Notification): { name: string; notification: Notification }[];
}

/** A card provider's fixture names its test cards; the card suites cannot run without them. */
export function cardsOf<S extends ProviderSandbox>(spec: ContractSpec<S>): NonNullable<ContractSpec<S>['cards']> {
  if (!spec.cards) throw new Error(`${spec.module.key}: a provider that takes cards names its test cards in its contract fixture`);
  return spec.cards;
}
