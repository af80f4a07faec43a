import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 6 part 2 (2): movements with more than one provider call.
 * - A refund whose provider validates first (paysafecard) is VALIDATED between its two calls, and carries the
 *   step in flight, as payouts do.
 * - A payment carries its step: `pay` until a completion that moves money (a capture after the customer
 *   authorized, a fee choice) or a decline of what the customer authorized begins; each step is committed
 *   before its call, so recovery knows whether that call may have been sent and then only asks the provider.
 */
export class Migration20261127173500_steps extends Migration {
  override name = 'Migration20261127173500_steps';

  override up(): void | Promise<void> {
    this.addSql(`alter table "refund" drop constraint "refund_status_check";`);
    this.addSql(`alter table "refund" add constraint "refund_status_check" check ("status" in ('PENDING', 'VALIDATED', 'OUTCOME_UNKNOWN', 'SUCCEEDED', 'FAILED'));`);
    this.addSql(`alter table "refund" add column "step" text null;`);
    this.addSql(`drop index "refund_open_sweep_index";`);
    this.addSql(`create index "refund_open_sweep_index" on "refund" ("status", "created_at") where status in ('PENDING', 'VALIDATED', 'OUTCOME_UNKNOWN');`);
    this.addSql(`alter table "transaction" add column "step" text not null default 'pay';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "transaction" drop column "step";`);
    this.addSql(`drop index "refund_open_sweep_index";`);
    this.addSql(`create index "refund_open_sweep_index" on "refund" ("status", "created_at") where status in ('PENDING', 'OUTCOME_UNKNOWN');`);
    this.addSql(`alter table "refund" drop column "step";`);
    this.addSql(`alter table "refund" drop constraint "refund_status_check";`);
    this.addSql(`alter table "refund" add constraint "refund_status_check" check ("status" in ('PENDING', 'OUTCOME_UNKNOWN', 'SUCCEEDED', 'FAILED'));`);
  }
}
