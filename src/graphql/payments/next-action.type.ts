import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { isCurrency } from '../../kernel/money';
import { Money } from '../common/money.type';

export enum NextActionKind {
  REDIRECT = 'REDIRECT',
  POLL = 'POLL',
  FEE_SELECTION = 'FEE_SELECTION',
}
registerEnumType(NextActionKind, { name: 'NextActionKind' });

@ObjectType()
export class FeeOption {
  @Field()
  id!: string;

  @Field(() => Money)
  fee!: Money;

  @Field(() => String, { nullable: true })
  label!: string | null;
}

@ObjectType({
  description:
    'What the customer must do next. REDIRECT: send the customer to redirectUrl (GET, or POST the fields); they come back to ' +
    'your returnUrl with ?transactionId=…&status=…. POLL: query the transaction again after pollAfterMs. FEE_SELECTION: choose a fee option.',
})
export class NextAction {
  @Field(() => NextActionKind)
  type!: NextActionKind;

  @Field(() => String, { nullable: true })
  redirectUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'GET or POST.' })
  method!: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Form fields to POST to redirectUrl.' })
  fields!: Record<string, string> | null;

  @Field(() => Int, { nullable: true })
  pollAfterMs!: number | null;

  @Field(() => [FeeOption], { nullable: true, description: 'FEE_SELECTION: choose one with selectTransferFee before expiresAt.' })
  feeOptions!: FeeOption[] | null;

  /** When the payment was created: a fee choice expires a configured time after it (next-action.resolver.ts). */
  createdAt!: Date;

  /** From the stored jsonb (see domain/payments/apply-outcome.ts storedAction). */
  static from(stored: Record<string, unknown> | null | undefined, createdAt: Date): NextAction | null {
    if (!stored || typeof stored.type !== 'string') return null;
    const base = { redirectUrl: null, method: null, fields: null, pollAfterMs: null, feeOptions: null, createdAt };
    if (stored.type === 'redirect') {
      return { ...base, type: NextActionKind.REDIRECT, redirectUrl: String(stored.url), method: String(stored.method ?? 'GET'), fields: (stored.fields as Record<string, string>) ?? null };
    }
    if (stored.type === 'poll') return { ...base, type: NextActionKind.POLL, pollAfterMs: Number(stored.afterMs) };
    if (stored.type !== 'fee_selection') return null;
    const options = (stored.options as { id: string; label?: string; amountMinor: string; currency: string }[]) ?? [];
    const feeOptions = options
      .filter((o) => isCurrency(o.currency))
      .map((o) => ({ id: o.id, label: o.label ?? null, fee: Money.of(BigInt(o.amountMinor), o.currency as never) }));
    return { ...base, type: NextActionKind.FEE_SELECTION, feeOptions };
  }
}
