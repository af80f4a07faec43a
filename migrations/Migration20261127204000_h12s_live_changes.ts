import { Migration } from '@mikro-orm/migrations';

/**
 * Live status (docs/subscriptions.md): a new transaction event, a changed order and a new or changed payout
 * each NOTIFY `paygraph_changes` with `<Kind>:<site id>:<row id>` (ids only), from inside the writing
 * transaction, so every gateway instance hears of a change when, and only if, it commits. Subscribers re-read
 * the row under their own site scope.
 */
export class Migration20261127204000_h12s_live_changes extends Migration {
  override name = 'Migration20261127204000_h12s_live_changes';

  override up(): void | Promise<void> {
    this.addSql(NOTIFY_CHANGE_FUNCTION);
    this.addSql(`create trigger "transaction_event_notify_change" after insert on "transaction_event" for each row execute function paygraph_notify_change('Transaction');`);
    this.addSql(`create trigger "order_notify_change" after update on "order" for each row when (old.* is distinct from new.*) execute function paygraph_notify_change('Order');`);
    this.addSql(`create trigger "payout_notify_change" after insert or update on "payout" for each row execute function paygraph_notify_change('Payout');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "transaction_event_notify_change" on "transaction_event";`);
    this.addSql(`drop trigger if exists "order_notify_change" on "order";`);
    this.addSql(`drop trigger if exists "payout_notify_change" on "payout";`);
    this.addSql('drop function if exists paygraph_notify_change();');
  }
}

/** An event names its transaction, whose site it has; an order or a payout names its own site. */
const NOTIFY_CHANGE_FUNCTION = `create or replace function paygraph_notify_change() returns trigger language plpgsql as $$
declare
  site uuid;
  target uuid;
begin
  if TG_TABLE_NAME = 'transaction_event' then
    target := NEW.transaction_id;
    select t.site_id into site from "transaction" t where t.id = target;
  else
    target := NEW.id;
    site := NEW.site_id;
  end if;
  perform pg_notify('paygraph_changes', TG_ARGV[0] || ':' || site::text || ':' || target::text);
  return null;
end $$;`;
