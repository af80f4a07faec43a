import type { TriggerDef } from '@mikro-orm/core';

/**
 * The triggers that announce changes to live subscribers (docs/subscriptions.md). The function they call is
 * created by migration Migration20261127204000_h12s_live_changes; entities declare the triggers so the schema
 * check knows them.
 */
export function notifyChangeTrigger(table: 'transaction_event' | 'order' | 'payout'): TriggerDef {
  const name = `${table}_notify_change`;
  const spec = NOTIFY[table];
  return {
    name,
    timing: 'after',
    events: spec.events,
    expression: `create trigger "${name}" after ${spec.events.join(' or ')} on "${table}" for each row ${spec.when} execute function paygraph_notify_change('${spec.kind}')`,
  };
}

const NOTIFY = {
  transaction_event: { kind: 'Transaction', events: ['insert'], when: '' },
  order: { kind: 'Order', events: ['update'], when: 'when (old.* is distinct from new.*)' },
  payout: { kind: 'Payout', events: ['insert', 'update'], when: '' },
} as const satisfies Record<string, { kind: string; events: TriggerDef['events']; when: string }>;
