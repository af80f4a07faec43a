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
