import { Migration } from '@mikro-orm/migrations';

/** The reconciler's per-row schedule (backoff, attempt count, parking): issue 6 item 7. */
export class Migration20261127141900_recovery extends Migration {

  override name = 'Migration20261127141900_recovery';

  override up(): void | Promise<void> {
    this.addSql(`create table "reconcile_attempt" ("resource" text not null, "site_id" uuid not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "last_attempt_at" timestamptz null, "parked_at" timestamptz null, primary key ("resource"));`);
    this.addSql(`create index "reconcile_attempt_next_attempt_at_index" on "reconcile_attempt" ("next_attempt_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "reconcile_attempt" cascade;`);
  }

}
