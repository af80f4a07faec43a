import type { TriggerDef } from '@mikro-orm/core';

/**
 * Database rules that a CHECK cannot state because they look at another row. The trigger functions are created
 * by migration Migration20261127142000_h1apply; entities declare the triggers so the schema check knows them.
 */

/**
 * The row's denormalised `site_id` equals the `site_id` of each parent it names (`<parent>_id`, when set), so a
 * refund, capture or payment can never be attached to another site's rows. (A composite foreign key on
 * (parent_id, site_id) would say the same, but the ORM's schema check cannot declare one.)
 */
export function sameSiteTrigger(table: string, parents: string[]): TriggerDef {
  const name = `${table}_same_site`;
  const columns = ['site_id', ...parents.map((p) => `${p}_id`)].map((c) => `"${c}"`).join(', ');
  const args = parents.map((p) => `'${p}'`).join(', ');
  return {
    name,
    timing: 'before',
    events: ['insert', 'update'],
    expression: `create trigger "${name}" before insert or update of ${columns} on "${table}" for each row execute function paygraph_same_site(${args})`,
  };
}

/**
 * A SUCCEEDED capture, void, refund or payout has moved money and been counted: any later write of its status
 * fails. An applier that read the row before another settled it (a lost update) fails loudly instead of
 * counting the money a second time.
 */
export function settledOnceTrigger(table: string): TriggerDef {
  const name = `${table}_settled_once`;
  return {
    name,
    timing: 'before',
    events: ['update'],
    expression: `create trigger "${name}" before update of "status" on "${table}" for each row when (old.status = 'SUCCEEDED') execute function paygraph_settled_once()`,
  };
}

/**
 * A capture, void, refund or payout that ended without moving money (FAILED, DECLINED), or a payment that did
 * (DECLINED, FAILED, CANCELLED), keeps its status, with one exception: the late success of an ending the gateway
 * inferred itself (engine/late-success.ts) — a movement FAILED NOT_RECEIVED_BY_PROVIDER becomes SUCCEEDED, a
 * payment ended NOT_RECEIVED_BY_PROVIDER or by an expired or cancelled customer step becomes AUTHORIZED or
 * SUCCEEDED. The provider's own ending is never reopened. Function: migration Migration20261128040000_h14l_ended_once.
 */
export function endedOnceTrigger(table: string): TriggerDef {
  const name = `${table}_ended_once`;
  const ended = table === 'transaction' ? `'DECLINED', 'FAILED', 'CANCELLED'` : `'DECLINED', 'FAILED'`;
  return {
    name,
    timing: 'before',
    events: ['update'],
    expression: `create trigger "${name}" before update of "status" on "${table}" for each row when (old.status in (${ended}) and new.status is distinct from old.status) execute function paygraph_ended_once()`,
  };
}

/**
 * The rows the reconciler's later looks read (engine/late-success.ts), by when they ended: those the provider had
 * no record of. (A payment whose customer step expired is not looked at again: the provider's callback or the
 * customer's return reports a late completion, and abandoned 3-D Secure payments are many.)
 */
export const NOT_RECEIVED_WHERE = "status = 'FAILED' and failure_code = 'NOT_RECEIVED_BY_PROVIDER'";
export const PAYMENT_NOT_RECEIVED_WHERE = "status = 'FAILED' and decline_code = 'NOT_RECEIVED_BY_PROVIDER'";
