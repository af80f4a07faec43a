import { Migration } from '@mikro-orm/migrations';

/**
 * PayNearMe (issue 9): a transaction records the partner site that made it on the site's behalf, and a saved
 * method can be INACTIVE (held by the provider, not chargeable: PayNearMe token status "inactive").
 */
export class Migration20261127181500_h9paynearme extends Migration {
  override name = 'Migration20261127181500_h9paynearme';

  override async up(): Promise<void> {
    this.addSql(`alter table "transaction" add column "partner_site_id" uuid null;`);
    this.addSql(`create index "transaction_partner_site_id_index" on "transaction" ("partner_site_id");`);
    this.addSql(`alter table "payment_method" drop constraint "payment_method_status_check";`);
    this.addSql(`alter table "payment_method" add constraint "payment_method_status_check" check ("status" in ('ACTIVE', 'INACTIVE', 'REMOVED'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "payment_method" drop constraint "payment_method_status_check";`);
    this.addSql(`alter table "payment_method" add constraint "payment_method_status_check" check ("status" in ('ACTIVE', 'REMOVED'));`);
    this.addSql(`drop index "transaction_partner_site_id_index";`);
    this.addSql(`alter table "transaction" drop column "partner_site_id";`);
  }
}
