import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { ApiKeyService, requireSiteAdmin } from '../../domain/sites/api-key.service';
import { ConnectionArgs, decodeCursor, toConnection, type ConnectionShape } from '../common/connection';
import type { Context } from '../context';
import { ApiKeyConnection, ApiKeyType } from './api-key.type';

@Resolver(() => ApiKeyType)
export class ApiKeyResolver {
  @Query(() => ApiKeyConnection, { nullable: true, description: "The acting site's API keys, newest first, revoked ones included. Scope ADMIN, site keys only." })
  async apiKeys(@Args() args: ConnectionArgs, @Ctx() ctx: Context): Promise<ConnectionShape<ApiKeyType>> {
    requireSiteAdmin(ctx.principal);
    const page = await new ApiKeyService(ctx.em).list({ first: args.first, after: decodeCursor(args.after) });
    return toConnection(page, ApiKeyType.from);
  }
}
