import { Field, ObjectType } from 'type-graphql';
import { Scope } from '../../domain/sites/api-key.entity';
import { SiteType } from '../sites/site.type';

@ObjectType('GrantedSite', { description: 'A site that lets the calling partner act for it: send its id as X-Acting-Site.' })
export class GrantedSiteType {
  @Field(() => SiteType)
  site!: SiteType;

  @Field(() => [Scope], { description: 'What the site granted.' })
  grantedScopes!: Scope[];

  @Field(() => [Scope], { description: 'What this API key may do there: its own scopes narrowed to the grant.' })
  effectiveScopes!: Scope[];

  @Field()
  grantedAt!: Date;
}
