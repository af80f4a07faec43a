import { Field, ID, ObjectType } from 'type-graphql';
import { Scope } from '../../domain/sites/api-key.entity';
import { SiteType } from '../sites/site.type';

@ObjectType({ description: 'Who is calling: the API key, its site, the site it acts for and its scopes.' })
export class Viewer {
  @Field(() => ID, { description: 'Global id of the API key in use.' })
  apiKeyId!: string;

  @Field(() => SiteType, { description: 'The site that owns the API key (a merchant, or a partner).' })
  site!: SiteType;

  @Field(() => SiteType, { description: 'The site every read and write is scoped to.' })
  actingSite!: SiteType;

  @Field(() => [Scope])
  scopes!: Scope[];

  @Field({ description: 'True for a partner key (acting for a merchant site, or choosing one: see grantedSites).' })
  isPartner!: boolean;
}
