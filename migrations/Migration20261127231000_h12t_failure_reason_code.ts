import { Migration } from '@mikro-orm/migrations';

const REASONS = "'DO_NOT_HONOR', 'INSUFFICIENT_FUNDS', 'EXPIRED_CARD', 'INVALID_CARD', 'LOST_OR_STOLEN_CARD', 'FRAUD_SUSPECTED', 'AUTHENTICATION_FAILED', 'LIMIT_EXCEEDED', 'CUSTOMER_DATA_MISMATCH', 'INVALID_REQUEST', 'PROCESSING_ERROR', 'UNKNOWN'";

/** Refunds, payouts, captures and voids say why they failed in the provider-neutral vocabulary too, as transactions do. */
export class Migration20261127231000_h12t_failure_reason_code extends Migration {
  override name = 'Migration20261127231000_h12t_failure_reason_code';

  override async up(): Promise<void> {
    for (const table of ['refund', 'payout', 'payment_operation']) {
      this.addSql(`alter table "${table}" add "failure_reason_code" text null;`);
      this.addSql(`alter table "${table}" add constraint "${table}_failure_reason_code_check" check ("failure_reason_code" in (${REASONS}));`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['refund', 'payout', 'payment_operation']) {
      this.addSql(`alter table "${table}" drop constraint "${table}_failure_reason_code_check";`);
      this.addSql(`alter table "${table}" drop column "failure_reason_code";`);
    }
  }
}
