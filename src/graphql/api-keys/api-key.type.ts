import { Field, ObjectType } from 'type-graphql';
import { Scope, type ApiKey } from '../../domain/sites/api-key.entity';
import { ConnectionType } from '../common/connection';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';

/** What a site may see of its keys: never the secret or its hash. */
@ObjectType('ApiKey', { implements: Node, description: "One of the acting site's API keys. The secret is shown only when it is created." })
export class ApiKeyType extends Node {
  @Field()
  name!: string;

  @Field({ description: 'The public part of the key (pgk_<prefix>_…), to tell keys apart.' })
  prefix!: string;

  @Field(() => [Scope])
  scopes!: Scope[];

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Set once the key is revoked; a revoked key is refused with 401.' })
  revokedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;

  static from(key: ApiKey): ApiKeyType {
    return Object.assign(new ApiKeyType(), {
      id: toGlobalId('ApiKey', key.id),
      name: key.name,
      prefix: key.prefix,
      scopes: [...key.scopes],
      createdAt: key.createdAt,
      revokedAt: key.revokedAt ?? null,
      lastUsedAt: key.lastUsedAt ?? null,
    });
  }
}

export const ApiKeyConnection = ConnectionType(ApiKeyType, 'ApiKey');
