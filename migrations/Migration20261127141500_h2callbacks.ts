import { Migration } from '@mikro-orm/migrations';

/**
 * Callbacks find movements by the provider's id (issue 6: those lookups were sequential scans), and the inbox
 * records when it last tried to settle a stored event.
 */
export class Migration20261127141500_h2callbacks extends Migration {

  override name = 'Migration20261127141500_h2callbacks';

  override up(): void | Promise<void> {
    this.addSql(`create index "transaction_provider_provider_transaction_id_index" on "transaction" ("provider", "provider_transaction_id");`);
    this.addSql(`create index "payout_provider_provider_payout_id_index" on "payout" ("provider", "provider_payout_id");`);
    this.addSql(`create index "refund_provider_refund_id_index" on "refund" ("provider_refund_id");`);
    this.addSql(`create index "payment_operation_provider_operation_id_index" on "payment_operation" ("provider_operation_id");`);
    this.addSql(`alter table "provider_event" add "attempted_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "transaction_provider_provider_transaction_id_index";`);
    this.addSql(`drop index "payout_provider_provider_payout_id_index";`);
    this.addSql(`drop index "refund_provider_refund_id_index";`);
    this.addSql(`drop index "payment_operation_provider_operation_id_index";`);
    this.addSql(`alter table "provider_event" drop column "attempted_at";`);
  }

}
