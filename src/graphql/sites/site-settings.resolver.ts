import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Scope } from '../../domain/sites/api-key.entity';
import { matchSettingsOf, updateCustomerDataMatch } from '../../domain/sites/customer-data-match.service';
import { Site } from '../../domain/sites/site.entity';
import { toGlobalId } from '../common/global-id';
import { loadWritten, runMutation } from '../common/mutation';
import type { Context } from '../context';
import { CustomerDataMatchType, UpdateCustomerDataMatchInput, UpdateCustomerDataMatchPayload } from './customer-data-match.type';
import { SiteType } from './site.type';

@Resolver(() => SiteType)
export class SiteSettingsResolver {
  @FieldResolver(() => CustomerDataMatchType, { nullable: true, description: 'The customer data comparison settings; shown only on the merchant site the key acts for.' })
  async customerDataMatch(@Root() site: SiteType, @Ctx() ctx: Context): Promise<CustomerDataMatchType | null> {
    if (!ctx.principal || site.id !== toGlobalId('Site', ctx.principal.actingSiteId)) return null;
    const settings = site.settingsUnread ? (await ctx.loaders.site.load(ctx.principal.actingSiteId))?.customerDataMatch : site.matchSettings;
    return CustomerDataMatchType.from(matchSettingsOf({ customerDataMatch: settings }));
  }

  @Mutation(() => UpdateCustomerDataMatchPayload, { nullable: true, description: 'Scope ADMIN (a partner needs it in its grant). Changes the acting site\'s customer data comparison settings.' })
  async updateCustomerDataMatch(@Arg('input') input: UpdateCustomerDataMatchInput, @Ctx() ctx: Context): Promise<UpdateCustomerDataMatchPayload> {
    const change = { fields: input.fields ?? undefined, thresholdPercent: input.threshold ?? undefined, acceptAccountless: input.acceptAccountless ?? undefined };
    const result = await runMutation(ctx, { operation: 'updateCustomerDataMatch', scope: Scope.ADMIN, input }, async (tx) => ({ siteId: (await updateCustomerDataMatch(tx, change)).id }));
    return { site: await loadWritten(ctx, Site, result.siteId, SiteType.from, ctx.em.fork()), userErrors: [], replayed: result.replayed };
  }
}
