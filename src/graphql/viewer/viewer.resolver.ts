import { Ctx, FieldResolver, Query, Resolver } from 'type-graphql';
import { NotFoundError } from '../../kernel/errors';
import { SiteKind } from '../../domain/sites/site.entity';
import type { Context } from '../context';
import { toGlobalId } from '../common/global-id';
import { SiteType } from '../sites/site.type';
import { Viewer } from './viewer.type';
import { GrantedSiteType } from './granted-site.type';
import { findGrantedSites, keyScopesOf } from '../../domain/sites/granted-sites.queries';
import { Scope } from '../../domain/sites/api-key.entity';

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: 'Who am I: any valid API key may ask.' })
  async viewer(@Ctx() { principal, loaders }: Context): Promise<Viewer> {
    // The key's own site came with the key (no statement: the viewer is what every client asks first); an acting
    // site named by a partner is read. Settings are never taken from the key's copy (SiteType.fromKey).
    const siteOf = async (id: string) => {
      if (principal.keySite?.id === id) return SiteType.fromKey(principal.keySite);
      const site = await loaders.site.load(id);
      return site && SiteType.from(site);
    };
    const [site, actingSite] = await Promise.all([siteOf(principal.siteId), siteOf(principal.actingSiteId)]);
    // The key was just authenticated against these sites, so a missing one was deleted mid-request.
    if (!site || !actingSite) throw new NotFoundError('site');
    return {
      apiKeyId: toGlobalId('ApiKey', principal.apiKeyId),
      site,
      actingSite,
      scopes: [...principal.scopes].sort(),
      isPartner: principal.siteKind === SiteKind.PARTNER,
    };
  }

  @FieldResolver(() => [GrantedSiteType], {
    description:
      'For a partner key: the sites that granted it access, with what it may do at each (empty for a site key). ' +
      'A partner may ask without X-Acting-Site; every other field then needs one.',
  })
  async grantedSites(@Ctx() { principal, em, loaders }: Context): Promise<GrantedSiteType[]> {
    if (principal.siteKind !== SiteKind.PARTNER) return [];
    const keyScopes = (await keyScopesOf(em, principal.apiKeyId)) as Scope[];
    const rows = await findGrantedSites(em, principal.siteId);
    const sites = await Promise.all(rows.map((row) => loaders.site.load(row.siteId)));
    return rows.flatMap((row, i) => {
      const site = sites[i];
      if (!site) return [];
      const granted = row.scopes as Scope[];
      const effective = keyScopes.filter((s) => granted.includes(s) || granted.includes(Scope.ADMIN));
      return [{ site: SiteType.from(site), grantedScopes: [...granted].sort(), effectiveScopes: effective.sort(), grantedAt: row.grantedAt }];
    });
  }
}
