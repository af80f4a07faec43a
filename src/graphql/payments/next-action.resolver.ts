import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { feeChoiceExpiresAt } from '../../domain/payments/select-fee.service';
import { recoveryPolicyOf } from '../../domain/engine/recovery-policy';
import type { Context } from '../context';
import { NextAction, NextActionKind } from './next-action.type';

@Resolver(() => NextAction)
export class NextActionResolver {
  @FieldResolver(() => Date, { nullable: true, description: 'FEE_SELECTION: the fee options can be chosen until then; afterwards the payment ends FAILED (CUSTOMER_ACTION_EXPIRED).' })
  expiresAt(@Root() action: NextAction, @Ctx() { deps }: Context): Date | null {
    return action.type === NextActionKind.FEE_SELECTION ? feeChoiceExpiresAt({ recovery: recoveryPolicyOf(deps.config) }, action) : null;
  }
}
