import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { isCurrency, type CurrencyCode } from '../../kernel/money';
import type { Transaction } from '../../domain/transactions/transaction.entity';
import { capturableMinor, TransactionAction } from '../../domain/transactions/available-actions';
import { TransactionKind, TransactionStatus } from '../../domain/transactions/transaction-status';
import { DeclineReasonCode } from '../../providers/decline-codes';
import { ConnectionType } from '../common/connection';
import { Money } from '../common/money.type';
import { Node } from '../common/node';
import { RecordNode, recordNode } from '../common/record-node.type';
import { NextAction, nextActionFrom } from '../payments/next-action.type';
import { PaymentCardType } from './payment-card.type';

registerEnumType(TransactionStatus, { name: 'TransactionStatus', description: 'Where a payment stands.' });
registerEnumType(TransactionKind, { name: 'TransactionKind' });
registerEnumType(TransactionAction, { name: 'TransactionAction', description: 'A mutation a client may call on this payment now: capturePayment, cancelPayment, refundPayment, selectTransferFee.' });
registerEnumType(DeclineReasonCode, {
  name: 'DeclineReasonCode',
  description: "Why a payment was declined or failed, the same for every provider; declineCode keeps the provider's own code.",
});

@ObjectType('Transaction', { implements: Node, description: 'One payment attempt at a provider, with its history.' })
export class TransactionType extends RecordNode {
  /** Relation ids, kept off the schema; field resolvers load relations by them. */
  orderDbId!: string | null;
  customerDbId!: string | null;
  paymentMethodDbId!: string | null;
  /** Events carry amounts without a currency; they are in this one. */
  currency!: CurrencyCode;
  /** The row, for fields decided with the provider's facets (availableActions, in the resolver). */
  row!: Transaction;

  @Field({ description: 'Provider key (see the providers query).' })
  provider!: string;

  @Field(() => TransactionKind)
  kind!: TransactionKind;

  @Field(() => TransactionStatus)
  status!: TransactionStatus;

  // The amounts are getters over the row, computed only when a query selects them: eight Money values per
  // transaction, most of them unselected, were about a tenth of a nested page's node mapping.
  @Field(() => Money)
  get amount(): Money {
    return this.money(this.row.amountMinor);
  }

  @Field(() => Money, { description: 'Captured so far; equals amount once a sale succeeds.' })
  get capturedAmount(): Money {
    return this.money(this.row.capturedMinor);
  }

  @Field(() => Money, { description: 'Refunded so far, across all succeeded refunds.' })
  get refundedAmount(): Money {
    return this.money(this.row.refundedMinor);
  }

  @Field(() => Money, { description: 'What can still be refunded: captured minus refunded.' })
  get refundableAmount(): Money {
    const captured = BigInt(this.row.capturedMinor);
    const refunded = BigInt(this.row.refundedMinor);
    return this.money(captured > refunded ? captured - refunded : 0n);
  }

  @Field(() => Money, { description: 'What capturePayment can still take: authorized (as approved) minus captured; zero unless AUTHORIZED.' })
  get capturableAmount(): Money {
    return this.money(capturableMinor(this.row));
  }

  @Field(() => Money, { nullable: true, description: 'Fee charged on top (convenience or transfer fee); with a fee option chosen, that option\'s fee.' })
  get fee(): Money | null {
    return this.row.feeMinor === undefined || this.row.feeMinor === null ? null : this.money(this.row.feeMinor);
  }

  @Field(() => String, { nullable: true, description: "The fee option the customer chose from the provider's quote (pay.feeOptionId)." })
  feeOptionId!: string | null;

  @Field(() => Money, { nullable: true, description: 'Set when the provider reported charging another fee than the chosen option: the payment needs a look (a fee_mismatch event says more).' })
  get providerReportedFee(): Money | null {
    return this.row.providerFeeMinor === undefined || this.row.providerFeeMinor === null ? null : this.money(this.row.providerFeeMinor);
  }

  @Field({ description: 'Our reference sent to the provider; the provider knows the payment by it.' })
  reference!: string;

  @Field({ description: "True when a partner's API key made this payment on the site's behalf (PayNearMe 3PPP payments)." })
  onBehalfOfPartner!: boolean;

  @Field(() => String, { nullable: true })
  providerTransactionId!: string | null;

  @Field(() => String, { nullable: true, description: "The provider's decline code, when DECLINED or FAILED." })
  declineCode!: string | null;

  @Field(() => String, { nullable: true })
  declineReason!: string | null;

  @Field(() => DeclineReasonCode, { nullable: true, description: 'declineCode in the provider-neutral vocabulary, when DECLINED or FAILED.' })
  declineReasonCode!: DeclineReasonCode | null;

  @Field(() => Money, { nullable: true, description: 'Set when the provider reported another amount or currency than we sent.' })
  get providerReportedAmount(): Money | null {
    return reported(this.row.mismatch);
  }

  @Field(() => NextAction, { nullable: true, description: 'Set while the customer must act (REQUIRES_ACTION, AWAITING_FEE_SELECTION).' })
  nextAction!: NextAction | null;

  @Field(() => GraphQLJSONObject)
  metadata!: Record<string, string>;

  @Field(() => PaymentCardType, { nullable: true, description: 'The card paid with (a card given or a saved card); null for bank accounts and redirects.' })
  card!: PaymentCardType | null;

  private money(minor: bigint | string): Money {
    return Money.of(BigInt(minor), this.currency);
  }

  static from(tx: Transaction): TransactionType {
    const node = recordNode(TransactionType, 'Transaction', tx);
    node.row = tx;
    node.orderDbId = tx.order?.id ?? null;
    node.customerDbId = tx.customer?.id ?? null;
    node.paymentMethodDbId = tx.paymentMethod?.id ?? null;
    node.currency = tx.currency;
    node.provider = tx.provider;
    node.kind = tx.kind;
    node.status = tx.status;
    node.feeOptionId = tx.feeOptionId ?? null;
    node.reference = tx.reference;
    node.onBehalfOfPartner = !!tx.partnerSiteId;
    node.providerTransactionId = tx.providerTransactionId ?? null;
    node.card = tx.card ?? null;
    node.declineCode = tx.declineCode ?? null;
    node.declineReason = tx.declineReason ?? null;
    node.declineReasonCode = tx.declineReasonCode ?? (tx.declineCode ? DeclineReasonCode.UNKNOWN : null);
    node.nextAction = nextActionFrom(tx.nextAction, tx.createdAt);
    node.metadata = tx.metadata ?? {};
    return node;
  }
}

function reported(mismatch: Transaction['mismatch']): Money | null {
  if (!mismatch || !isCurrency(mismatch.currency) || !/^-?\d+$/.test(mismatch.amountMinor)) return null;
  return Money.of(BigInt(mismatch.amountMinor), mismatch.currency);
}

export const TransactionConnection = ConnectionType(TransactionType, 'Transaction');
