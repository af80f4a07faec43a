import type { EntityManager } from '@mikro-orm/postgresql';
import type { GqlResult } from './app';

type Gql = (query: string, variables?: Record<string, unknown>) => Promise<GqlResult>;

/** Short durations so retries, backoff, rotation and disabling happen in seconds (docs/webhooks.md lists the variables). */
export const FAST_WEBHOOKS = {
  WEBHOOK_SWEEP_INTERVAL_MS: '100',
  WEBHOOK_TIMEOUT_MS: '600',
  WEBHOOK_RETRY_BASE_MS: '100',
  WEBHOOK_RETRY_MAX_DELAY_MS: '400',
  WEBHOOK_RETRY_FOR_MS: '120000',
  // Long, so a loaded machine's slow mutations don't disable a test's endpoint; the disabling test shortens it.
  WEBHOOK_DISABLE_AFTER_MS: '120000',
  WEBHOOK_ROTATION_OVERLAP_MS: '4000',
};

export const CREATE_ENDPOINT = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) {
  webhookEndpoint { id url eventTypes enabled disabledReason } secret userErrors { code field message } } }`;

export const ROTATE_SECRET = `mutation($input: WebhookEndpointIdInput!) { rotateWebhookEndpointSecret(input: $input) {
  webhookEndpoint { id previousSecretExpiresAt } secret userErrors { code field message } } }`;

export const DELIVERIES = `query($endpointId: ID, $first: Int, $after: String) { webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) {
  nodes { id status nextAttemptAt deliveredAt event { id webhookId type resourceId payload } endpoint { id }
    attempts { responseStatus responseBody error durationMs } }
  pageInfo { hasNextPage endCursor } } }`;

export const REDELIVER = `mutation($input: RedeliverWebhookEventInput!) { redeliverWebhookEvent(input: $input) {
  deliveries { id status } userErrors { code field message } } }`;

export const ENDPOINTS = `query { webhookEndpoints { nodes { id enabled disabledReason consecutiveFailures failingSince } } }`;

export const ALL_TYPES = ['transaction.updated', 'refund.updated', 'payout.updated', 'scheduled_payment.updated'];

export async function createEndpoint(gql: Gql, url: string, eventTypes = ALL_TYPES): Promise<{ id: string; secret: string }> {
  const res = await gql(CREATE_ENDPOINT, { input: { url, eventTypes } });
  const made = res.data?.createWebhookEndpoint;
  if (!made?.secret) throw new Error(`endpoint not created: ${res.body}`);
  return { id: made.webhookEndpoint.id, secret: made.secret };
}

/** The outbox as committed: each resource's events in the order they were written, as the receiver must see them. */
export async function committedEvents(em: EntityManager, siteId: string): Promise<{ id: string; resource_key: string; type: string }[]> {
  return em.execute(`select id, resource_key, type from webhook_event where site_id = ? order by created_at, id`, [siteId]);
}

export const webhookId = (eventId: string) => `msg_${eventId.replaceAll('-', '')}`;

/** resource → webhook ids in order. */
export function byResource(rows: { resource: string; id: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const row of rows) (out[row.resource] ??= []).push(row.id);
  return out;
}
