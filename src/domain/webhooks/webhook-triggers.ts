import type { TriggerDef } from '@mikro-orm/core';

/**
 * The outbox is written by the database: a deferred constraint trigger on each table whose rows are a state
 * change a merchant can subscribe to calls paygraph_webhook_emit (migration Migration20261127203000_h12webhooks)
 * when the change's transaction commits, inside that transaction. So no code path that moves a status can forget
 * the event, and an event exists exactly when its change does. Deferred, so the payload shows the resource as
 * the transaction leaves it. Entities declare the triggers so the schema check knows them.
 */
export function webhookTrigger(table: string, events: ('insert' | 'update')[]): TriggerDef {
  const name = `${table}_webhook`;
  const on = events.includes('update') ? `${events.join(' or ')} of "status"` : events.join(' or ');
  return {
    name,
    timing: 'after',
    events,
    expression: `create constraint trigger "${name}" after ${on} on "${table}" deferrable initially deferred for each row execute function paygraph_webhook_${table}()`,
  };
}

/** Every type a webhook endpoint may subscribe to, each emitted by one trigger above. */
export const WEBHOOK_EVENT_TYPES = ['transaction.updated', 'refund.updated', 'payout.updated', 'scheduled_payment.updated'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
