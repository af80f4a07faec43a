import { Migration } from '@mikro-orm/migrations';

/**
 * The money invariants, kept by the database (docs/payments.md "Money invariants"): positive amounts, captured
 * within the amount, refunded within the captured amount, ISO currency codes, one live capture for providers
 * that capture once, one open void, a settled movement applied once, tenancy consistency of site_id; and the
 * partial indexes the reconciler's sweep reads open movements through.
 */
export class Migration20261127142000_h1apply extends Migration {
  override name = 'Migration20261127142000_h1apply';

  override up(): void | Promise<void> {
    this.addSql(`alter table "payment_operation" add "single_capture" boolean not null default false;`);
    // Every provider so far (cardgateway) captures an authorization once.
    this.addSql(`update "payment_operation" set "single_capture" = true where "kind" = 'CAPTURE' and "transaction_id" in (select "id" from "transaction" where "provider" = 'cardgateway');`);

    for (const table of ['transaction', 'payment_operation', 'refund', 'payout']) {
      this.addSql(`alter table "${table}" add constraint "${table}_amount_positive" check (amount_minor > 0);`);
      this.addSql(`alter table "${table}" add constraint "${table}_currency_format" check (currency ~ '^[A-Z]{3}$');`);
    }
    this.addSql(`alter table "transaction" add constraint "transaction_captured_within_amount" check (captured_minor >= 0 and captured_minor <= amount_minor);`);
    this.addSql(`alter table "transaction" add constraint "transaction_refunded_within_captured" check (refunded_minor >= 0 and refunded_minor <= captured_minor);`);
    this.addSql(`alter table "transaction" add constraint "transaction_fee_not_negative" check (fee_minor >= 0);`);
    this.addSql(`alter table "payment_operation" add constraint "payment_operation_single_capture_kind" check (not single_capture or kind = 'CAPTURE');`);

    this.addSql(`create unique index "payment_operation_one_single_capture" on "payment_operation" ("transaction_id") where single_capture and status <> 'FAILED';`);
    this.addSql(`create unique index "payment_operation_one_open_cancel" on "payment_operation" ("transaction_id") where kind = 'CANCEL' and status in ('PENDING', 'OUTCOME_UNKNOWN');`);
    this.addSql(`create index "payment_operation_open_sweep_index" on "payment_operation" ("status", "created_at") where status in ('PENDING', 'OUTCOME_UNKNOWN');`);
    this.addSql(`create index "refund_open_sweep_index" on "refund" ("status", "created_at") where status in ('PENDING', 'OUTCOME_UNKNOWN');`);
    this.addSql(`create index "payout_open_sweep_index" on "payout" ("status", "created_at") where status in ('PENDING', 'VALIDATED', 'OUTCOME_UNKNOWN');`);

    this.addSql(SAME_SITE_FUNCTION);
    this.addSql(SETTLED_ONCE_FUNCTION);
    for (const [table, parents] of Object.entries(SAME_SITE_PARENTS)) {
      const columns = ['site_id', ...parents.map((p) => `${p}_id`)].map((c) => `"${c}"`).join(', ');
      const args = parents.map((p) => `'${p}'`).join(', ');
      this.addSql(`create trigger "${table}_same_site" before insert or update of ${columns} on "${table}" for each row execute function paygraph_same_site(${args});`);
    }
    for (const table of ['payment_operation', 'refund', 'payout']) {
      this.addSql(`create trigger "${table}_settled_once" before update of "status" on "${table}" for each row when (old.status = 'SUCCEEDED') execute function paygraph_settled_once();`);
    }
  }

  override down(): void | Promise<void> {
    for (const table of Object.keys(SAME_SITE_PARENTS)) this.addSql(`drop trigger if exists "${table}_same_site" on "${table}";`);
    for (const table of ['payment_operation', 'refund', 'payout']) this.addSql(`drop trigger if exists "${table}_settled_once" on "${table}";`);
    this.addSql(`drop function if exists paygraph_same_site();`);
    this.addSql(`drop function if exists paygraph_settled_once();`);
    for (const index of ['payment_operation_one_single_capture', 'payment_operation_one_open_cancel', 'payment_operation_open_sweep_index', 'refund_open_sweep_index', 'payout_open_sweep_index']) {
      this.addSql(`drop index if exists "${index}";`);
    }
    for (const table of ['transaction', 'payment_operation', 'refund', 'payout']) {
      this.addSql(`alter table "${table}" drop constraint if exists "${table}_amount_positive";`);
      this.addSql(`alter table "${table}" drop constraint if exists "${table}_currency_format";`);
    }
    for (const check of ['captured_within_amount', 'refunded_within_captured', 'fee_not_negative']) this.addSql(`alter table "transaction" drop constraint if exists "transaction_${check}";`);
    this.addSql(`alter table "payment_operation" drop constraint if exists "payment_operation_single_capture_kind";`);
    this.addSql(`alter table "payment_operation" drop column "single_capture";`);
  }
}

/** Child table → the parents whose site_id its own must equal (through `<parent>_id`). */
const SAME_SITE_PARENTS: Record<string, string[]> = {
  transaction: ['order', 'customer', 'payment_method'],
  payment_operation: ['transaction'],
  refund: ['transaction'],
  payout: ['customer', 'payment_method'],
};

const SAME_SITE_FUNCTION = `create or replace function paygraph_same_site() returns trigger language plpgsql as $$
declare
  parent_id uuid;
  parent_site uuid;
begin
  for i in 0 .. tg_nargs - 1 loop
    parent_id := (to_jsonb(new) ->> (tg_argv[i] || '_id'))::uuid;
    if parent_id is not null then
      execute format('select site_id from %I where id = $1', tg_argv[i]) into parent_site using parent_id;
      if parent_site is distinct from new.site_id then
        raise exception '%.site_id differs from the site_id of its %', tg_table_name, tg_argv[i]
          using errcode = 'check_violation', constraint = tg_table_name || '_same_site';
      end if;
    end if;
  end loop;
  return new;
end $$;`;

const SETTLED_ONCE_FUNCTION = `create or replace function paygraph_settled_once() returns trigger language plpgsql as $$
begin
  raise exception '% % already SUCCEEDED: a settled movement is never applied again', tg_table_name, old.id
    using errcode = 'check_violation', constraint = tg_table_name || '_settled_once';
end $$;`;
