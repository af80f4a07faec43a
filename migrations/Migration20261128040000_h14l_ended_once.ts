import { Migration } from '@mikro-orm/migrations';

// As src/domain/integrity-triggers.ts declares them today; a migration keeps its own copy of what it creates.
const NOT_RECEIVED_WHERE = "status = 'FAILED' and failure_code = 'NOT_RECEIVED_BY_PROVIDER'";
const WHERE: Record<string, string> = {
  transaction: "status = 'FAILED' and decline_code = 'NOT_RECEIVED_BY_PROVIDER'",
  payment_operation: NOT_RECEIVED_WHERE,
  refund: NOT_RECEIVED_WHERE,
  payout: NOT_RECEIVED_WHERE,
};
const TABLES = Object.keys(WHERE);
const ended = (table: string) => (table === 'transaction' ? `'DECLINED', 'FAILED', 'CANCELLED'` : `'DECLINED', 'FAILED'`);
const trigger = (table: string) =>
  `create trigger "${table}_ended_once" before update of "status" on "${table}" for each row when (old.status in (${ended(table)}) and new.status is distinct from old.status) execute function paygraph_ended_once();`;

/**
 * An ended movement stays ended, except for the late success of an ending the gateway inferred
 * (docs/payments.md "Late success"); and the partial indexes through which the reconciler's later looks find
 * the rows ended by inference.
 */
export class Migration20261128040000_h14l_ended_once extends Migration {
  override name = 'Migration20261128040000_h14l_ended_once';

  override up(): void {
    this.addSql(ENDED_ONCE_FUNCTION);
    for (const table of TABLES) {
      this.addSql(trigger(table));
      this.addSql(`create index "${table}_inferred_end_index" on "${table}" ("updated_at") where ${WHERE[table]};`);
    }
  }

  override down(): void {
    for (const table of TABLES) {
      this.addSql(`drop index if exists "${table}_inferred_end_index";`);
      this.addSql(`drop trigger if exists "${table}_ended_once" on "${table}";`);
    }
    this.addSql(`drop function if exists paygraph_ended_once();`);
  }
}

const ENDED_ONCE_FUNCTION = `create or replace function paygraph_ended_once() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'transaction' then
    if old.status in ('FAILED', 'CANCELLED') and new.status in ('AUTHORIZED', 'SUCCEEDED')
       and old.decline_code in ('NOT_RECEIVED_BY_PROVIDER', 'CUSTOMER_ACTION_EXPIRED', 'CUSTOMER_ACTION_CANCELLED') then
      return new;
    end if;
  elsif old.status = 'FAILED' and old.failure_code = 'NOT_RECEIVED_BY_PROVIDER' and new.status = 'SUCCEEDED' then
    return new;
  end if;
  raise exception '% % is % and stays so: only the late success of an ending the gateway inferred reopens it', tg_table_name, old.id, old.status
    using errcode = 'check_violation', constraint = tg_table_name || '_ended_once';
end $$;`;
