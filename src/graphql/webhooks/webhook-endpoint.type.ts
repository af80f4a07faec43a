import { Field, Int, ObjectType } from 'type-graphql';
import type { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint.entity';
import { ConnectionType } from '../common/connection';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';

@ObjectType('WebhookEndpoint', { implements: Node, description: 'Where the acting site receives signed webhooks (docs/webhooks.md). The secret is shown only on create and rotate.' })
export class WebhookEndpointType extends Node {
  @Field()
  url!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => [String], { description: 'The event types sent here, e.g. transaction.updated.' })
  eventTypes!: string[];

  @Field()
  enabled!: boolean;

  @Field(() => String, { nullable: true, description: 'Why it is disabled: by the merchant, or by the gateway after persistent failure.' })
  disabledReason!: string | null;

  @Field(() => Date, { nullable: true, description: 'Since when every attempt to it failed; null after a success.' })
  failingSince!: Date | null;

  @Field(() => Int)
  consecutiveFailures!: number;

  @Field(() => Date, { nullable: true, description: 'Until then the previous secret signs too (after a rotation).' })
  previousSecretExpiresAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  static from(endpoint: WebhookEndpoint): WebhookEndpointType {
    return Object.assign(new WebhookEndpointType(), {
      id: toGlobalId('WebhookEndpoint', endpoint.id),
      url: endpoint.url,
      description: endpoint.description ?? null,
      eventTypes: [...endpoint.eventTypes],
      enabled: endpoint.enabled,
      disabledReason: endpoint.disabledReason ?? null,
      failingSince: endpoint.failingSince ?? null,
      consecutiveFailures: endpoint.consecutiveFailures,
      previousSecretExpiresAt: endpoint.previousSecretExpiresAt ?? null,
      createdAt: endpoint.createdAt,
      updatedAt: endpoint.updatedAt,
    });
  }
}

export const WebhookEndpointConnection = ConnectionType(WebhookEndpointType, 'WebhookEndpoint');
