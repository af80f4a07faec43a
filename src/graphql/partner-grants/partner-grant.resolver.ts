import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { NotFoundError } from '../../kernel/errors';
import { requireSiteAdmin } from '../../domain/sites/api-key.service';
import { PartnerGrantService } from '../../domain/sites/partner-grant.service';
import { ConnectionArgs, decodeCursor, toConnection, type ConnectionShape } from '../common/connection';
import type { Context } from '../context';
import { SiteType } from '../sites/site.type';
import { PartnerGrantConnection, PartnerGrantType } from './partner-grant.type';

@Resolver(() => PartnerGrantType)
export class PartnerGrantResolver {
  @Query(() => PartnerGrantConnection, {
    nullable: true,
    description: 'Grants the acting site gave to partners, newest first, revoked ones included. Scope ADMIN, site keys only.',
  })
  async partnerGrants(@Args() args: ConnectionArgs, @Ctx() ctx: Context): Promise<ConnectionShape<PartnerGrantType>> {
    requireSiteAdmin(ctx.principal);
    const page = await new PartnerGrantService(ctx.em).list({ first: args.first, after: decodeCursor(args.after) });
    return toConnection(page, PartnerGrantType.from);
  }

  @FieldResolver(() => SiteType, { description: 'The partner allowed to act for this site.' })
  async partner(@Root() grant: PartnerGrantType, @Ctx() { loaders }: Context): Promise<SiteType> {
    const site = await loaders.site.load(grant.partnerDbId);
    if (!site) throw new NotFoundError('partner site');
    return SiteType.from(site);
  }
}
