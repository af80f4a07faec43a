import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Scope } from '../../domain/sites/api-key.entity';
import { requireScope } from '../../domain/sites/principal';
import { listDeliveries, redeliver, withDetails } from '../../domain/webhooks/webhook-deliveries.queries';
import { WebhookDelivery, WebhookDeliveryStatus } from '../../domain/webhooks/webhook-delivery.entity';
import { WebhookEndpointService } from '../../domain/webhooks/webhook-endpoint.service';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../common/connection';
import { idOf } from '../common/global-id';
import { runMutation } from '../common/mutation';
import type { Context } from '../context';
import { filterId, pageArgs } from '../node/read-helpers';
import { WebhookDeliveryConnection, WebhookDeliveryType } from './webhook-delivery.type';
import { RedeliverWebhookEventInput } from './webhook-endpoint.input';
import { WebhookEndpointConnection, WebhookEndpointType } from './webhook-endpoint.type';
import { RedeliverWebhookEventPayload } from './webhook.payload';

@ArgsType()
class WebhookDeliveriesArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true })
  endpointId?: string;

  @Field(() => ID, { nullable: true })
  eventId?: string;

  @Field(() => WebhookDeliveryStatus, { nullable: true })
  status?: WebhookDeliveryStatus;
}

@Resolver()
export class WebhookResolver {
  @Query(() => WebhookEndpointConnection, { nullable: true, description: "The acting site's webhook endpoints, newest first. Scope ADMIN." })
  async webhookEndpoints(@Args() args: ConnectionArgs, @Ctx() ctx: Context): Promise<ConnectionShape<WebhookEndpointType>> {
    requireScope(ctx.principal, Scope.ADMIN);
    const page = await new WebhookEndpointService(ctx.em, ctx.deps.cipher, ctx.deps.config.webhooks).list(pageArgs(args));
    return toConnection(page, WebhookEndpointType.from);
  }

  @Query(() => WebhookDeliveryConnection, { nullable: true, description: 'Webhook deliveries of the acting site with their attempts and responses, newest first. Scope ADMIN.' })
  async webhookDeliveries(@Args() args: WebhookDeliveriesArgs, @Ctx() ctx: Context): Promise<ConnectionShape<WebhookDeliveryType>> {
    requireScope(ctx.principal, Scope.ADMIN);
    const filter = {
      endpointId: filterId(args.endpointId, 'WebhookEndpoint', 'endpointId'),
      eventId: filterId(args.eventId, 'WebhookEvent', 'eventId'),
      status: args.status,
    };
    return toConnection(await listDeliveries(ctx.em, filter, pageArgs(args)), WebhookDeliveryType.from);
  }

  @Mutation(() => RedeliverWebhookEventPayload, { nullable: true, description: 'Scope ADMIN. Sends an event again (same webhook-id), after any pending delivery of the same object.' })
  async redeliverWebhookEvent(@Arg('input') input: RedeliverWebhookEventInput, @Ctx() ctx: Context): Promise<RedeliverWebhookEventPayload> {
    const result = await runMutation(ctx, { operation: 'redeliverWebhookEvent', scope: Scope.ADMIN, input }, async (tx) => ({
      ids: await redeliver(tx, idOf(input.eventId, 'WebhookEvent'), input.endpointId === undefined ? undefined : (idOf(input.endpointId, 'WebhookEndpoint') ?? null)),
    }));
    const rows = await ctx.em.find(WebhookDelivery, { id: result.ids }, { orderBy: { id: 'asc' } });
    return { deliveries: (await withDetails(ctx.em, rows)).map(WebhookDeliveryType.from), userErrors: [], replayed: result.replayed };
  }
}
