import { Migration } from '@mikro-orm/migrations';

/**
 * Client tokens (issue 12): short-lived bearers for browsers and mobile apps, stored as a hash, and the
 * single-use payment methods they tokenize. The new payment_method columns default so existing rows are untouched.
 */
export class Migration20261127206000_h12c_client_tokens extends Migration {
  override name = 'Migration20261127206000_h12c_client_tokens';

  override async up(): Promise<void> {
    this.addSql(`create table "client_token" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "site_id" uuid not null, "created_by_key_id" uuid not null, "prefix" text not null, "secret_hash" text not null, "order_id" uuid null, "customer_id" uuid null, "allowed_origins" text[] not null, "expires_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "client_token" add constraint "client_token_prefix_unique" unique ("prefix");`);
    this.addSql(`create index "client_token_expires_at_index" on "client_token" ("expires_at");`);
    this.addSql(`alter table "client_token" add constraint "client_token_site_id_foreign" foreign key ("site_id") references "site" ("id");`);
    this.addSql(`alter table "client_token" add constraint "client_token_order_id_foreign" foreign key ("order_id") references "order" ("id") on delete set null;`);
    this.addSql(`alter table "client_token" add constraint "client_token_customer_id_foreign" foreign key ("customer_id") references "customer" ("id") on delete set null;`);

    this.addSql(`alter table "payment_method" add column "single_use" boolean not null default false, add column "used_at" timestamptz null, add column "client_token_id" uuid null;`);
    this.addSql(`alter table "payment_method" add constraint "payment_method_client_token_id_foreign" foreign key ("client_token_id") references "client_token" ("id") on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "payment_method" drop constraint "payment_method_client_token_id_foreign";`);
    this.addSql(`alter table "payment_method" drop column "single_use", drop column "used_at", drop column "client_token_id";`);
    this.addSql(`drop table if exists "client_token" cascade;`);
  }
}
