import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Scope } from '../../domain/sites/api-key.entity';
import type { KeySite } from '../../domain/sites/principal';
import { SiteKind, type Site } from '../../domain/sites/site.entity';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';

registerEnumType(SiteKind, { name: 'SiteKind' });
registerEnumType(Scope, { name: 'Scope', description: 'What an API key may do.' });

@ObjectType('Site', { implements: Node, description: 'A merchant site or a partner.' })
export class SiteType extends Node {
  @Field()
  name!: string;

  @Field(() => SiteKind)
  kind!: SiteKind;

  @Field()
  createdAt!: Date;

  /** Not a field: what SiteSettingsResolver shows, to the key acting for this site only. */
  matchSettings?: Site['customerDataMatch'];

  /** Not a field: true when built from the authenticated key's copy of the site, whose settings may be old. */
  settingsUnread?: boolean;

  static from(site: Site): SiteType {
    return { id: toGlobalId('Site', site.id), name: site.name, kind: site.kind, createdAt: site.createdAt, matchSettings: site.customerDataMatch };
  }

  /** From the key's copy of its site (principal.keySite): what never changes; the settings are read if asked for. */
  static fromKey(site: KeySite): SiteType {
    return { id: toGlobalId('Site', site.id), name: site.name, kind: site.kind, createdAt: site.createdAt, settingsUnread: true };
  }
}
