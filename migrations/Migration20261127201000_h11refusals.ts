import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 11: a provider's refusal of a refund or payout is kept with what it concerns (failure_field, the
 * caller's userError field); a refused refund is DECLINED (as a payout is), not FAILED; a payout may be
 * validated only, then waits for capturePayout.
 */
export class Migration20261127201000_h11refusals extends Migration {
  override name = 'Migration20261127201000_h11refusals';

  override async up(): Promise<void> {
    this.addSql(`alter table "refund" drop constraint "refund_status_check";`);
    this.addSql(`alter table "refund" add constraint "refund_status_check" check ("status" in ('PENDING', 'VALIDATED', 'OUTCOME_UNKNOWN', 'SUCCEEDED', 'DECLINED', 'FAILED'));`);
    this.addSql(`alter table "refund" add column "failure_field" text null;`);
    this.addSql(`alter table "payout" add column "failure_field" text null;`);
    this.addSql(`alter table "payout" add column "validate_only" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "payout" drop column "validate_only";`);
    this.addSql(`alter table "payout" drop column "failure_field";`);
    this.addSql(`alter table "refund" drop column "failure_field";`);
    this.addSql(`update "refund" set status = 'FAILED' where status = 'DECLINED';`);
    this.addSql(`alter table "refund" drop constraint "refund_status_check";`);
    this.addSql(`alter table "refund" add constraint "refund_status_check" check ("status" in ('PENDING', 'VALIDATED', 'OUTCOME_UNKNOWN', 'SUCCEEDED', 'FAILED'));`);
  }
}
