import { Refused } from './params';
import type { MethodType, SandboxOrder } from './state';

/** What a channel adds to the base fee, in cents (IVR and agent-assisted payments cost more). */
const CHANNEL_SURCHARGE: Record<string, number> = { consumer: 0, api: 0, ivr: 100, agent: 200 };

/** States whose law forbids a convenience fee on card payments: order-specific pricing honours them. */
export const NO_FEE_STATES = ['MA'];

export const METHOD_TYPES: MethodType[] = ['credit_card', 'debit_card', 'ach', 'cash'];

/**
 * The fee for one method type. With a site_channel the price is the channel's and the order's (no-fee states
 * honoured); without one it is the site's configured price (paynearme-proxy-api.md, /get_fees).
 */
export function feeCents(order: SandboxOrder, type: MethodType, channel: string | undefined): number {
  const base = order.fees[type];
  if (channel === undefined) return base;
  if (NO_FEE_STATES.includes(order.customerState) && (type === 'credit_card' || type === 'debit_card')) return 0;
  const surcharge = CHANNEL_SURCHARGE[channel];
  if (surcharge === undefined) throw new Refused(`site_channel must be one of ${Object.keys(CHANNEL_SURCHARGE).join(', ')}`);
  return base + surcharge;
}
