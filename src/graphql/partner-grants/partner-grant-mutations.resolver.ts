import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Scope } from '../../domain/sites/api-key.entity';
import { requireSiteAdmin } from '../../domain/sites/api-key.service';
import { PartnerGrant } from '../../domain/sites/partner-grant.entity';
import { PartnerGrantService } from '../../domain/sites/partner-grant.service';
import { idOf, siteIdOf } from '../common/global-id';
import { loadWritten, runMutation } from '../common/mutation';
import type { Context } from '../context';
import { GrantPartnerAccessInput, RevokePartnerAccessInput } from './partner-grant.input';
import { GrantPartnerAccessPayload, RevokePartnerAccessPayload } from './partner-grant.payload';
import { PartnerGrantType } from './partner-grant.type';

@Resolver()
export class PartnerGrantMutationsResolver {
  @Mutation(() => GrantPartnerAccessPayload, { nullable: true, description: 'Scope ADMIN, site keys only.' })
  async grantPartnerAccess(@Arg('input') input: GrantPartnerAccessInput, @Ctx() ctx: Context): Promise<GrantPartnerAccessPayload> {
    requireSiteAdmin(ctx.principal);
    const result = await runMutation(ctx, { operation: 'grantPartnerAccess', scope: Scope.ADMIN, input }, async (tx) => {
      const grant = await new PartnerGrantService(tx).grant(siteIdOf(input.partnerSiteId), input.scopes);
      return { grantId: grant.id };
    });
    return { grant: await loadWritten(ctx, PartnerGrant, result.grantId, PartnerGrantType.from), userErrors: [], replayed: result.replayed };
  }

  @Mutation(() => RevokePartnerAccessPayload, { nullable: true, description: 'Scope ADMIN, site keys only.' })
  async revokePartnerAccess(@Arg('input') input: RevokePartnerAccessInput, @Ctx() ctx: Context): Promise<RevokePartnerAccessPayload> {
    requireSiteAdmin(ctx.principal);
    const result = await runMutation(ctx, { operation: 'revokePartnerAccess', scope: Scope.ADMIN, input }, async (tx) => {
      const grant = await new PartnerGrantService(tx).revoke(idOf(input.id, 'PartnerGrant'));
      return { grantId: grant.id };
    });
    return { grant: await loadWritten(ctx, PartnerGrant, result.grantId, PartnerGrantType.from), userErrors: [], replayed: result.replayed };
  }
}
