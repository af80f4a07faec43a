import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 9's open gaps: a provider schedule is recorded on one of our rows at most (a lost answer found again),
 * the partner that made a schedule, and the fee option a payment was made with beside the fee the provider
 * reported when it differs. All nullable, so existing rows are untouched.
 */
export class Migration20261127202000_h9gaps extends Migration {
  override name = 'Migration20261127202000_h9gaps';

  override async up(): Promise<void> {
    this.addSql(`alter table "scheduled_payment" add column "partner_site_id" uuid null;`);
    this.addSql(`alter table "scheduled_payment" add constraint "scheduled_payment_provider_provider_schedule_id_unique" unique ("provider", "provider_schedule_id");`);
    this.addSql(`alter table "transaction" add column "fee_option_id" text null, add column "provider_fee_minor" bigint null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "transaction" drop column "provider_fee_minor", drop column "fee_option_id";`);
    this.addSql(`alter table "scheduled_payment" drop constraint "scheduled_payment_provider_provider_schedule_id_unique";`);
    this.addSql(`alter table "scheduled_payment" drop column "partner_site_id";`);
  }
}
