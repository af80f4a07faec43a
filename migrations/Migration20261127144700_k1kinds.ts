import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 6 part 2 (2): the step of a payout with more than one provider call (validate, then pay out) that is
 * in flight or last made. The step changes in its own committed transaction before its call is sent, so a
 * recovery knows whether the call that moves money may have been sent (then it only asks the provider).
 * Existing rows made one call: null.
 */
export class Migration20261127144700_k1kinds extends Migration {
  override name = 'Migration20261127144700_k1kinds';

  override up(): void | Promise<void> {
    this.addSql(`alter table "payout" add column "step" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "payout" drop column "step";`);
  }
}
