import { Migration } from '@mikro-orm/migrations';

export class Migration20261122204028 extends Migration {

  override name = 'Migration20261122204028';

  override up(): void | Promise<void> {
    this.addSql(`create table "payment_operation" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "site_id" uuid not null, "transaction_id" uuid not null, "kind" text not null, "status" text not null default 'PENDING', "amount_minor" bigint not null, "currency" character(3) not null, "reference" text not null, "provider_operation_id" text null, "failure_code" text null, "failure_reason" text null, primary key ("id"));`);
    this.addSql(`create index "payment_operation_transaction_id_index" on "payment_operation" ("transaction_id");`);
    this.addSql(`alter table "payment_operation" add constraint "payment_operation_reference_unique" unique ("reference");`);

    this.addSql(`alter table "payment_method" alter column "first6" type character(6) using ("first6"::character(6));`);
    this.addSql(`alter table "payment_method" alter column "last4" type character(4) using ("last4"::character(4));`);

    this.addSql(`alter table "payout" alter column "currency" type character(3) using ("currency"::character(3));`);

    this.addSql(`alter table "order" alter column "currency" type character(3) using ("currency"::character(3));`);

    this.addSql(`alter table "transaction" add "return_url" text null;`);
    this.addSql(`alter table "transaction" alter column "currency" type character(3) using ("currency"::character(3));`);

    this.addSql(`alter table "scheduled_payment" alter column "currency" type character(3) using ("currency"::character(3));`);

    this.addSql(`alter table "refund" alter column "currency" type character(3) using ("currency"::character(3));`);

    this.addSql(`alter table "fee_quote" alter column "currency" type character(3) using ("currency"::character(3));`);

    this.addSql(`alter table "payment_operation" add constraint "payment_operation_site_id_foreign" foreign key ("site_id") references "site" ("id");`);
    this.addSql(`alter table "payment_operation" add constraint "payment_operation_transaction_id_foreign" foreign key ("transaction_id") references "transaction" ("id");`);
    this.addSql(`alter table "payment_operation" add constraint "payment_operation_kind_check" check ("kind" in ('CAPTURE', 'CANCEL'));`);
    this.addSql(`alter table "payment_operation" add constraint "payment_operation_status_check" check ("status" in ('PENDING', 'OUTCOME_UNKNOWN', 'SUCCEEDED', 'FAILED'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "payment_operation" cascade;`);

    this.addSql(`alter table "fee_quote" alter column "currency" type char(1) using ("currency"::char(1));`);

    this.addSql(`alter table "order" alter column "currency" type char(1) using ("currency"::char(1));`);

    this.addSql(`alter table "payment_method" alter column "first6" type char(1) using ("first6"::char(1));`);
    this.addSql(`alter table "payment_method" alter column "last4" type char(1) using ("last4"::char(1));`);

    this.addSql(`alter table "payout" alter column "currency" type char(1) using ("currency"::char(1));`);

    this.addSql(`alter table "refund" alter column "currency" type char(1) using ("currency"::char(1));`);

    this.addSql(`alter table "scheduled_payment" alter column "currency" type char(1) using ("currency"::char(1));`);

    this.addSql(`alter table "transaction" drop column "return_url";`);
    this.addSql(`alter table "transaction" alter column "currency" type char(1) using ("currency"::char(1));`);
  }

}
