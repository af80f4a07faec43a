import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { DeliveryView } from '../../domain/webhooks/webhook-deliveries.queries';
import { WebhookDeliveryStatus } from '../../domain/webhooks/webhook-delivery.entity';
import { webhookIdOf } from '../../domain/webhooks/webhook-delivery';
import type { WebhookAttempt } from '../../domain/webhooks/webhook-attempt.entity';
import type { WebhookEvent } from '../../domain/webhooks/webhook-event.entity';
import { ConnectionType } from '../common/connection';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';
import { WebhookEndpointType } from './webhook-endpoint.type';

registerEnumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus', description: 'PENDING (to be sent or retried), DELIVERED (a 2xx came back), FAILED (given up after the retry window).' });

@ObjectType('WebhookEvent', { implements: Node, description: 'A state change as sent to endpoints: the body is `payload`.' })
export class WebhookEventType extends Node {
  @Field({ description: 'The webhook-id header of every delivery of this event.' })
  webhookId!: string;

  @Field({ description: 'transaction.updated, refund.updated, payout.updated or scheduled_payment.updated.' })
  type!: string;

  @Field(() => ID, { description: 'Global id of the object the event is about.' })
  resourceId!: string;

  @Field(() => GraphQLJSONObject, { description: 'The body sent: {type, timestamp, data}.' })
  payload!: Record<string, unknown>;

  @Field()
  createdAt!: Date;

  static from(event: WebhookEvent): WebhookEventType {
    const [type, id] = event.resourceKey.split(':');
    return Object.assign(new WebhookEventType(), {
      id: toGlobalId('WebhookEvent', event.id),
      webhookId: webhookIdOf(event.id),
      type: event.type,
      resourceId: toGlobalId(type!, id!),
      payload: event.payload,
      createdAt: event.createdAt,
    });
  }
}

@ObjectType('WebhookAttempt', { description: 'One request of a delivery and its answer.' })
export class WebhookAttemptType {
  @Field()
  createdAt!: Date;

  @Field(() => Int, { nullable: true, description: 'The HTTP status; null when no response came (see error).' })
  responseStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'The first 1024 characters of the response body.' })
  responseBody!: string | null;

  @Field(() => String, { nullable: true, description: 'TIMEOUT or CONNECTION_FAILED… when no response came.' })
  error!: string | null;

  @Field(() => Int)
  durationMs!: number;

  static from(attempt: WebhookAttempt): WebhookAttemptType {
    return Object.assign(new WebhookAttemptType(), {
      createdAt: attempt.createdAt,
      responseStatus: attempt.responseStatus ?? null,
      responseBody: attempt.responseBody ?? null,
      error: attempt.error ?? null,
      durationMs: attempt.durationMs,
    });
  }
}

@ObjectType('WebhookDelivery', { implements: Node, description: 'One event to one endpoint, with its attempts.' })
export class WebhookDeliveryType extends Node {
  @Field(() => WebhookDeliveryStatus)
  status!: WebhookDeliveryStatus;

  @Field(() => WebhookEventType)
  event!: WebhookEventType;

  @Field(() => WebhookEndpointType)
  endpoint!: WebhookEndpointType;

  @Field(() => [WebhookAttemptType], { description: 'Oldest first. An attempt cut short by a crash leaves no row; it is sent again.' })
  attempts!: WebhookAttemptType[];

  @Field(() => Date, { nullable: true, description: 'When it is due (again), while PENDING.' })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field()
  createdAt!: Date;

  static from(view: DeliveryView): WebhookDeliveryType {
    const { delivery } = view;
    return Object.assign(new WebhookDeliveryType(), {
      id: toGlobalId('WebhookDelivery', delivery.id),
      status: delivery.status,
      event: WebhookEventType.from(view.event),
      endpoint: WebhookEndpointType.from(view.endpoint),
      attempts: view.attempts.map(WebhookAttemptType.from),
      nextAttemptAt: delivery.status === WebhookDeliveryStatus.PENDING ? delivery.nextAttemptAt : null,
      deliveredAt: delivery.deliveredAt ?? null,
      createdAt: delivery.createdAt,
    });
  }
}

export const WebhookDeliveryConnection = ConnectionType(WebhookDeliveryType, 'WebhookDelivery');
