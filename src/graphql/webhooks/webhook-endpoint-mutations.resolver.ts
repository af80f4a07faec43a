import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Scope } from '../../domain/sites/api-key.entity';
import { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint.entity';
import { WebhookEndpointService } from '../../domain/webhooks/webhook-endpoint.service';
import { idOf, toGlobalId } from '../common/global-id';
import { loadWritten, runMutation } from '../common/mutation';
import type { Context } from '../context';
import { CreateWebhookEndpointInput, DisableWebhookEndpointInput, UpdateWebhookEndpointInput, WebhookEndpointIdInput } from './webhook-endpoint.input';
import { WebhookEndpointType } from './webhook-endpoint.type';
import { DeleteWebhookEndpointPayload, WebhookEndpointPayload, WebhookEndpointSecretPayload } from './webhook.payload';

const ADMIN = 'Scope ADMIN. ';
const serviceOf = (ctx: Context, tx: EntityManager) => new WebhookEndpointService(tx, ctx.deps.cipher, ctx.deps.config.webhooks);
const endpointId = (input: { id: string }) => idOf(input.id, 'WebhookEndpoint');

@Resolver()
export class WebhookEndpointMutationsResolver {
  @Mutation(() => WebhookEndpointSecretPayload, { nullable: true, description: `${ADMIN}Returns the signing secret once.` })
  async createWebhookEndpoint(@Arg('input') input: CreateWebhookEndpointInput, @Ctx() ctx: Context): Promise<WebhookEndpointSecretPayload> {
    let secret: string | null = null;
    const result = await runMutation(ctx, { operation: 'createWebhookEndpoint', scope: Scope.ADMIN, input }, async (tx) => {
      const created = await serviceOf(ctx, tx).create(input);
      secret = created.secret;
      return { id: created.endpoint.id };
    });
    return this.payload(ctx, result, { secret });
  }

  @Mutation(() => WebhookEndpointPayload, { nullable: true, description: ADMIN })
  async updateWebhookEndpoint(@Arg('input') input: UpdateWebhookEndpointInput, @Ctx() ctx: Context): Promise<WebhookEndpointPayload> {
    const result = await runMutation(ctx, { operation: 'updateWebhookEndpoint', scope: Scope.ADMIN, input }, async (tx) => ({
      id: (await serviceOf(ctx, tx).update(endpointId(input), input)).id,
    }));
    return this.payload(ctx, result);
  }

  @Mutation(() => WebhookEndpointPayload, { nullable: true, description: `${ADMIN}Clears the failure streak; deliveries waiting for it go out again.` })
  async enableWebhookEndpoint(@Arg('input') input: WebhookEndpointIdInput, @Ctx() ctx: Context): Promise<WebhookEndpointPayload> {
    const result = await runMutation(ctx, { operation: 'enableWebhookEndpoint', scope: Scope.ADMIN, input }, async (tx) => ({
      id: (await serviceOf(ctx, tx).setEnabled(endpointId(input), true)).id,
    }));
    return this.payload(ctx, result);
  }

  @Mutation(() => WebhookEndpointPayload, { nullable: true, description: ADMIN })
  async disableWebhookEndpoint(@Arg('input') input: DisableWebhookEndpointInput, @Ctx() ctx: Context): Promise<WebhookEndpointPayload> {
    const result = await runMutation(ctx, { operation: 'disableWebhookEndpoint', scope: Scope.ADMIN, input }, async (tx) => ({
      id: (await serviceOf(ctx, tx).setEnabled(endpointId(input), false, input.reason)).id,
    }));
    return this.payload(ctx, result);
  }

  @Mutation(() => WebhookEndpointSecretPayload, { nullable: true, description: `${ADMIN}Returns the new secret once; the previous one keeps signing for the rotation overlap (24 h by default).` })
  async rotateWebhookEndpointSecret(@Arg('input') input: WebhookEndpointIdInput, @Ctx() ctx: Context): Promise<WebhookEndpointSecretPayload> {
    let secret: string | null = null;
    const result = await runMutation(ctx, { operation: 'rotateWebhookEndpointSecret', scope: Scope.ADMIN, input }, async (tx) => {
      const rotated = await serviceOf(ctx, tx).rotateSecret(endpointId(input));
      secret = rotated.secret;
      return { id: rotated.endpoint.id };
    });
    return this.payload(ctx, result, { secret });
  }

  @Mutation(() => DeleteWebhookEndpointPayload, { nullable: true, description: `${ADMIN}Its pending deliveries are dropped.` })
  async deleteWebhookEndpoint(@Arg('input') input: WebhookEndpointIdInput, @Ctx() ctx: Context): Promise<DeleteWebhookEndpointPayload> {
    const result = await runMutation(ctx, { operation: 'deleteWebhookEndpoint', scope: Scope.ADMIN, input }, async (tx) => ({
      id: await serviceOf(ctx, tx).delete(endpointId(input)),
    }));
    return { deletedWebhookEndpointId: toGlobalId('WebhookEndpoint', result.id), userErrors: [], replayed: result.replayed };
  }

  private async payload(ctx: Context, result: { id: string; replayed: boolean }, extra: { secret?: string | null } = {}) {
    return { webhookEndpoint: await loadWritten(ctx, WebhookEndpoint, result.id, WebhookEndpointType.from), ...extra, userErrors: [], replayed: result.replayed };
  }
}
