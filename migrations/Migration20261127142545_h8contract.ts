import { Migration } from '@mikro-orm/migrations';

export class Migration20261127142545_h8contract extends Migration {

  override name = 'Migration20261127142545_h8contract';

  override up(): void | Promise<void> {
    this.addSql(`alter table "fee_quote_option" drop constraint "fee_quote_option_quote_id_foreign";`);

    this.addSql(`drop table if exists "fee_quote" cascade;`);
    this.addSql(`drop table if exists "fee_quote_option" cascade;`);

    this.addSql(`alter table "transaction" add "decline_reason_code" text null;`);
    this.addSql(`alter table "transaction" add constraint "transaction_decline_reason_code_check" check ("decline_reason_code" in ('DO_NOT_HONOR', 'INSUFFICIENT_FUNDS', 'EXPIRED_CARD', 'INVALID_CARD', 'LOST_OR_STOLEN_CARD', 'FRAUD_SUSPECTED', 'AUTHENTICATION_FAILED', 'LIMIT_EXCEEDED', 'CUSTOMER_DATA_MISMATCH', 'INVALID_REQUEST', 'PROCESSING_ERROR', 'UNKNOWN'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`create table "fee_quote" ("id" uuid not null, "created_at" timestamptz(6) not null default now(), "updated_at" timestamptz(6) not null default now(), "site_id" uuid not null, "order_id" uuid null, "transaction_id" uuid null, "provider" text not null, "amount_minor" int8 not null, "currency" char(3) not null, "channel" text null, "expires_at" timestamptz(6) null, "selected_option_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "fee_quote_order_id_index" on "fee_quote" ("order_id");`);
    this.addSql(`create index "fee_quote_transaction_id_index" on "fee_quote" ("transaction_id");`);

    this.addSql(`create table "fee_quote_option" ("id" uuid not null, "quote_id" uuid not null, "provider_option_id" text not null, "payment_method_type" text null, "fee_minor" int8 not null, "description" text null, primary key ("id"));`);
    this.addSql(`create index "fee_quote_option_quote_id_index" on "fee_quote_option" ("quote_id");`);

    this.addSql(`alter table "transaction" drop constraint "transaction_decline_reason_code_check";`);
    this.addSql(`alter table "transaction" drop column "decline_reason_code";`);

    this.addSql(`alter table "fee_quote" add constraint "fee_quote_order_id_foreign" foreign key ("order_id") references "order" ("id") on update no action on delete set null;`);
    this.addSql(`alter table "fee_quote" add constraint "fee_quote_site_id_foreign" foreign key ("site_id") references "site" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "fee_quote" add constraint "fee_quote_transaction_id_foreign" foreign key ("transaction_id") references "transaction" ("id") on update no action on delete set null;`);

    this.addSql(`alter table "fee_quote_option" add constraint "fee_quote_option_quote_id_foreign" foreign key ("quote_id") references "fee_quote" ("id") on update no action on delete no action;`);
  }

}
