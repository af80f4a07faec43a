import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { feeChoiceExpiresAt } from '../../domain/payments/select-fee.service';
import { recoveryPolicyOf } from '../../domain/engine/recovery-policy';
import type { Context } from '../context';
import { FeeSelectionAction } from './next-action.type';

@Resolver(() => FeeSelectionAction)
export class NextActionResolver {
  @FieldResolver(() => Date, { description: 'The fee options can be chosen until then; afterwards the payment ends FAILED (CUSTOMER_ACTION_EXPIRED).' })
  expiresAt(@Root() action: FeeSelectionAction, @Ctx() { deps }: Context): Date {
    return feeChoiceExpiresAt({ recovery: recoveryPolicyOf(deps.config) }, action);
  }
}
