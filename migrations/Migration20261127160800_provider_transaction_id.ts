import { Migration } from '@mikro-orm/migrations';

/**
 * One name for one concept: the provider's id of a money movement is `provider_transaction_id` on every
 * movement table (it was provider_operation_id, provider_refund_id and provider_payout_id beside the
 * transaction's provider_transaction_id). Columns and their indexes are renamed in place; no data moves.
 */
export class Migration20261127160800_provider_transaction_id extends Migration {
  override name = 'Migration20261127160800_provider_transaction_id';

  override async up(): Promise<void> {
    this.addSql(`alter table "payment_operation" rename column "provider_operation_id" to "provider_transaction_id";`);
    this.addSql(`alter index "payment_operation_provider_operation_id_index" rename to "payment_operation_provider_transaction_id_index";`);
    this.addSql(`alter table "refund" rename column "provider_refund_id" to "provider_transaction_id";`);
    this.addSql(`alter index "refund_provider_refund_id_index" rename to "refund_provider_transaction_id_index";`);
    this.addSql(`alter table "payout" rename column "provider_payout_id" to "provider_transaction_id";`);
    this.addSql(`alter index "payout_provider_provider_payout_id_index" rename to "payout_provider_provider_transaction_id_index";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter index "payout_provider_provider_transaction_id_index" rename to "payout_provider_provider_payout_id_index";`);
    this.addSql(`alter table "payout" rename column "provider_transaction_id" to "provider_payout_id";`);
    this.addSql(`alter index "refund_provider_transaction_id_index" rename to "refund_provider_refund_id_index";`);
    this.addSql(`alter table "refund" rename column "provider_transaction_id" to "provider_refund_id";`);
    this.addSql(`alter index "payment_operation_provider_transaction_id_index" rename to "payment_operation_provider_operation_id_index";`);
    this.addSql(`alter table "payment_operation" rename column "provider_transaction_id" to "provider_operation_id";`);
  }
}
