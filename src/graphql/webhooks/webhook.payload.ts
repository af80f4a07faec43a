import { Field, ID, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-error.type';
import { WebhookDeliveryType } from './webhook-delivery.type';
import { WebhookEndpointType } from './webhook-endpoint.type';

@ObjectType()
export class WebhookEndpointPayload extends MutationPayload {
  @Field(() => WebhookEndpointType, { nullable: true })
  webhookEndpoint?: WebhookEndpointType | null;
}

@ObjectType()
export class WebhookEndpointSecretPayload extends WebhookEndpointPayload {
  @Field(() => String, {
    nullable: true,
    description:
      'The signing secret (whsec_…), shown this once; verify webhooks with it (docs/webhooks.md). An idempotent ' +
      'replay returns null here: if the response was lost, rotate the secret.',
  })
  secret?: string | null;
}

@ObjectType()
export class DeleteWebhookEndpointPayload extends MutationPayload {
  @Field(() => ID, { nullable: true })
  deletedWebhookEndpointId?: string | null;
}

@ObjectType()
export class RedeliverWebhookEventPayload extends MutationPayload {
  @Field(() => [WebhookDeliveryType])
  deliveries: WebhookDeliveryType[] = [];
}
