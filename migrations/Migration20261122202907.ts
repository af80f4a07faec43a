import { Migration } from '@mikro-orm/migrations';

export class Migration20261122202907 extends Migration {

  override name = 'Migration20261122202907';

  override up(): void | Promise<void> {
    this.addSql(`create table "idempotency_record" ("id" uuid not null, "scope" text not null, "key" text not null, "operation" text not null, "request_hash" text not null, "state" text not null default 'IN_PROGRESS', "response" jsonb null, "resource" text null, "locked_at" timestamptz not null default now(), "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "idempotency_record_expires_at_index" on "idempotency_record" ("expires_at");`);
    this.addSql(`alter table "idempotency_record" add constraint "idempotency_record_scope_key_unique" unique ("scope", "key");`);

    this.addSql(`create table "site" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" text not null, "kind" text not null default 'MERCHANT', "provider_credentials" jsonb not null, primary key ("id"));`);

    this.addSql(`create table "provider_event" ("id" uuid not null, "site_id" uuid null, "provider" text not null, "event_key" text not null, "type" text not null, "payload" jsonb not null, "verified" boolean not null, "received_at" timestamptz not null default now(), "processed_at" timestamptz null, "error" text null, primary key ("id"));`);
    this.addSql(`alter table "provider_event" add constraint "provider_event_provider_event_key_unique" unique ("provider", "event_key");`);

    this.addSql(`create table "partner_grant" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "partner_id" uuid not null, "site_id" uuid not null, "scopes" text[] not null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "partner_grant_partner_id_site_id_index" on "partner_grant" ("partner_id", "site_id");`);

    this.addSql(`create table "customer" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "site_id" uuid not null, "external_id" text null, "email" text null, "first_name" text null, "middle_name" text null, "last_name" text null, "birth_date" date null, "phone" text null, "metadata" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "customer_site_id_created_at_index" on "customer" ("site_id", "created_at");`);
    this.addSql(`alter table "customer" add constraint "customer_site_id_external_id_unique" unique ("site_id", "external_id");`);

    this.addSql(`create table "payment_method" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "site_id" uuid not null, "customer_id" uuid null, "provider" text not null, "type" text not null, "status" text not null default 'ACTIVE', "brand" text null, "first6" char(1) null, "last4" char(1) null, "exp_month" smallint null, "exp_year" smallint null, "holder_name" text null, "provider_token" text null, "removed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "payment_method_customer_id_index" on "payment_method" ("customer_id");`);
    this.addSql(`create index "payment_method_site_id_created_at_index" on "payment_method" ("site_id", "created_at");`);

    this.addSql(`create table "payout" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "site_id" uuid not null, "customer_id" uuid null, "payment_method_id" uuid null, "provider" text not null, "amount_minor" bigint not null, "currency" char(1) not null, "status" text not null default 'PENDING', "reference" text not null, "provider_payout_id" text null, "failure_code" text null, "failure_reason" text null, primary key ("id"));`);
    this.addSql(`create index "payout_customer_id_index" on "payout" ("customer_id");`);
    this.addSql(`alter table "payout" add constraint "payout_reference_unique" unique ("reference");`);
    this.addSql(`create index "payout_site_id_created_at_index" on "payout" ("site_id", "created_at");`);

    this.addSql(`create table "order" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "site_id" uuid not null, "customer_id" uuid null, "reference" text not null, "amount_minor" bigint not null, "currency" char(1) not null, "description" text null, "status" text not null default 'OPEN', "provider" text null, "provider_order_id" text null, "metadata" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "order_customer_id_index" on "order" ("customer_id");`);
    this.addSql(`create index "order_site_id_created_at_index" on "order" ("site_id", "created_at");`);
    this.addSql(`alter table "order" add constraint "order_site_id_reference_unique" unique ("site_id", "reference");`);

    this.addSql(`create table "api_key" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "site_id" uuid not null, "name" text not null, "prefix" text not null, "secret_hash" text not null, "scopes" text[] not null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "api_key" add constraint "api_key_prefix_unique" unique ("prefix");`);
    this.addSql(`create index "api_key_revoked_at_index" on "api_key" ("revoked_at");`);

    this.addSql(`create table "transaction" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "site_id" uuid not null, "order_id" uuid null, "customer_id" uuid null, "payment_method_id" uuid null, "provider" text not null, "kind" text not null, "status" text not null default 'PENDING', "amount_minor" bigint not null, "currency" char(1) not null, "captured_minor" bigint not null default '0', "refunded_minor" bigint not null default '0', "fee_minor" bigint null, "reference" text not null, "provider_transaction_id" text null, "decline_code" text null, "decline_reason" text null, "next_action" jsonb null, "mismatch" jsonb null, "metadata" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "transaction_order_id_index" on "transaction" ("order_id");`);
    this.addSql(`create index "transaction_customer_id_index" on "transaction" ("customer_id");`);
    this.addSql(`create index "transaction_payment_method_id_index" on "transaction" ("payment_method_id");`);
    this.addSql(`alter table "transaction" add constraint "transaction_reference_unique" unique ("reference");`);
    this.addSql(`create index "transaction_status_updated_at_index" on "transaction" ("status", "updated_at");`);
    this.addSql(`create index "transaction_site_id_created_at_index" on "transaction" ("site_id", "created_at");`);

    this.addSql(`create table "scheduled_payment" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "site_id" uuid not null, "order_id" uuid null, "customer_id" uuid null, "payment_method_id" uuid null, "provider" text not null, "amount_minor" bigint not null, "currency" char(1) not null, "scheduled_for" timestamptz not null, "status" text not null default 'SCHEDULED', "provider_schedule_id" text null, "transaction_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "scheduled_payment_order_id_index" on "scheduled_payment" ("order_id");`);
    this.addSql(`create index "scheduled_payment_customer_id_index" on "scheduled_payment" ("customer_id");`);
    this.addSql(`create index "scheduled_payment_status_scheduled_for_index" on "scheduled_payment" ("status", "scheduled_for");`);
    this.addSql(`create index "scheduled_payment_site_id_created_at_index" on "scheduled_payment" ("site_id", "created_at");`);

    this.addSql(`create table "refund" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "site_id" uuid not null, "transaction_id" uuid not null, "amount_minor" bigint not null, "currency" char(1) not null, "reason" text null, "status" text not null default 'PENDING', "reference" text not null, "provider_refund_id" text null, "failure_code" text null, "failure_reason" text null, primary key ("id"));`);
    this.addSql(`create index "refund_transaction_id_index" on "refund" ("transaction_id");`);
    this.addSql(`alter table "refund" add constraint "refund_reference_unique" unique ("reference");`);

    this.addSql(`create table "fee_quote" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "site_id" uuid not null, "order_id" uuid null, "transaction_id" uuid null, "provider" text not null, "amount_minor" bigint not null, "currency" char(1) not null, "channel" text null, "expires_at" timestamptz null, "selected_option_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "fee_quote_order_id_index" on "fee_quote" ("order_id");`);
    this.addSql(`create index "fee_quote_transaction_id_index" on "fee_quote" ("transaction_id");`);

    this.addSql(`create table "fee_quote_option" ("id" uuid not null, "quote_id" uuid not null, "provider_option_id" text not null, "payment_method_type" text null, "fee_minor" bigint not null, "description" text null, primary key ("id"));`);
    this.addSql(`create index "fee_quote_option_quote_id_index" on "fee_quote_option" ("quote_id");`);

    this.addSql(`create table "transaction_event" ("id" uuid not null, "transaction_id" uuid not null, "type" text not null, "from_status" text null, "to_status" text null, "amount_minor" bigint null, "message" text null, "data" jsonb null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "transaction_event_transaction_id_index" on "transaction_event" ("transaction_id");`);

    this.addSql(`alter table "idempotency_record" add constraint "idempotency_record_state_check" check ("state" in ('IN_PROGRESS', 'COMPLETED'));`);

    this.addSql(`alter table "site" add constraint "site_kind_check" check ("kind" in ('MERCHANT', 'PARTNER'));`);

    this.addSql(`alter table "provider_event" add constraint "provider_event_site_id_foreign" foreign key ("site_id") references "site" ("id") on delete set null;`);

    this.addSql(`alter table "partner_grant" add constraint "partner_grant_partner_id_foreign" foreign key ("partner_id") references "site" ("id");`);
    this.addSql(`alter table "partner_grant" add constraint "partner_grant_site_id_foreign" foreign key ("site_id") references "site" ("id");`);
    this.addSql(`alter table "partner_grant" add constraint "partner_grant_scopes_check" check ("scopes" <@ array['read'::text, 'pay'::text, 'refund'::text, 'payout'::text, 'admin'::text]);`);

    this.addSql(`alter table "customer" add constraint "customer_site_id_foreign" foreign key ("site_id") references "site" ("id");`);

    this.addSql(`alter table "payment_method" add constraint "payment_method_site_id_foreign" foreign key ("site_id") references "site" ("id");`);
    this.addSql(`alter table "payment_method" add constraint "payment_method_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete set null;`);
    this.addSql(`alter table "payment_method" add constraint "payment_method_type_check" check ("type" in ('CARD', 'BANK_ACCOUNT', 'WALLET'));`);
    this.addSql(`alter table "payment_method" add constraint "payment_method_status_check" check ("status" in ('ACTIVE', 'REMOVED'));`);

    this.addSql(`alter table "payout" add constraint "payout_site_id_foreign" foreign key ("site_id") references "site" ("id");`);
    this.addSql(`alter table "payout" add constraint "payout_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete set null;`);
    this.addSql(`alter table "payout" add constraint "payout_payment_method_id_foreign" foreign key ("payment_method_id") references "payment_method" ("id") on delete set null;`);
    this.addSql(`alter table "payout" add constraint "payout_status_check" check ("status" in ('PENDING', 'VALIDATED', 'OUTCOME_UNKNOWN', 'SUCCEEDED', 'DECLINED', 'FAILED'));`);

    this.addSql(`alter table "order" add constraint "order_site_id_foreign" foreign key ("site_id") references "site" ("id");`);
    this.addSql(`alter table "order" add constraint "order_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete set null;`);
    this.addSql(`alter table "order" add constraint "order_status_check" check ("status" in ('OPEN', 'PARTIALLY_PAID', 'PAID', 'CANCELLED'));`);

    this.addSql(`alter table "api_key" add constraint "api_key_site_id_foreign" foreign key ("site_id") references "site" ("id");`);
    this.addSql(`alter table "api_key" add constraint "api_key_scopes_check" check ("scopes" <@ array['read'::text, 'pay'::text, 'refund'::text, 'payout'::text, 'admin'::text]);`);

    this.addSql(`alter table "transaction" add constraint "transaction_site_id_foreign" foreign key ("site_id") references "site" ("id");`);
    this.addSql(`alter table "transaction" add constraint "transaction_order_id_foreign" foreign key ("order_id") references "order" ("id") on delete set null;`);
    this.addSql(`alter table "transaction" add constraint "transaction_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete set null;`);
    this.addSql(`alter table "transaction" add constraint "transaction_payment_method_id_foreign" foreign key ("payment_method_id") references "payment_method" ("id") on delete set null;`);
    this.addSql(`alter table "transaction" add constraint "transaction_kind_check" check ("kind" in ('SALE', 'AUTHORIZATION', 'VERIFICATION', 'TRANSFER'));`);
    this.addSql(`alter table "transaction" add constraint "transaction_status_check" check ("status" in ('PENDING', 'REQUIRES_ACTION', 'AWAITING_FEE_SELECTION', 'PROCESSING', 'OUTCOME_UNKNOWN', 'AUTHORIZED', 'SUCCEEDED', 'DECLINED', 'FAILED', 'CANCELLED'));`);

    this.addSql(`alter table "scheduled_payment" add constraint "scheduled_payment_site_id_foreign" foreign key ("site_id") references "site" ("id");`);
    this.addSql(`alter table "scheduled_payment" add constraint "scheduled_payment_order_id_foreign" foreign key ("order_id") references "order" ("id") on delete set null;`);
    this.addSql(`alter table "scheduled_payment" add constraint "scheduled_payment_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete set null;`);
    this.addSql(`alter table "scheduled_payment" add constraint "scheduled_payment_payment_method_id_foreign" foreign key ("payment_method_id") references "payment_method" ("id") on delete set null;`);
    this.addSql(`alter table "scheduled_payment" add constraint "scheduled_payment_transaction_id_foreign" foreign key ("transaction_id") references "transaction" ("id") on delete set null;`);
    this.addSql(`alter table "scheduled_payment" add constraint "scheduled_payment_status_check" check ("status" in ('SCHEDULED', 'PROCESSING', 'SUCCEEDED', 'FAILED', 'CANCELLED'));`);

    this.addSql(`alter table "refund" add constraint "refund_site_id_foreign" foreign key ("site_id") references "site" ("id");`);
    this.addSql(`alter table "refund" add constraint "refund_transaction_id_foreign" foreign key ("transaction_id") references "transaction" ("id");`);
    this.addSql(`alter table "refund" add constraint "refund_status_check" check ("status" in ('PENDING', 'OUTCOME_UNKNOWN', 'SUCCEEDED', 'FAILED'));`);

    this.addSql(`alter table "fee_quote" add constraint "fee_quote_site_id_foreign" foreign key ("site_id") references "site" ("id");`);
    this.addSql(`alter table "fee_quote" add constraint "fee_quote_order_id_foreign" foreign key ("order_id") references "order" ("id") on delete set null;`);
    this.addSql(`alter table "fee_quote" add constraint "fee_quote_transaction_id_foreign" foreign key ("transaction_id") references "transaction" ("id") on delete set null;`);

    this.addSql(`alter table "fee_quote_option" add constraint "fee_quote_option_quote_id_foreign" foreign key ("quote_id") references "fee_quote" ("id");`);

    this.addSql(`alter table "transaction_event" add constraint "transaction_event_transaction_id_foreign" foreign key ("transaction_id") references "transaction" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "provider_event" drop constraint "provider_event_site_id_foreign";`);
    this.addSql(`alter table "partner_grant" drop constraint "partner_grant_partner_id_foreign";`);
    this.addSql(`alter table "partner_grant" drop constraint "partner_grant_site_id_foreign";`);
    this.addSql(`alter table "customer" drop constraint "customer_site_id_foreign";`);
    this.addSql(`alter table "payment_method" drop constraint "payment_method_site_id_foreign";`);
    this.addSql(`alter table "payout" drop constraint "payout_site_id_foreign";`);
    this.addSql(`alter table "order" drop constraint "order_site_id_foreign";`);
    this.addSql(`alter table "api_key" drop constraint "api_key_site_id_foreign";`);
    this.addSql(`alter table "transaction" drop constraint "transaction_site_id_foreign";`);
    this.addSql(`alter table "scheduled_payment" drop constraint "scheduled_payment_site_id_foreign";`);
    this.addSql(`alter table "refund" drop constraint "refund_site_id_foreign";`);
    this.addSql(`alter table "fee_quote" drop constraint "fee_quote_site_id_foreign";`);
    this.addSql(`alter table "payment_method" drop constraint "payment_method_customer_id_foreign";`);
    this.addSql(`alter table "payout" drop constraint "payout_customer_id_foreign";`);
    this.addSql(`alter table "order" drop constraint "order_customer_id_foreign";`);
    this.addSql(`alter table "transaction" drop constraint "transaction_customer_id_foreign";`);
    this.addSql(`alter table "scheduled_payment" drop constraint "scheduled_payment_customer_id_foreign";`);
    this.addSql(`alter table "payout" drop constraint "payout_payment_method_id_foreign";`);
    this.addSql(`alter table "transaction" drop constraint "transaction_payment_method_id_foreign";`);
    this.addSql(`alter table "scheduled_payment" drop constraint "scheduled_payment_payment_method_id_foreign";`);
    this.addSql(`alter table "transaction" drop constraint "transaction_order_id_foreign";`);
    this.addSql(`alter table "scheduled_payment" drop constraint "scheduled_payment_order_id_foreign";`);
    this.addSql(`alter table "fee_quote" drop constraint "fee_quote_order_id_foreign";`);
    this.addSql(`alter table "scheduled_payment" drop constraint "scheduled_payment_transaction_id_foreign";`);
    this.addSql(`alter table "refund" drop constraint "refund_transaction_id_foreign";`);
    this.addSql(`alter table "fee_quote" drop constraint "fee_quote_transaction_id_foreign";`);
    this.addSql(`alter table "transaction_event" drop constraint "transaction_event_transaction_id_foreign";`);
    this.addSql(`alter table "fee_quote_option" drop constraint "fee_quote_option_quote_id_foreign";`);

    this.addSql(`drop table if exists "idempotency_record" cascade;`);
    this.addSql(`drop table if exists "site" cascade;`);
    this.addSql(`drop table if exists "provider_event" cascade;`);
    this.addSql(`drop table if exists "partner_grant" cascade;`);
    this.addSql(`drop table if exists "customer" cascade;`);
    this.addSql(`drop table if exists "payment_method" cascade;`);
    this.addSql(`drop table if exists "payout" cascade;`);
    this.addSql(`drop table if exists "order" cascade;`);
    this.addSql(`drop table if exists "api_key" cascade;`);
    this.addSql(`drop table if exists "transaction" cascade;`);
    this.addSql(`drop table if exists "scheduled_payment" cascade;`);
    this.addSql(`drop table if exists "refund" cascade;`);
    this.addSql(`drop table if exists "fee_quote" cascade;`);
    this.addSql(`drop table if exists "fee_quote_option" cascade;`);
    this.addSql(`drop table if exists "transaction_event" cascade;`);
  }

}
