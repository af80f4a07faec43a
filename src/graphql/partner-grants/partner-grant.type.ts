import { Field, ObjectType } from 'type-graphql';
import { Scope } from '../../domain/sites/api-key.entity';
import type { PartnerGrant } from '../../domain/sites/partner-grant.entity';
import { ConnectionType } from '../common/connection';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';

@ObjectType('PartnerGrant', {
  implements: Node,
  description: 'Lets a partner act for the granting site, with at most these scopes (the partner key is narrowed to them).',
})
export class PartnerGrantType extends Node {
  /** Database id of the partner site, kept off the schema; the partner field loads it. */
  partnerDbId!: string;

  @Field(() => [Scope])
  scopes!: Scope[];

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Set once revoked; the partner is refused from its next request.' })
  revokedAt!: Date | null;

  static from(grant: PartnerGrant): PartnerGrantType {
    return Object.assign(new PartnerGrantType(), {
      id: toGlobalId('PartnerGrant', grant.id),
      partnerDbId: grant.partner.id,
      scopes: [...grant.scopes],
      createdAt: grant.createdAt,
      revokedAt: grant.revokedAt ?? null,
    });
  }
}

export const PartnerGrantConnection = ConnectionType(PartnerGrantType, 'PartnerGrant');
