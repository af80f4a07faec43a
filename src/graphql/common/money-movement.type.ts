import { Field, ObjectType } from 'type-graphql';
import type { CurrencyCode } from '../../kernel/money';
import { DeclineReasonCode } from '../../providers/decline-codes';
import { Money } from './money.type';
import { RecordNode, recordFields, type StoredRow } from './record-node.type';

/**
 * Refunds and payouts: an amount sent through a provider under our reference, which may fail with the
 * provider's code. Like RecordNode, never in the schema on its own.
 */
@ObjectType('MoneyMovement')
export abstract class MoneyMovementNode extends RecordNode {
  @Field(() => Money)
  amount!: Money;

  @Field({ description: 'Our reference sent to the provider.' })
  reference!: string;

  @Field(() => String, { nullable: true, description: "The provider's own code (or the gateway's name for it), when DECLINED or FAILED." })
  failureCode!: string | null;

  @Field(() => String, { nullable: true, description: "The provider's text, when DECLINED or FAILED." })
  failureReason!: string | null;

  @Field(() => DeclineReasonCode, { nullable: true, description: 'failureCode in the provider-neutral vocabulary, when DECLINED or FAILED.' })
  failureReasonCode!: DeclineReasonCode | null;
}

export interface MovementRow extends StoredRow {
  amountMinor: bigint;
  currency: CurrencyCode;
  reference: string;
  failureCode?: string;
  failureReason?: string;
  failureReasonCode?: DeclineReasonCode;
}

export function movementFields(typeName: string, row: MovementRow) {
  return {
    ...recordFields(typeName, row),
    amount: Money.of(BigInt(row.amountMinor), row.currency),
    reference: row.reference,
    failureCode: row.failureCode ?? null,
    failureReason: row.failureReason ?? null,
    // Rows refused before the neutral code was kept say UNKNOWN, as transactions do.
    failureReasonCode: row.failureReasonCode ?? (row.failureCode ? DeclineReasonCode.UNKNOWN : null),
  };
}
