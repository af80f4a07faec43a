import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 6 (4, 13): the idempotency claim's owner token (fencing), and the moment each money movement's
 * provider call started, from which "not found at the provider" is judged. Existing rows start from their
 * creation time.
 */
export class Migration20261127143100_idempotency_fencing extends Migration {
  override name = 'Migration20261127143100_idempotency_fencing';

  override up(): void | Promise<void> {
    this.addSql(`alter table "idempotency_record" add column "owner" uuid null;`);
    for (const table of ['transaction', 'payment_operation', 'refund', 'payout']) {
      this.addSql(`alter table "${table}" add column "call_started_at" timestamptz null;`);
      this.addSql(`update "${table}" set "call_started_at" = "created_at";`);
      this.addSql(`alter table "${table}" alter column "call_started_at" set not null, alter column "call_started_at" set default now();`);
    }
  }

  override down(): void | Promise<void> {
    for (const table of ['transaction', 'payment_operation', 'refund', 'payout']) this.addSql(`alter table "${table}" drop column "call_started_at";`);
    this.addSql(`alter table "idempotency_record" drop column "owner";`);
  }
}
