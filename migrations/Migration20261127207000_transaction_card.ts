import { Migration } from '@mikro-orm/migrations';

/** The card a transaction was paid with, as a receipt shows it (brand, last four, expiry); null for other sources. */
export class Migration20261127207000_transaction_card extends Migration {
  override name = 'Migration20261127207000_transaction_card';

  override async up(): Promise<void> {
    this.addSql(`alter table "transaction" add column "card" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "transaction" drop column "card";`);
  }
}
