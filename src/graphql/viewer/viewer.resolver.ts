import { Ctx, Query, Resolver } from 'type-graphql';
import { NotFoundError } from '../../kernel/errors';
import { SiteKind } from '../../domain/sites/site.entity';
import type { Context } from '../context';
import { toGlobalId } from '../common/global-id';
import { SiteType } from '../sites/site.type';
import { Viewer } from './viewer.type';

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: 'Who am I: any valid API key may ask.' })
  async viewer(@Ctx() { principal, loaders }: Context): Promise<Viewer> {
    const [site, actingSite] = await Promise.all([loaders.site.load(principal.siteId), loaders.site.load(principal.actingSiteId)]);
    // The key was just authenticated against these sites, so a missing one was deleted mid-request.
    if (!site || !actingSite) throw new NotFoundError('site');
    return {
      apiKeyId: toGlobalId('ApiKey', principal.apiKeyId),
      site: SiteType.from(site),
      actingSite: SiteType.from(actingSite),
      scopes: [...principal.scopes].sort(),
      isPartner: principal.siteKind === SiteKind.PARTNER,
    };
  }
}
