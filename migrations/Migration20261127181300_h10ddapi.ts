import { Migration } from '@mikro-orm/migrations';

/**
 * Inbound provider routes (issue 10, Payneteasy's merchant-server endpoints): app access tokens bound to a
 * device, the provider's own records (DAPI sessions), and the first answer per idempotency key of a route.
 */
export class Migration20261127181300_h10ddapi extends Migration {

  override name = 'Migration20261127181300_h10ddapi';

  override up(): void | Promise<void> {
    this.addSql(`create table "provider_record" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "site_id" uuid not null, "provider" text not null, "kind" text not null, "key" text not null, "data" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "provider_record_site_id_index" on "provider_record" ("site_id");`);
    this.addSql(`alter table "provider_record" add constraint "provider_record_provider_kind_key_unique" unique ("provider", "kind", "key");`);

    this.addSql(`create table "inbound_reply" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "site_id" uuid not null, "provider" text not null, "scope" text not null, "key" text not null, "request_hash" text not null, "status" smallint null, "body" jsonb null, primary key ("id"));`);
    this.addSql(`create index "inbound_reply_site_id_index" on "inbound_reply" ("site_id");`);
    this.addSql(`alter table "inbound_reply" add constraint "inbound_reply_provider_scope_site_id_key_unique" unique ("provider", "scope", "site_id", "key");`);

    this.addSql(`create table "app_access_token" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "site_id" uuid not null, "customer_id" uuid null, "provider" text not null, "device_id" text not null, "token_hash" text not null, "expires_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "app_access_token_site_id_index" on "app_access_token" ("site_id");`);
    this.addSql(`alter table "app_access_token" add constraint "app_access_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(`alter table "provider_record" add constraint "provider_record_site_id_foreign" foreign key ("site_id") references "site" ("id");`);

    this.addSql(`alter table "inbound_reply" add constraint "inbound_reply_site_id_foreign" foreign key ("site_id") references "site" ("id");`);

    this.addSql(`alter table "app_access_token" add constraint "app_access_token_site_id_foreign" foreign key ("site_id") references "site" ("id");`);
    this.addSql(`alter table "app_access_token" add constraint "app_access_token_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "provider_record" cascade;`);
    this.addSql(`drop table if exists "inbound_reply" cascade;`);
    this.addSql(`drop table if exists "app_access_token" cascade;`);
  }

}
