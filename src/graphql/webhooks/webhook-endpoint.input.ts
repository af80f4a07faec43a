import { ArrayMaxSize, ArrayNotEmpty, IsIn, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, InputType, ID } from 'type-graphql';
import { WEBHOOK_EVENT_TYPES } from '../../domain/webhooks/webhook-triggers';
import { MutationInput } from '../common/mutation';

const TYPES = `One or more of: ${WEBHOOK_EVENT_TYPES.join(', ')}.`;

@InputType({ description: 'A new webhook endpoint of the acting site.' })
export class CreateWebhookEndpointInput extends MutationInput {
  @Field({ description: 'https URL (http to a loopback address is accepted outside production). At most 2048 characters.' })
  @Length(1, 2048)
  url!: string;

  @Field(() => [String], { description: TYPES })
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  eventTypes!: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  description?: string;
}

@InputType({ description: 'Change an endpoint; fields left out keep their value.' })
export class UpdateWebhookEndpointInput extends MutationInput {
  @Field(() => ID, { description: 'Global id of the WebhookEndpoint.' })
  @Length(1, 200)
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 2048)
  url?: string;

  @Field(() => [String], { nullable: true, description: TYPES })
  @IsOptional()
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  eventTypes?: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  description?: string;
}

@InputType({ description: 'Names one webhook endpoint of the acting site.' })
export class WebhookEndpointIdInput extends MutationInput {
  @Field(() => ID, { description: 'Global id of the WebhookEndpoint.' })
  @Length(1, 200)
  id!: string;
}

@InputType({ description: 'Stop sending to an endpoint; its pending deliveries wait until it is enabled again.' })
export class DisableWebhookEndpointInput extends WebhookEndpointIdInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  reason?: string;
}

@InputType({ description: 'Send an event again, with the same webhook-id.' })
export class RedeliverWebhookEventInput extends MutationInput {
  @Field(() => ID, { description: 'Global id of the WebhookEvent.' })
  @Length(1, 200)
  eventId!: string;

  @Field(() => ID, { nullable: true, description: 'Global id of a WebhookEndpoint; by default every endpoint that had a delivery of the event.' })
  @IsOptional()
  @Length(1, 200)
  endpointId?: string;
}
