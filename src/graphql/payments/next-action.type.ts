import { GraphQLJSONObject } from 'graphql-scalars';
import { createUnionType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { isCurrency } from '../../kernel/money';
import { Money } from '../common/money.type';

export enum RedirectMethod {
  GET = 'GET',
  POST = 'POST',
}
registerEnumType(RedirectMethod, { name: 'RedirectMethod', description: 'How the customer\'s browser opens RedirectAction.url.' });

@ObjectType()
export class FeeOption {
  @Field(() => ID, { description: 'Give it as selectTransferFee.feeOptionId.' })
  id!: string;

  @Field(() => Money)
  fee!: Money;

  @Field(() => String, { nullable: true })
  label!: string | null;
}

@ObjectType({
  description:
    'Send the customer to url (3-D Secure, a wallet or voucher page): GET, or POST the fields as a form. ' +
    'They come back to your returnUrl with ?transactionId=…&status=….',
})
export class RedirectAction {
  @Field()
  url!: string;

  @Field(() => RedirectMethod)
  method!: RedirectMethod;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'POST only: the form fields to post to url.' })
  fields!: Record<string, string> | null;
}

@ObjectType({ description: 'Nothing for the customer to do: query the transaction again (or wait for its subscription) after pollAfterMs.' })
export class PollAction {
  @Field(() => Int)
  pollAfterMs!: number;
}

@ObjectType({ description: 'The customer chooses one of feeOptions with selectTransferFee before expiresAt.' })
export class FeeSelectionAction {
  @Field(() => [FeeOption])
  feeOptions!: FeeOption[];

  /** When the payment was created: the choice expires a configured time after it (next-action.resolver.ts). */
  createdAt!: Date;
}

/** The variants a client switches over by __typename; each carries its own required fields. */
export const NextAction = createUnionType({
  name: 'NextAction',
  description: 'What the customer must do next, one variant per kind of action.',
  types: () => [RedirectAction, PollAction, FeeSelectionAction] as const,
  // No resolveType of our own: type-graphql then resolves by `instanceof` synchronously (nextActionFrom builds
  // the classes). A resolveType of ours is wrapped in an async function, which graphql-jit's compiled queries
  // cannot await: the field failed there (issue-13-compiled-queries).
});
export type NextAction = RedirectAction | PollAction | FeeSelectionAction;

/** From the stored jsonb (see domain/payments/apply-outcome.ts storedAction), which keeps its own shape. */
export function nextActionFrom(stored: Record<string, unknown> | null | undefined, createdAt: Date): NextAction | null {
  if (!stored || typeof stored.type !== 'string') return null;
  if (stored.type === 'redirect') {
    const method = stored.method === 'POST' ? RedirectMethod.POST : RedirectMethod.GET;
    const fields = method === RedirectMethod.POST ? ((stored.fields as Record<string, string> | undefined) ?? {}) : null;
    return Object.assign(new RedirectAction(), { url: String(stored.url), method, fields });
  }
  if (stored.type === 'poll') return Object.assign(new PollAction(), { pollAfterMs: Number(stored.afterMs) });
  if (stored.type !== 'fee_selection') return null;
  const options = (stored.options as { id: string; label?: string; amountMinor: string; currency: string }[]) ?? [];
  const feeOptions = options
    .filter((o) => isCurrency(o.currency))
    .map((o) => ({ id: o.id, label: o.label ?? null, fee: Money.of(BigInt(o.amountMinor), o.currency as never) }));
  return Object.assign(new FeeSelectionAction(), { feeOptions, createdAt });
}
