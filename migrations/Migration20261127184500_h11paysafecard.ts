import { Migration } from '@mikro-orm/migrations';

/**
 * paysafecard's customer data exchange: the provider's details on the customer, and each site's comparison
 * settings (fields, threshold, account-less payments). Both nullable, so existing rows are untouched.
 */
export class Migration20261127184500_h11paysafecard extends Migration {
  override name = 'Migration20261127184500_h11paysafecard';

  override async up(): Promise<void> {
    this.addSql(`alter table "customer" add column "provider_details" jsonb null;`);
    this.addSql(`alter table "site" add column "customer_data_match" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "site" drop column "customer_data_match";`);
    this.addSql(`alter table "customer" drop column "provider_details";`);
  }
}
