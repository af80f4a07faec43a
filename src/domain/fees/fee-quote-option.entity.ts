import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { FeeQuote } from './fee-quote.entity';

@Entity({ tableName: 'fee_quote_option' })
export class FeeQuoteOption {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => FeeQuote, { index: true })
  quote!: FeeQuote;

  /** The provider's id for this option (Payneteasy assignedId, PayNearMe payment method type). */
  @Property({ type: 'text' })
  providerOptionId!: string;

  @Property({ type: 'text', nullable: true })
  paymentMethodType?: string;

  @Property({ type: 'bigint' })
  feeMinor!: bigint;

  @Property({ type: 'text', nullable: true })
  description?: string;
}
