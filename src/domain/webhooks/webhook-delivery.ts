import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { CredentialCipher } from '../sites/credentials';
import { claimDelivery } from './webhook-claim';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { openSecret } from './webhook-endpoint.service';
import { WebhookEvent } from './webhook-event.entity';
import { recordOutcome, type Outcome, type RetryPolicy } from './webhook-outcome';
import { sendWebhook } from './webhook-send';

export interface DeliverySettings extends RetryPolicy {
  timeoutMs: number;
}

export interface DeliveryDeps {
  /** Unscoped: a delivery names its site. */
  em: EntityManager;
  cipher: CredentialCipher;
  settings: DeliverySettings;
}

/** Covers the time between the claim and the request, and recording the outcome, beyond the request's own timeout. */
const LEASE_MARGIN_MS = 5_000;

/** The `webhook-id` of every delivery of an event, redeliveries included, so receivers can drop duplicates. */
export function webhookIdOf(eventId: string): string {
  return `msg_${eventId.replaceAll('-', '')}`;
}

/** One attempt of one delivery, when it may go now (webhook-claim.ts); SKIPPED when it may not, or another worker has it. */
export async function deliverOnce(deps: DeliveryDeps, deliveryId: string): Promise<Outcome | 'SKIPPED'> {
  const em = deps.em.fork() as EntityManager;
  const claim = await claimDelivery(em, deliveryId, randomUUID(), deps.settings.timeoutMs + LEASE_MARGIN_MS);
  if (!claim) return 'SKIPPED';
  const endpoint = await em.findOneOrFail(WebhookEndpoint, { id: claim.endpointId });
  const event = await em.findOneOrFail(WebhookEvent, { id: claim.eventId });
  const result = await sendWebhook({
    url: endpoint.url,
    id: webhookIdOf(event.id),
    body: JSON.stringify(event.payload),
    secrets: signingSecrets(deps.cipher, endpoint, new Date()),
    timeoutMs: deps.settings.timeoutMs,
  });
  return recordOutcome(em, claim, result, deps.settings);
}

/** The current secret, and the previous one while its rotation overlap lasts. */
export function signingSecrets(cipher: CredentialCipher, endpoint: WebhookEndpoint, now: Date): string[] {
  const secrets = [openSecret(cipher, endpoint, endpoint.secretSealed)];
  if (endpoint.previousSecretSealed && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(openSecret(cipher, endpoint, endpoint.previousSecretSealed));
  }
  return secrets;
}
