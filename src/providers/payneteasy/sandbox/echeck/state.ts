import { randomInt, randomUUID } from 'node:crypto';
import type { EcheckMerchant } from './control';
import type { Scenario } from './scenarios';

/** One transaction on an order: the sale, then any return or chargeback reported later. */
export interface EcheckTransaction {
  type: 'sale' | 'return' | 'chargeback';
  status: 'processing' | 'approved' | 'declined' | 'filtered' | 'error';
  amountMinor: bigint;
  serialNumber: string;
  errorCode?: string;
  errorMessage?: string;
}

/** An eCheck order at "Payneteasy": our client_orderid, its paynet-order-id, the account's last four only. */
export interface EcheckOrder {
  orderId: string;
  endpointId: string;
  clientOrderId: string;
  amount: string;
  amountMinor: bigint;
  currency: string;
  email: string;
  accountLast4: string;
  routingNumber: string;
  serverCallbackUrl?: string;
  notifyUrl?: string;
  scenario: Scenario;
  transactions: EcheckTransaction[];
}

export interface SentCallback {
  url: string;
  body: Record<string, string>;
  httpStatus?: number;
  error?: string;
}

export interface EcheckKnobs {
  /** Post callbacks to server_callback_url / notify_url. */
  sendCallbacks: boolean;
  callbackDelayMs: number;
  /** How long an order stays `processing` before its final status (ACH takes days; the sandbox, this). */
  processingMs: number;
}

export const defaultEcheckKnobs = (): EcheckKnobs => ({ sendCallbacks: true, callbackDelayMs: 20, processingMs: 0 });

export class EcheckState {
  readonly knobs = defaultEcheckKnobs();
  readonly orders = new Map<string, EcheckOrder>();
  readonly callbacks: SentCallback[] = [];
  private nextOrderId = randomInt(6_000_000, 7_000_000);

  constructor(readonly merchants: Map<string, EcheckMerchant>) {}

  newOrderId(): string {
    return String(this.nextOrderId++);
  }

  newSerial(): string {
    return randomUUID();
  }

  byClientOrderId(endpointId: string, clientOrderId: string): EcheckOrder | undefined {
    return [...this.orders.values()].filter((o) => o.endpointId === endpointId && o.clientOrderId === clientOrderId).at(-1);
  }

  /** The sale's status as the status command reports it. */
  static saleOf(order: EcheckOrder): EcheckTransaction {
    return order.transactions[0]!;
  }
}
