import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Scope } from '../../domain/sites/api-key.entity';
import { listRefunds } from '../../domain/refunds/refund.queries';
import { toConnection, type ConnectionShape } from '../common/connection';
import type { Context } from '../context';
import { filterId, loadByGlobalId, loadRelated, pageArgs, readingEm, readingSite } from '../node/read-helpers';
import { TransactionType } from '../transactions/transaction.type';
import { RefundsArgs } from './refunds.args';
import { RefundConnection, RefundType } from './refund.type';

@Resolver(() => RefundType)
export class RefundResolver {
  @Query(() => RefundType, { nullable: true, description: 'A refund of the acting site; null when not found.' })
  refund(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<RefundType | null> {
    readingSite(ctx);
    return loadByGlobalId(ctx.loaders.refund, id, 'Refund', RefundType.from);
  }

  @Query(() => RefundConnection, { nullable: true, description: 'Refunds of the acting site, newest first.' })
  async refunds(@Args() args: RefundsArgs, @Ctx() ctx: Context): Promise<ConnectionShape<RefundType>> {
    const filter = { ...args, statuses: args.status, transactionId: filterId(args.transactionId, 'Transaction', 'transactionId') };
    return toConnection(await listRefunds(readingEm(ctx), filter, pageArgs(args)), RefundType.from);
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => TransactionType, { nullable: true, description: 'The refunded transaction.' })
  transaction(@Root() refund: RefundType, @Ctx() { loaders }: Context): Promise<TransactionType | null> {
    return loadRelated(loaders.transaction, refund.transactionDbId, TransactionType.from);
  }
}
