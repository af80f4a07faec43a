import { Ctx, Query, Resolver } from 'type-graphql';
import { Site } from '../../domain/sites/site.entity';
import type { Context } from '../context';
import { readingSite } from '../node/read-helpers';
import { ProviderType } from './provider.type';

@Resolver()
export class ProvidersResolver {
  @Query(() => [ProviderType], { nullable: true, description: 'Scope READ. Every configured provider with its capabilities.' })
  async providers(@Ctx() ctx: Context): Promise<ProviderType[]> {
    const site = await ctx.em.findOne(Site, { id: readingSite(ctx) });
    const configured = new Set(Object.keys(site?.providerCredentials ?? {}));
    return ctx.deps.providers.list().map((p) => ProviderType.from(p, configured.has(p.key)));
  }
}
