import { Migration } from '@mikro-orm/migrations';

/**
 * Scheduled payments run by the gateway or by the provider (run_by), with the gateway run's lease and attempts,
 * the reason a run failed, and an appended history (scheduled_payment_event).
 */
export class Migration20261127181200_h9s_schedules extends Migration {
  override name = 'Migration20261127181200_h9s_schedules';

  override up(): void | Promise<void> {
    this.addSql(`create table "scheduled_payment_event" ("id" uuid not null, "scheduled_payment_id" uuid not null, "type" text not null, "from_status" text null, "to_status" text null, "message" text null, "data" jsonb null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "scheduled_payment_event_scheduled_payment_id_index" on "scheduled_payment_event" ("scheduled_payment_id");`);

    this.addSql(`alter table "scheduled_payment" add "run_by" text not null default 'GATEWAY', add "description" text null, add "lease_until" timestamptz null, add "attempts" int not null default 0, add "failure_code" text null, add "failure_message" text null;`);
    this.addSql(`alter table "scheduled_payment" add constraint "scheduled_payment_run_by_check" check ("run_by" in ('GATEWAY', 'PROVIDER'));`);

    this.addSql(`alter table "scheduled_payment_event" add constraint "scheduled_payment_event_scheduled_payment_id_foreign" foreign key ("scheduled_payment_id") references "scheduled_payment" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "scheduled_payment_event" cascade;`);

    this.addSql(`alter table "scheduled_payment" drop constraint "scheduled_payment_run_by_check";`);
    this.addSql(`alter table "scheduled_payment" drop column "run_by", drop column "description", drop column "lease_until", drop column "attempts", drop column "failure_code", drop column "failure_message";`);
  }
}
